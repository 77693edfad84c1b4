/**
 * Server traces of an in-process Node app, each tied to the connection that caused it.
 *
 * The started server's `emit` is wrapped: on 'upgrade' the socket's later events all run
 * inside an AsyncLocalStorage store naming that connection (its remote port is our
 * client's local port). A plain HTTP 'request' (`--http`) runs in one the same way, and
 * so do the events of its request and response objects (the HTTP parser emits them from
 * the connection's context, not the handler's: a handler called once the body is read
 * still runs in its store). Our HTTP client opens a connection per request, so the port
 * names one request. Whatever the app raises there is recorded for that connection:
 * a synchronous throw out of a socket event is caught on the spot; an uncaught exception
 * or unhandled rejection that escapes later still carries the store (Node keeps the
 * async context of timers and promises), so `process.emit` is wrapped to catch those
 * before any listener sees them (a listener of the app or of Vitest could exit or fail
 * the run otherwise; with none, Node would crash). `console.error(err)` inside a store
 * is recorded too: it is where @hono/node-ws sends exceptions of onMessage and friends.
 * Frameworks that catch a handler's error and answer 500 report it through their
 * adapter's hook (`reportRequestError`); a request whose handler crashes outright
 * (a sync throw, an uncaught exception or rejection: what would end the process) has its
 * connection dropped, as the crash would have.
 * The app's start-up (`run`) is a context of its own: what it raises or calls outside any
 * connection belongs to that app, not to every app loaded in the process. While a
 * collector is active, `process.exit` is guarded (exit-guard.ts): the app's call is a
 * trace of the connection that made it, an exit while starting fails the start, and one
 * from anywhere else is an orphan trace.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { types } from 'node:util';
import type { LateTrace, ServerTrace, TraceSource, TraceWatch } from '../target.js';
import { capTrace } from '../trace-cap.js';
import { guardExit, isAppExit, type AppExitError } from './exit-guard.js';

/** One server-side connection, from its upgrade or request until our client stops watching it. */
interface ConnectionRecord {
  /** Our client's port. */
  port: number;
  traces: ServerTrace[];
  onTrace?: (trace: ServerTrace) => void;
  /** The server-side socket that claimed it (its upgrade or first request); unset while only our watch knows it. */
  socket?: Socket;
  /** Errors the framework answered with a 4xx (`excuseRequestError`): its log of them is not a trace. */
  excused?: unknown[];
  closed: boolean;
  ended: boolean;
}

interface Store {
  collector: TraceCollector;
  record: ConnectionRecord;
  /** An HTTP request's response: dropped if the request's handler crashes before answering. */
  response?: ServerResponse;
}

const als = new AsyncLocalStorage<Store>();
/** The app whose start-up (and what it started then: timers, servers) the code runs in. */
const appContext = new AsyncLocalStorage<TraceCollector>();
const active = new Set<TraceCollector>();
/** Errors already recorded where they arose (a guarded exit): not again when they escape. */
const reported = new WeakSet<object>();
/** Each HTTP request's store, for errors a framework hook reports after the fact. */
const requestStores = new WeakMap<object, Store>();
/** Errors a framework answered with a 4xx: logging them is the framework's habit, not a trace. */
const excused = new WeakSet<object>();
let unguardExit: (() => void) | undefined;

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
type Log = (...args: unknown[]) => void;
let originalProcessEmit: Emit | undefined;
let originalConsoleError: Log | undefined;

export function traceText(err: unknown): string {
  if (types.isNativeError(err) || err instanceof Error) return err.stack ?? String(err);
  return String(err);
}

function isError(value: unknown): boolean {
  return types.isNativeError(value) || value instanceof Error;
}

/** The active collector of the app the current code belongs to: its connection, else its start-up. */
export function currentApp(): TraceCollector | undefined {
  const store = als.getStore();
  if (store && active.has(store.collector)) return store.collector;
  const app = appContext.getStore();
  return app && active.has(app) ? app : undefined;
}

