/**
 * The contract every target adapter fills in (Node app in-process, Python ASGI app
 * over the bridge, running server by URL): where to connect, which routes exist,
 * the server's own stack traces per connection, and how to stop it.
 */
import type { Route } from '../discovery/route.js';

/** An exception the server raised while handling one connection. */
export interface ServerTrace {
  /** The server's own stack trace / traceback, as text. */
  text: string;
  /** How many of our messages the app had received on that connection when it raised, when known. */
  receivedCount?: number;
  /**
   * The app or its framework caught the exception and logged it, then went on (Python's
   * logging with exc_info, `console.error(err)`): it did not escape. On a connection whose
   * protocol answered with a handled error, such a trace is that answer's log line.
   */
  logged?: boolean;
  /** Node: it escaped to the process (an uncaught exception or rejection): it would end a real server. */
  uncaught?: boolean;
}

/** Watching one connection for server traces; see `TraceSource.watch`. */
export interface TraceWatch {
  /** Stops watching and returns every trace of that connection, waiting briefly for any still in flight. */
  end(): Promise<ServerTrace[]>;
  /**
   * Where the target can tell (Python): resolves once the app has read the `sent`
   * messages of this connection and waits for more, or cannot be expected to, within
   * `maxMs`. Called before our close so the app handles everything we sent.
   */
  settle?(sent: number, maxMs: number): Promise<void>;
  /** Where the target can tell (Python): how many of our messages the app has taken so far. */
  appRead?(): number;
}

/** A trace of a connection that came after its watch had ended (a timer or a promise of its handler). */
export interface LateTrace {
  /** Our client's port of that connection. */
  clientPort: number;
  trace: ServerTrace;
}

export interface TraceSource {
  /**
   * Starts watching the connection whose client-side (our) TCP port is `clientPort`.
   * `onTrace` is called as soon as the server raises while handling it, so the
   * connection can stop waiting for a server that will not answer.
   */
  watch(clientPort: number, onTrace: (trace: ServerTrace) => void): TraceWatch;
  /** Traces that could not be tied to any connection (start-up, timers), drained. */
  drainOrphans(): ServerTrace[];
  /**
   * Where the target can tell: traces of connections whose watch had ended when they
   * arrived, in arrival order, drained. They belong to those connections all the same.
   */
  drainLate?(): LateTrace[];
}

export type TargetKind = 'node' | 'python' | 'url';

export interface Target {
  kind: TargetKind;
  /** fastify | express | hono | ws | http | litestar | fastapi | starlette | falcon | quart | channels | strawberry | ariadne | asgi | url */
  framework: string;
  /** The spec as the user gave it (`examples/chat-app.ts`, `myapp:app`, `http://...`). */
  spec: string;
  /** `ws://127.0.0.1:PORT` (no trailing slash). */
  baseUrl: string;
  /** Discovered routes, before include/exclude filters. */
  routes: Route[];
  traces: TraceSource;
  /** Stops the server and frees its port; idempotent; never throws. */
  stop(): Promise<void>;
  /**
   * Starts another instance of the same app (a new bridge process, a fresh load of the
   * module), to replay a failure on a server no earlier connection touched. Absent where
   * there is none to start (a running server by URL, an app object a test made). Every
   * instance it starts is stopped with this target too (`withFreshStarts`).
   */
  fresh?(): Promise<Target>;
  /**
   * In-process targets that may freeze wsroutes with them: what to write if that happens
   * (the reports as they would read then), kept current by the caller.
   */
  lastWords?(words: { files: Array<{ path: string; text: string }>; stdout: string }): void;
}

/** A TraceSource for targets whose traces cannot be seen (a remote URL). */
export const NO_TRACES: TraceSource = {
  watch: () => ({ end: async () => [] }),
  drainOrphans: () => [],
};
