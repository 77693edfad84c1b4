/**
 * The read-only results of a run that reporting reads (reporting never imports
 * execution). Field names mirror the JSON report of PRODUCT.md section 3.
 */
import type { DiscoveredBy, ProtocolName, RouteLiterals } from '../discovery/route.js';
import type { Message } from '../generation/message.js';
import type { ErrorType } from '../judgement/failure.js';
import type { TargetKind } from '../targets/target.js';

export interface FailureResult {
  errorType: ErrorType;
  message: string;
  messageIndex: number | null;
  /** The shrunk, minimal failing sequence. */
  sequence: Message[];
  /** `--ws-prelude` messages sent before it on every connection (not shrunk). */
  prelude?: Message[];
  /** Path and query connected to. */
  url: string;
  closeCode?: number;
  closeReason?: string;
  serverTrace?: string;
  expected: string;
  actual: string;
  /** Connection state when judged: open | closing | closed | never-opened. */
  connectionState: string;
  /** How the sequence was sent before it failed. */
  context: { totalMessagesSent: number; lastResponse: string | null; elapsedTimeMs: number };
  /** The run seed; `--seed` with it replays the run. */
  seed: number;
  /** fast-check counterexample path of the shrunk sequence (for exact replay). */
  path?: string;
  /** Sequences tried while shrinking, and whether shrinking ran out of time. */
  shrinks: number;
  shrinkTimedOut?: boolean;
  /** The one-line command that replays it. */
  reproduce: string;
  /** A hint for the user (auth, subprotocol), when one applies. */
  hint?: string;
  /** A multi-client failure: the minimal script, in execution order, up to the step that failed. */
  script?: ScriptStepResult[];
  /**
   * What makes two failures the same bug: error type, exception type and the innermost
   * app frame (`server_error:KeyError:app.py:42`), or the close code where there is no trace.
   */
  signature?: string;
  /** Only when needed: the minimal earlier connections without which it does not fail on a fresh server. */
  history?: HistoryEntry[];
  /** Set when it did not fail every time it was replayed. */
  flaky?: { tried: number; failed: number };
  /** Other routes where the same framework-level signature failed (reported once, here). */
  alsoOn?: string[];
  /**
   * Whether the app's exception would have ended the server process: true when it escaped
   * to a Node process (an uncaught exception or rejection); false when the server is known
   * to have survived it (a Python ASGI server ends only the connection whose handler raised);
   * unset when no exception was captured or it cannot be told.
   */
  uncaught?: boolean;
  /** HTTP routes: the minimal failing request, secrets masked. */
  request?: HttpRequestResult;
  /** HTTP routes: the request as a curl command line (secrets as $VAR placeholders). */
  curl?: string;
}

/** One earlier connection of a failure's history. */
export type { HttpRequestResult } from '../execution/http-display.js';
import type { HttpRequestResult } from '../execution/http-display.js';

export interface HistoryEntry {
  url: string;
  sequence: Message[];
}

/** One step of a multi-client script as reported (PRODUCT.md section 3). */
export interface ScriptStepResult {
  client: number;
  action: 'connect' | 'send' | 'close';
  /** Path and query the client connects to. */
  url: string;
  message?: Message;
  /** close: the code sent. */
  code?: number;
}

export interface RouteResult {
  path: string;
  kind: 'websocket' | 'http';
  /** HTTP routes: the method (one route per method and path). */
  method?: string;
  /** WebSocket routes: the protocol it was tested with, named when its run started (unset for a route that never ran). */
  protocol?: ProtocolName;
  /** WebSocket routes: the event names its handlers are registered for (Socket.IO listeners, Nest `@SubscribeMessage`). */
  events?: string[];
  /** Socket.IO routes: the events whose handler takes an acknowledgement callback. */
  acks?: string[];
  /** WebSocket routes: the literals its handler compares messages with, and the keys it reads. */
  literals?: RouteLiterals;
  /** WebSocket routes: how it was found (its framework, `--ws-include` alone, a probe). */
  discoveredBy?: DiscoveredBy;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped (close code and a hint). */
  skipReason?: string;
  sequences: number;
  messagesSent: number;
  connections: number;
  durationMs: number;
  failures: FailureResult[];
  /**
   * Framework-level failures this route had that are reported once, on another route
   * (that failure's `alsoOn` names this one): the signature and where it is reported.
   */
  sharedFailures?: Array<{ signature: string; reportedOn: string }>;
  /** What the route's connections sent and saw, for the HTML report's charts (not in the JSON report). */
  stats?: RouteStats;
}

/** Upper bounds (ms, exclusive) of the reply latency histogram; a last bucket holds the rest. */
/** A route's failures with the deterministic ones first: a flaky one is the weaker lead (otherwise in the order found). */
export function deterministicFirst<F extends { flaky?: unknown }>(failures: F[]): F[] {
  return [...failures.filter((f) => !f.flaky), ...failures.filter((f) => f.flaky)];
}

export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] as const;

/** Per-route tallies over every connection (exploration and shrinking, as `messagesSent`); bounded in size. */
export interface RouteStats {
  /** Messages sent, by kind (they add up to `messagesSent`). */
  kinds: { text: number; json: number; bytes: number };
  /** Close codes the server's side of a connection ended with (1006: no close frame), and how often. */
  closeCodes: Record<string, number>;
  /** Reply latency (a message sent to the next frame received), counts per LATENCY_BUCKETS_MS bucket plus one. */
  latencyCounts: number[];
}

export interface RunResult {
  tool: 'wsroutes';
  version: string;
  seed: number;
  durationMs: number;
  target: { kind: TargetKind; framework: string; spec: string };
  routes: RouteResult[];
  /** Server traces that could not be tied to a connection. */
  orphanTraces: string[];
}

/** Live counters the progress line reads. */
export interface Progress {
  routesTotal: number;
  routesDone: number;
  sequences: number;
  messages: number;
  failing: number;
  current: string[];
}