/** Records an app error where it arose: its connection, else its app's orphans, else every app's. */
function dispatch(err: unknown): void {
  if (typeof err === 'object' && err !== null) {
    if (reported.has(err)) return;
    reported.add(err);
  }
  const store = als.getStore();
  if (store && active.has(store.collector)) {
    store.collector.record(store.record, err);
    return dropResponse(store);
  }
  const app = currentApp();
  for (const collector of app ? [app] : active) collector.orphan(err);
}

function wasReported(err: unknown): boolean {
  return typeof err === 'object' && err !== null && reported.has(err);
}

function markReported(err: unknown): void {
  if (typeof err === 'object' && err !== null) reported.add(err);
}

/** A crashed request's connection ends unanswered, as the process's crash would have ended it. */
function dropResponse(store: Store): void {
  const res = store.response;
  if (res && !res.writableEnded) res.destroy();
}

/**
 * A framework hook's report (Fastify's onError, Express's final error handler): `err`
 * is the trace of the HTTP request `req` (the raw IncomingMessage), once. The framework
 * answers the request itself.
 */
export function reportRequestError(req: unknown, err: unknown): void {
  const store = (typeof req === 'object' && req !== null ? requestStores.get(req) : undefined) ?? als.getStore();
  if (!store || !active.has(store.collector) || wasReported(err)) return;
  markReported(err);
  store.collector.record(store.record, err);
}

function processEmit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
  if ((event === 'uncaughtException' || event === 'unhandledRejection') && active.size > 0) {
    dispatch(args[0]);
    return true;
  }
  return (originalProcessEmit as Emit).call(this, event, ...args);
}

/**
 * A framework hook's word that `err` was answered with a 4xx (a malformed body Express's
 * body parser refused): when the framework logs it (Express outside NODE_ENV=test), that
 * is neither a trace nor printed unless verbose.
 */
export function excuseRequestError(req: unknown, err: unknown): void {
  const store = (typeof req === 'object' && req !== null ? requestStores.get(req) : undefined) ?? als.getStore();
  if (!store || !active.has(store.collector) || typeof err !== 'object' || err === null) return;
  excused.add(err);
  (store.record.excused ??= []).push(err);
}

/** True when `args` is a framework's log line of an error its hook already told about (as the error, or Express 4's `err.stack`). */
function alreadyTold(store: Store, args: unknown[]): boolean {
  if (args.length !== 1) return false;
  const [arg] = args;
  if (typeof arg === 'object' && arg !== null) return excused.has(arg);
  if (typeof arg !== 'string') return false;
  return store.record.traces.some((t) => t.text === capTrace(arg)) || (store.record.excused ?? []).some((e) => traceText(e) === arg || String(e) === arg);
}

function consoleError(this: unknown, ...args: unknown[]): void {
  const store = als.getStore();
  const own = store && active.has(store.collector) ? store : undefined;
  if (own && alreadyTold(own, args)) {
    if (own.collector.verbose) (originalConsoleError as Log).apply(this, args);
    return;
  }
  const err = own ? args.find(isError) : undefined;
  if (own && err !== undefined) {
    if (!wasReported(err)) {
      markReported(err);
      own.collector.record(own.record, err, false);
    }
    if (!own.collector.verbose) return;
  }
  (originalConsoleError as Log).apply(this, args);
}

function installGlobals(): void {
  if (originalProcessEmit) return;
  originalProcessEmit = process.emit as Emit;
  originalConsoleError = console.error;
  (process as { emit: Emit }).emit = processEmit;
  console.error = consoleError;
  unguardExit = guardExit(dispatch);
}

