/**
 * One simulated WebSocket client over a real socket (`ws`). Every message is queued as
 * it arrives, so nothing is lost between receives; a receive takes the oldest one, or
 * waits for the next up to its timeout. Once the connection is closed, queued messages
 * are still handed out, then each receive throws DisconnectedError.
 */
import type { IncomingMessage } from 'node:http';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import WebSocket from 'ws';
import { isSendableCloseCode } from '../config/close-codes.js';
import { handshakeDeadline } from '../execution/handshake-deadline.js';
import type { ServerTrace, TraceSource, TraceWatch } from '../targets/target.js';
import {
  ConductorError,
  DisconnectedError,
  HandshakeRejectedError,
  HandshakeTimeoutError,
  MessageKindError,
  ReceiveTimeoutError,
  type FrameKind,
} from './errors.js';
import { decodeMedia, encodeMedia, type MediaType } from './media.js';

/** 5000. Default receive timeout, milliseconds. */
export const DEFAULT_RECEIVE_TIMEOUT_MS = 5000;

/** How long close() waits for the server's close frame before dropping the socket (ws waits 30 s). */
const CLOSE_WAIT_MS = 5000;

export interface ReceiveOptions {
  /** 5000 (or the client's `receiveTimeout`). Milliseconds to wait for a message. */
  timeout?: number;
}

export interface ClientOptions {
  /** {}. Handshake request headers. */
  headers?: Record<string, string>;
  /** {}. Appended to the URL's query string. */
  query?: Record<string, string | number | boolean> | URLSearchParams;
  /** []. Offered subprotocols (Sec-WebSocket-Protocol), in order of preference. */
  subprotocols?: string[];
  /** 'json'. How sendMedia() encodes: JSON text frames or MessagePack binary frames. */
  media?: MediaType;
  /** 5000. Default timeout of every receive, milliseconds. */
  receiveTimeout?: number;
  /** 10000. Handshake timeout, milliseconds: a deadline for the whole opening handshake. */
  handshakeTimeout?: number;
}

/** Timers take 1 ms .. 2^31-1 ms; anything else would fire at once (with a Node warning). */
const MAX_TIMER_MS = 0x7fffffff;

function checkedMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new ConductorError(`${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS} (got ${String(value)})`);
  }
  return value;
}

/** Close codes a client may send (RFC 6455 section 7.4; 1004-1006 and 1015 are reserved). */
function checkedCloseCode(code: number): number {
  if (!Number.isInteger(code) || !isSendableCloseCode(code)) {
    throw new ConductorError(`close code ${String(code)} cannot be sent; use 1000-1003, 1007-1014 or 3000-4999`);
  }
  return code;
}

function checkedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  for (const [name, value] of Object.entries(headers ?? {})) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch (err) {
      throw new ConductorError(`bad handshake header ${JSON.stringify(name)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  return headers ?? {};
}

type Incoming = { kind: 'text'; data: string } | { kind: 'binary'; data: Buffer };

interface Waiter {
  kind: FrameKind | 'any';
  resolve(message: Incoming): void;
  reject(err: Error): void;
}

export class WsClient {
  readonly url: string;
  readonly #socket: WebSocket;
  readonly #media: MediaType;
  readonly #receiveTimeout: number;
  readonly #queue: Incoming[] = [];
  readonly #waiters: Waiter[] = [];
  readonly #closedPromise: Promise<void>;
  readonly #subprotocol: string | undefined;
  #close: { code: number; reason: string } | undefined;
  /** The server's traces of this connection, as they arrive; all of them once `#traceEnd` resolves. */
  readonly #traces: ServerTrace[];
  #traceEnd: Promise<ServerTrace[]> | undefined;

  private constructor(
    url: string,
    socket: WebSocket,
    opts: ClientOptions,
    subprotocol: string | undefined,
    traced?: { watch: TraceWatch; seen: ServerTrace[] },
  ) {
    this.url = url;
    this.#traces = traced?.seen ?? [];
    this.#subprotocol = subprotocol;
    this.#socket = socket;
    this.#media = opts.media ?? 'json';
    this.#receiveTimeout = checkedMs('receiveTimeout', opts.receiveTimeout, DEFAULT_RECEIVE_TIMEOUT_MS);
    socket.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      this.#queue.push(isBinary ? { kind: 'binary', data: buffer } : { kind: 'text', data: buffer.toString('utf8') });
      this.#drain();
    });
    this.#closedPromise = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        this.#close = { code, reason: reason.toString('utf8') };
        // The target waits briefly for traces still in flight (a Python bridge reports after the close).
        this.#traceEnd = traced ? traced.watch.end() : Promise.resolve([]);
        this.#drain();
        resolve();
      });
    });
    // A socket error (reset) is followed by 'close' (1006): receives report that.
    socket.on('error', () => {});
  }

  /**
   * Opens a connection; resolves once the server accepted it (101). `signal` ends a
   * pending handshake (the Conductor stopping).
   */
  static async connect(url: string, opts: ClientOptions = {}, signal?: AbortSignal, traces?: TraceSource): Promise<WsClient> {
    const handshakeMs = checkedMs('handshakeTimeout', opts.handshakeTimeout, 10_000);
    checkedMs('receiveTimeout', opts.receiveTimeout, DEFAULT_RECEIVE_TIMEOUT_MS);
    const given = checkedHeaders(opts.headers);
    return new Promise((resolve, reject) => {
      const offered = opts.subprotocols ?? [];
      // Offered through the header, not ws's `protocols` argument: ws fails a handshake in
      // which the server selects none of them, which RFC 6455 section 4.2.2 allows.
      const headers = { ...given, ...(offered.length > 0 ? { 'Sec-WebSocket-Protocol': offered.join(', ') } : {}) };
      let socket: WebSocket;
      try {
        socket = new WebSocket(url, [], { headers, handshakeTimeout: handshakeMs });
      } catch (err) {
        reject(new ConductorError(`cannot connect to ${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
        return;
      }
      const deadline = handshakeDeadline(socket, handshakeMs);
      let selected: string | undefined;
      let traced: { watch: TraceWatch; seen: ServerTrace[] } | undefined;
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        void traced?.watch.end();
        reject(deadline.expired ? new HandshakeTimeoutError(url, handshakeMs) : err);
      };
      const onAbort = (): void => {
        fail(new ConductorError(`cannot connect to ${url}: the conductor stopped during the handshake`));
        deadline.abort();
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('unexpected-response', (req, res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        const done = (): void => {
          fail(new HandshakeRejectedError(url, res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
          req.destroy();
        };
        res.once('end', done);
        res.once('error', done);
        res.once('aborted', done);
      });
      socket.once('upgrade', (res: IncomingMessage) => {
        // Our local port is the server's view of this connection: its traces are keyed by it.
        const port = res.socket.localPort;
        if (traces && port !== undefined) {
          const seen: ServerTrace[] = [];
          traced = { watch: traces.watch(port, (t) => seen.push(t)), seen };
        }
        const header = res.headers['sec-websocket-protocol'];
        delete res.headers['sec-websocket-protocol']; // checked here, so ws does not
        selected = Array.isArray(header) ? header.join(', ') : header;
        if (selected !== undefined && !offered.includes(selected)) {
          fail(
            new ConductorError(`the server selected subprotocol ${JSON.stringify(selected)}, which was not offered (offered: ${offered.join(', ') || 'none'})`),
          );
          socket.terminate();
        }
      });
      socket.on('error', (err) => fail(new ConductorError(`cannot connect to ${url}: ${err.message}`, { cause: err })));
      socket.once('close', () => fail(new ConductorError(`cannot connect to ${url}: closed during the handshake`)));
      socket.once('open', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(new WsClient(url, socket, opts, selected, traced));
      });
    });
  }

  /** True once the closing handshake is over (either side began it), or the socket dropped. */
  get closed(): boolean {
    return this.#close !== undefined;
  }

  /** The close code, once closed (1005: the close frame had none; 1006: no close frame). */
  get closeCode(): number | undefined {
    return this.#close?.code;
  }

  get closeReason(): string | undefined {
    return this.#close?.reason;
  }

  /** The subprotocol the server selected, or undefined when it selected none. */
  get subprotocol(): string | undefined {
    return this.#subprotocol;
  }

  /**
   * The server's own stack traces raised while handling this connection (in-process Node
   * apps and Python apps; none for a `url` target): those so far while it is open, every
   * one once it is closed (waiting briefly for traces still in flight).
   */
  async serverTraces(): Promise<string[]> {
    const traces = this.#traceEnd ? await this.#traceEnd : this.#traces;
    return traces.map((t) => t.text);
  }

  /** Resolves once the connection is closed, by either side. */
  get whenClosed(): Promise<void> {
    return this.#closedPromise;
  }

  sendText(text: string): Promise<void> {
    return this.#send(text, false);
  }

  sendData(data: Uint8Array | ArrayBuffer): Promise<void> {
    return this.#send(data instanceof ArrayBuffer ? new Uint8Array(data) : data, true);
  }

  /** JSON as a text frame, or MessagePack as a binary frame with `{ media: 'msgpack' }`. */
  sendMedia(value: unknown): Promise<void> {
    const { kind, data } = encodeMedia(value, this.#media);
    return this.#send(data, kind === 'binary');
  }

  async receiveText(opts: ReceiveOptions = {}): Promise<string> {
    return (await this.#receive('text', opts)).data as string;
  }

  async receiveData(opts: ReceiveOptions = {}): Promise<Buffer> {
    return (await this.#receive('binary', opts)).data as Buffer;
  }

  /** The next message decoded by its frame kind: text as JSON, binary as MessagePack. */
  async receiveMedia<T = unknown>(opts: ReceiveOptions = {}): Promise<T> {
    const message = await this.#receive('any', opts);
    return decodeMedia(message.kind, message.data) as T;
  }

  /**
   * Starts the closing handshake and waits until it is over; does nothing when already
   * closed. A server that never answers the close is dropped after `CLOSE_WAIT_MS`.
   */
  async close(code = 1000, reason?: string): Promise<void> {
    checkedCloseCode(code);
    if (reason !== undefined && Buffer.byteLength(reason) > 123) throw new ConductorError('a close reason is at most 123 bytes (RFC 6455 section 5.5)');
    if (this.#close) return;
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.close(code, reason);
    const timer = setTimeout(() => this.#socket.terminate(), CLOSE_WAIT_MS);
    await this.#closedPromise;
    clearTimeout(timer);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #send(data: string | Uint8Array, binary: boolean): Promise<void> {
    if (this.#socket.readyState !== WebSocket.OPEN) {
      const { code, reason } = this.#close ?? { code: 1006, reason: '' };
      return Promise.reject(new DisconnectedError(code, reason));
    }
    return new Promise((resolve, reject) => {
      this.#socket.send(data, { binary }, (err) => (err ? reject(new ConductorError(`send failed: ${err.message}`, { cause: err })) : resolve()));
    });
  }

  #receive(kind: FrameKind | 'any', opts: ReceiveOptions): Promise<Incoming> {
    let timeoutMs: number;
    try {
      timeoutMs = checkedMs('timeout', opts.timeout, this.#receiveTimeout);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(new ReceiveTimeoutError(kind === 'any' ? 'media' : kind, timeoutMs));
      }, timeoutMs);
      const waiter: Waiter = {
        kind,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.#waiters.push(waiter);
      this.#drain();
    });
  }

  /** Hands queued messages to waiters in order; after the close, the rest of the waiters fail. */
  #drain(): void {
    while (this.#waiters.length > 0) {
      const next = this.#queue[0];
      const waiter = this.#waiters[0]!;
      if (next) {
        this.#waiters.shift();
        if (waiter.kind !== 'any' && waiter.kind !== next.kind) {
          waiter.reject(new MessageKindError(waiter.kind, next.kind));
        } else {
          this.#queue.shift();
          waiter.resolve(next);
        }
      } else if (this.#close) {
        this.#waiters.shift();
        waiter.reject(new DisconnectedError(this.#close.code, this.#close.reason));
      } else {
        return;
      }
    }
  }
}
