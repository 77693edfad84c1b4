/**
 * Starts any target wsroutes can test (a Node app file, a Python ASGI app, a URL) and
 * opens simulated clients on it, as Falcon's ASGIConductor does for one Falcon app, but
 * over real sockets and with many clients at once. `stop()` (or `await using`) closes
 * every client still open, then stops the target.
 */
import { readCodeOptions } from '../config/code-options.js';
import { type Options, resolveOptions } from '../config/options.js';
import type { WsroutesConfig } from '../config/user-config.js';
import { WsroutesError } from '../errors.js';
import { startTarget } from '../targets/start.js';
import type { Target } from '../targets/target.js';
import { WsClient, type ClientOptions } from './client.js';
import { ConductorError } from './errors.js';
import { ClientGroup } from './group.js';
import type { MediaType } from './media.js';

/** The config keys that apply to the Conductor: what starts a target. */
const CONDUCTOR_CONFIG_KEYS: (keyof WsroutesConfig)[] = ['app', 'appDir', 'python', 'url', 'connectionTimeout'];

export interface ConductorOptions {
  /**
   * A Node app file (`app.ts[:export]`), a Python ASGI app (`module.path:attr`), or a Node
   * app itself (a Fastify, Express or Hono app, a ws WebSocketServer, an http.Server).
   */
  app?: string | object;
  /** cwd. Directory Python imports the app from. */
  appDir?: string;
  /** $VIRTUAL_ENV, ./.venv, else python3. Interpreter for Python apps. */
  python?: string;
  /** A running server (http:// or ws://) instead of `app`. */
  url?: string;
  /** process.cwd(). Where `app` and `appDir` are resolved from. */
  cwd?: string;
  /** 'json'. Default media of every client (per client: `simulateWs(path, { media })`). */
  media?: MediaType;
  /** 5000. Default receive timeout of every client, milliseconds. */
  receiveTimeout?: number;
  /** 30. How long the target may take to start or answer its first connection, seconds (the config key's name and unit). */
  connectionTimeout?: number;
}

/** The Conductor's own keys, beside the config keys that apply to it. */
const OWN_KEYS = ['cwd', 'media', 'receiveTimeout'];

/** Options of one simulated connection. */
export type SimulateWsOptions = ClientOptions;

/**
 * The Options a Conductor starts its target with: the config file's keys that apply to a
 * target (`app` as a string, `appDir`, `python`, `url`, `connectionTimeout` in seconds), read
 * as a config file reads them; any other key but the Conductor's own is an error.
 */
export async function conductorTargetOptions(opts: ConductorOptions): Promise<Options> {
  const cwd = opts.cwd ?? process.cwd();
  const { app, ...rest } = opts;
  const values = await readCodeOptions(
    typeof app === 'string' ? { ...opts } : rest,
    { where: 'Conductor.start', own: OWN_KEYS, applies: CONDUCTOR_CONFIG_KEYS },
    cwd,
  );
  return resolveOptions({ ...values, cwd });
}

export class Conductor {
  readonly target: Target;
  readonly #defaults: { media?: MediaType; receiveTimeout?: number };
  readonly #open = new Set<WsClient>();
  /** Aborted by stop(): ends handshakes still pending, so a stalled server cannot hold the process. */
  readonly #stopped = new AbortController();
  #stopping: Promise<void> | undefined;

  private constructor(target: Target, defaults: { media?: MediaType; receiveTimeout?: number }) {
    this.target = target;
    this.#defaults = defaults;
  }

  static async start(opts: ConductorOptions): Promise<Conductor> {
    if (typeof opts !== 'object' || opts === null) {
      throw new ConductorError(`Conductor.start takes { app } or { url } (got ${opts === null ? 'null' : typeof opts})`);
    }
    if (opts.app === null || (opts.app === undefined && !opts.url)) {
      throw new ConductorError('Conductor.start: give { app } (a file, a module:attr spec or an app object) or { url }');
    }
    // An app value (not a file) starts on the same path as a file's export.
    const value = opts.app !== undefined && typeof opts.app !== 'string' ? opts.app : undefined;
    if (value && opts.url) throw new WsroutesError('USAGE', 'Conductor.start: give either app or url, not both');
    const target = await startTarget(await conductorTargetOptions(opts), value);
    return new Conductor(target, { media: opts.media, receiveTimeout: opts.receiveTimeout });
  }

  /** `ws://127.0.0.1:PORT` (no trailing slash). */
  get baseUrl(): string {
    return this.target.baseUrl;
  }

  /** Opens one connection to `path`; throws HandshakeRejectedError when the server refuses it. */
  async simulateWs(path: string, opts: SimulateWsOptions = {}): Promise<WsClient> {
    if (this.#stopping) throw new ConductorError('the conductor is stopped; start a new one to open connections');
    const client = await WsClient.connect(this.#url(path, opts.query), { ...this.#defaults, ...opts }, this.#stopped.signal, this.target.traces);
    this.#open.add(client);
    void client.whenClosed.then(() => this.#open.delete(client));
    return client;
  }

  /** Opens `n` connections to `path` at once. */
  async simulateWsMany(path: string, n: number, opts: SimulateWsOptions = {}): Promise<ClientGroup> {
    const settled = await Promise.allSettled(Array.from({ length: n }, () => this.simulateWs(path, opts)));
    const clients = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all(clients.map((c) => c.close()));
      throw failed.reason;
    }
    return new ClientGroup(clients);
  }

  /** Closes every open client (1000), then stops the target; idempotent. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#stopped.abort();
      await Promise.all([...this.#open].map((c) => c.close().catch(() => {})));
      await this.target.stop();
    })();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #url(path: string, query: SimulateWsOptions['query']): string {
    const at = path.indexOf('?');
    const pathname = at < 0 ? path : path.slice(0, at);
    // baseUrl has no trailing slash and may carry a URL target's base path.
    const url = new URL(this.target.baseUrl + (pathname.startsWith('/') ? '' : '/') + pathname);
    if (at >= 0) url.search = path.slice(at);
    const params = query instanceof URLSearchParams ? [...query] : Object.entries(query ?? {});
    for (const [k, v] of params) url.searchParams.append(k, String(v));
    return url.toString();
  }
}