function uninstallGlobals(): void {
  unguardExit?.();
  unguardExit = undefined;
  if (!originalProcessEmit || !originalConsoleError) return;
  // Someone patched over us: leave ours in place; with no collector active it passes through.
  if ((process as { emit: Emit }).emit === processEmit) (process as { emit: Emit }).emit = originalProcessEmit;
  else return;
  if (console.error === consoleError) console.error = originalConsoleError;
  originalProcessEmit = undefined;
  originalConsoleError = undefined;
}

/** Runs `fn` inside a connection's store; a throw is that connection's trace, not a crash. */
function runFor(store: Store, fn: () => boolean): boolean {
  try {
    return als.run(store, fn);
  } catch (err) {
    if (!wasReported(err)) store.collector.record(store.record, err);
    dropResponse(store);
    return true;
  }
}

/** Runs every event of an HTTP request or response object inside the request's store. */
function wrapEmit(emitter: IncomingMessage | ServerResponse, store: Store): void {
  const original = emitter.emit as Emit;
  (emitter as { emit: Emit }).emit = function (this: unknown, event, ...args) {
    return runFor(store, () => original.call(this, event, ...args));
  };
}

/** The traces of one running Node target. Active (catching process-level errors) until `dispose()`. */
export class TraceCollector implements TraceSource {
  readonly verbose: boolean;
  private readonly byPort = new Map<number, ConnectionRecord>();
  private orphans: ServerTrace[] = [];
  /** Traces of connections already judged (their watch ended): a timer or a promise of the handler. */
  private late: LateTrace[] = [];
  private starting = true;
  /** The app's `process.exit` call while starting, if it made one. */
  exitWhileStarting?: AppExitError;
  /** Server-side sockets (upgraded, or that carried a request) still open, for stop(). */
  readonly sockets = new Set<Socket>();
  private readonly socketStores = new WeakMap<Socket, Store>();
  private disposed = false;

  constructor(opts: { verbose?: boolean } = {}) {
    this.verbose = opts.verbose ?? false;
    active.add(this);
    installGlobals();
  }

  /** `echo` false: the app's own `console.error(err)`, so the exception was caught and logged (`logged`). */
  record(rec: ConnectionRecord, err: unknown, echo = true): void {
    const trace: ServerTrace = { text: capTrace(traceText(err)), ...(echo ? {} : { logged: true }) };
    if (echo && this.verbose) originalConsoleError?.(trace.text);
    rec.traces.push(trace);
    if (rec.ended) this.late.push({ clientPort: rec.port, trace });
    else rec.onTrace?.(trace);
  }

  /** Runs the app's start-up (load, factory, adapter start) as this app's context. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return appContext.run(this, fn);
  }

  /** The app has started: from now on, an exit outside any connection is an orphan trace. */
  started(): void {
    this.starting = false;
  }

  orphan(err: unknown): void {
    if (this.starting && isAppExit(err)) {
      this.exitWhileStarting ??= err;
      return;
    }
    const trace: ServerTrace = { text: capTrace(traceText(err)) };
    if (this.verbose) originalConsoleError?.(trace.text);
    this.orphans.push(trace);
  }

  drainOrphans(): ServerTrace[] {
    const out = this.orphans;
    this.orphans = [];
    return out;
  }

  drainLate(): LateTrace[] {
    const out = this.late;
    this.late = [];
    return out;
  }

  watch(clientPort: number, onTrace: (trace: ServerTrace) => void): TraceWatch {
    let rec = this.byPort.get(clientPort);
    // A closed connection that raised nothing is an earlier user of this port.
    if (!rec || rec.ended || (rec.closed && rec.traces.length === 0)) {
      rec = { port: clientPort, traces: [], closed: false, ended: false };
      this.byPort.set(clientPort, rec);
    }
    const watched = rec;
    watched.onTrace = onTrace;
    // Traces raised before our client knew it was connected (during the upgrade).
    const early = [...watched.traces];
    if (early.length > 0) queueMicrotask(() => early.forEach((t) => watched.onTrace?.(t)));
    return {
      end: async () => {
        // Rejections of the last message surface after the microtask queue drains.
        await new Promise((resolve) => setImmediate(resolve));
        watched.ended = true;
        watched.onTrace = undefined;
        if (this.byPort.get(clientPort) === watched) this.byPort.delete(clientPort);
        return watched.traces;
      },
    };
  }

