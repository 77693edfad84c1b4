/**
 * The read-only results of a run that reporting reads (reporting never imports
 * execution). Field names mirror the JSON report of PRODUCT.md section 3.
 */
import type { Message } from './generation/message.js';
import type { ErrorType } from './judgement/failure.js';
import type { TargetKind } from './targets/target.js';

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
}

export interface RouteResult {
  path: string;
  kind: 'websocket' | 'http';
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped (close code and a hint). */
  skipReason?: string;
  sequences: number;
  messagesSent: number;
  connections: number;
  durationMs: number;
  failures: FailureResult[];
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
