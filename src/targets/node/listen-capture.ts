/**
 * Servers an app module starts itself (`app.listen(3000)`, `await fastify.listen(...)`,
 * `serve({ fetch, port })`, `new WebSocketServer({ port: 8080 })`): every Node TCP server
 * listens through `net.Server.prototype.listen`, which is wrapped while a capture lives.
 * A call made inside the capture's async context (the module's load, the factory it
 * exports, and anything they start, later timers included) is moved to a free
 * 127.0.0.1 port and its server recorded; calls from anywhere else pass through
 * untouched, so concurrent starts in one process never see each other's servers.
 * Once a capture is stopped, a listen of its app still on its way, or a late one while
 * other captures keep the wrapper installed, is closed as soon as it listens.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server as HttpServer } from 'node:http';
import net from 'node:net';
import { closeServer } from './listen.js';

type Listen = (this: net.Server, ...args: unknown[]) => net.Server;

interface CaptureState {
  servers: net.Server[];
  stopped: boolean;
}

const als = new AsyncLocalStorage<CaptureState>();
/** Servers whose moved listen has not listened yet. */
const pending = new WeakSet<net.Server>();
let live = 0;
let original: Listen | undefined;

/** The callback of a listen call: its last argument, when a function. */
function callbackOf(args: unknown[]): (() => void) | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as () => void) : undefined;
}

/** A listen on a handle or file descriptor is left alone: there is no port to move. */
function isHandle(first: unknown): boolean {
  if (typeof first !== 'object' || first === null) return false;
  const o = first as Record<string, unknown>;
  return o.port === undefined && o.path === undefined && (o.fd !== undefined || o._handle !== undefined || o.handle !== undefined);
}

function wrappedListen(this: net.Server, ...args: unknown[]): net.Server {
  const listen = original as Listen;
  const state = als.getStore();
  if (!state || isHandle(args[0])) return listen.apply(this, args);
  if (!state.servers.includes(this)) state.servers.push(this);
  const cb = callbackOf(args);
  // No 'error' listener here: an app without one must fail as it would anyway.
  pending.add(this);
  this.once('listening', () => pending.delete(this));
  const server = listen.call(this, { port: 0, host: '127.0.0.1' }, ...(cb ? [cb] : []));
  if (state.stopped) this.once('listening', () => void closeServer(this as HttpServer));
  return server;
}

/**
 * Closes a server, also one whose listen is still on its way (a host name is looked up
 * first, even 127.0.0.1): it is closed as soon as it listens.
 */
function closeWhenListening(server: HttpServer): Promise<void> {
  if (server.listening || !pending.has(server)) return closeServer(server);
  return new Promise((done) => {
    const timer = setTimeout(done, 1_000);
    const settle = (): void => {
      clearTimeout(timer);
      server.off('error', settle);
      done();
    };
    server.once('listening', () => void closeServer(server).then(settle));
    server.once('error', settle);
  });
}

function install(): void {
  if (live++ > 0) return;
  original = net.Server.prototype.listen as unknown as Listen;
  (net.Server.prototype as unknown as { listen: Listen }).listen = wrappedListen;
}

function uninstall(): void {
  if (--live > 0 || !original) return;
  (net.Server.prototype as unknown as { listen: Listen }).listen = original;
  original = undefined;
}

export class ListenCapture {
  readonly #state: CaptureState = { servers: [], stopped: false };
  #disposed = false;

  constructor() {
    install();
  }

  /** Runs `fn` (loading the module, calling its factory) inside this capture. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return als.run(this.#state, fn);
  }

  /** True when called from within `run` (the module's load and what it started). */
  readonly contains = (): boolean => als.getStore() === this.#state;

  /** The servers the app asked to listen, in call order (listening, or about to). */
  get servers(): readonly net.Server[] {
    return this.#state.servers;
  }

  /**
   * Waits a few turns of the event loop for a listen still on its way (an async
   * `start()` that awaits plugin registration first), up to `maxMs`.
   */
  async settle(maxMs = 100): Promise<void> {
    const until = Date.now() + maxMs;
    for (let turn = 0; turn < 10 && this.#state.servers.length === 0 && Date.now() < until; turn++) {
      await new Promise((resolve) => setTimeout(resolve, turn < 5 ? 0 : 10));
    }
  }

  /** Closes every server the app started and ends the capture; idempotent, never throws. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#state.stopped = true;
    await Promise.all(this.#state.servers.map((s) => closeWhenListening(s as HttpServer)));
    uninstall();
  }
}