  /**
   * The record for an upgrade or request on `socket` from `port`: the one a watch made
   * first, or this socket's own (a keep-alive connection's next request), else a new one.
   */
  private claim(port: number, socket: Socket): ConnectionRecord {
    const existing = this.byPort.get(port);
    if (existing && !existing.ended && (existing.socket === undefined || existing.socket === socket)) {
      existing.socket = socket;
      return existing;
    }
    const rec: ConnectionRecord = { port, traces: [], socket, closed: false, ended: false };
    this.byPort.set(port, rec);
    return rec;
  }

  /** The store of `socket`'s connection, its events wrapped once (an upgrade may follow requests on it). */
  private storeOf(socket: Socket, port: number): Store {
    const record = this.claim(port, socket);
    const known = this.socketStores.get(socket);
    if (known) {
      known.record = record;
      known.response = undefined;
      return known;
    }
    const store: Store = { collector: this, record };
    this.socketStores.set(socket, store);
    this.wrapSocket(socket, port, store);
    return store;
  }

  /** An HTTP request's store (its connection's record, its response), its request and response events inside it. */
  private requestStore(req: IncomingMessage, res: ServerResponse, socket: Socket, port: number): Store {
    const connection = this.storeOf(socket, port);
    connection.response = res;
    const store: Store = { collector: this, record: connection.record, response: res };
    requestStores.set(req, store);
    wrapEmit(req, store);
    wrapEmit(res, store);
    return store;
  }

  private closed(port: number, rec: ConnectionRecord): void {
    rec.closed = true;
    if (!rec.onTrace && rec.traces.length === 0 && this.byPort.get(port) === rec) this.byPort.delete(port);
  }

  /** Ties every later upgrade and request of `server` to its connection; returns the undo. */
  instrument(server: Server): () => void {
    const hadOwn = Object.hasOwn(server, 'emit');
    const ownEmit = server.emit;
    const original = server.emit as Emit;
    const collector = this;
    const patched: Emit = function (this: unknown, event, ...args) {
      if (collector.disposed) return original.call(this, event, ...args);
      if (event === 'request' || event === 'checkContinue') {
        const [req, res] = args as [IncomingMessage | undefined, ServerResponse | undefined];
        const socket = req?.socket;
        if (!req || !res || !socket || socket.remotePort === undefined) return original.call(this, event, ...args);
        const store = collector.requestStore(req, res, socket, socket.remotePort);
        return runFor(store, () => original.call(this, event, ...args));
      }
      const socket = args[1] as Socket | undefined;
      if (event !== 'upgrade' || !socket || socket.remotePort === undefined) return original.call(this, event, ...args);
      const store = collector.storeOf(socket, socket.remotePort);
      return runFor(store, () => original.call(this, event, ...args));
    };
    (server as { emit: Emit }).emit = patched;
    return () => {
      if ((server as { emit: Emit }).emit !== patched) return;
      if (hadOwn) server.emit = ownEmit;
      else delete (server as { emit?: unknown }).emit;
    };
  }

  private wrapSocket(socket: Socket, port: number, store: Store): void {
    const original = socket.emit as Emit;
    this.sockets.add(socket);
    (socket as { emit: Emit }).emit = function (this: unknown, event, ...args) {
      const result = runFor(store, () => original.call(this, event, ...args));
      if (event === 'close') {
        store.collector.sockets.delete(socket);
        store.collector.closed(port, store.record);
      }
      return result;
    };
  }

  /** Stops catching; the process handlers go when the last collector goes. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    active.delete(this);
    this.byPort.clear();
    this.sockets.clear();
    if (active.size === 0) uninstallGlobals();
  }
}
