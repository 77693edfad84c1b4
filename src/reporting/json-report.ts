/**
 * The machine-readable report of `--report-json`. Its field names are a contract
 * (PRODUCT.md section 3), so the format is declared here as types and built field by
 * field: nothing else in a RunResult leaks into it.
 */
import { toReportData } from '../generation/message.js';
import type { FailureResult, RouteResult, RunResult } from '../run/results.js';
import type { Redact } from './redact.js';
import { redactDeep } from './redact.js';

export interface JsonFailure {
  errorType: FailureResult['errorType'];
  message: string;
  messageIndex: number | null;
  /** The shrunk sequence; bytes as base64. */
  sequence: { type: 'text' | 'json' | 'bytes'; data: unknown }[];
  url: string;
  closeCode?: number;
  closeReason?: string;
  serverTrace?: string;
  /** A multi-client failure: its minimal script (messages as in `sequence`). */
  script?: { client: number; action: 'connect' | 'send' | 'close'; url: string; message?: { type: 'text' | 'json' | 'bytes'; data: unknown } }[];
  /** What makes two failures the same bug. */
  signature?: string;
  /** The earlier connections it needs on a fresh server, when it does not fail alone. */
  history?: { url: string; sequence: { type: 'text' | 'json' | 'bytes'; data: unknown }[] }[];
  /** It did not fail every time it was run. */
  flaky?: { tried: number; failed: number };
  /** Other routes the same framework-level failure happened on. */
  alsoOn?: string[];
  /** true: the exception escaped to the Node process and would end a real server; false: the server survived it (a Python ASGI server). */
  uncaught?: boolean;
  /** HTTP routes: the minimal failing request (secrets as placeholders) and its curl line. */
  request?: { method: string; url: string; headers: Record<string, string>; body?: string; status?: number };
  curl?: string;
  seed: number;
  reproduce: string;
}

export interface JsonRoute {
  path: string;
  kind: RouteResult['kind'];
  /** HTTP routes: the method. */
  method?: string;
  /** WebSocket routes that ran: the protocol they were tested with. */
  protocol?: NonNullable<RouteResult['protocol']>;
  /** Event names the route's handlers listen for. */
  events?: string[];
  /** Socket.IO: the events whose handler takes an ack callback. */
  acks?: string[];
  /** The string and number literals the route's handler compares messages with, each as its JSON type (`["goodbye", 42]`). */
  literals?: (string | number)[];
  discoveredBy?: NonNullable<RouteResult['discoveredBy']>;
  status: RouteResult['status'];
  sequences: number;
  messagesSent: number;
  connections: number;
  durationMs: number;
  /** Why a skipped route was not tested (a close code and the option that would help). */
  skipReason?: string;
  failures: JsonFailure[];
  /** Framework-level failures of this route reported once, on another route (`alsoOn` there). */
  sharedFailures?: { signature: string; reportedOn: string }[];
}

export interface JsonReport {
  tool: 'wsroutes';
  version: string;
  seed: number;
  durationMs: number;
  target: RunResult['target'];
  routes: JsonRoute[];
}

function toJsonFailure(f: FailureResult): JsonFailure {
  // In the contract's order; optional fields are left out when unknown.
  return {
    errorType: f.errorType,
    message: f.message,
    messageIndex: f.messageIndex,
    sequence: f.sequence.map((m) => ({ type: m.type, data: toReportData(m) })),
    url: f.url,
    ...(f.closeCode !== undefined && { closeCode: f.closeCode }),
    ...(f.closeReason !== undefined && { closeReason: f.closeReason }),
    ...(f.serverTrace !== undefined && { serverTrace: f.serverTrace }),
    ...(f.script && {
      script: f.script.map((s) => ({
        client: s.client,
        action: s.action,
        url: s.url,
        ...(s.message && { message: { type: s.message.type, data: toReportData(s.message) } }),
      })),
    }),
    ...(f.signature !== undefined && { signature: f.signature }),
    ...(f.history && { history: f.history.map((h) => ({ url: h.url, sequence: h.sequence.map((m) => ({ type: m.type, data: toReportData(m) })) })) }),
    ...(f.flaky && { flaky: { tried: f.flaky.tried, failed: f.flaky.failed } }),
    ...(f.alsoOn?.length && { alsoOn: [...f.alsoOn] }),
    ...(f.uncaught !== undefined && { uncaught: f.uncaught }),
    ...(f.request && { request: { ...f.request, headers: { ...f.request.headers } } }),
    ...(f.curl !== undefined && { curl: f.curl }),
    seed: f.seed,
    reproduce: f.reproduce,
  };
}

/** A route's literals as the report lists them: its strings, then its numbers (the keys its handler reads are not literals). */
function literalsOf(r: RouteResult): (string | number)[] | undefined {
  const list = r.literals ? [...r.literals.strings, ...r.literals.numbers] : [];
  return list.length ? list : undefined;
}

function toJsonRoute(r: RouteResult): JsonRoute {
  return {
    path: r.path,
    kind: r.kind,
    ...(r.method !== undefined && { method: r.method }),
    ...(r.protocol !== undefined && { protocol: r.protocol }),
    ...(r.events?.length && { events: [...r.events] }),
    ...(r.acks?.length && { acks: [...r.acks] }),
    ...(literalsOf(r) && { literals: literalsOf(r) }),
    ...(r.discoveredBy !== undefined && { discoveredBy: r.discoveredBy }),
    status: r.status,
    sequences: r.sequences,
    messagesSent: r.messagesSent,
    connections: r.connections,
    durationMs: r.durationMs,
    ...(r.skipReason !== undefined && { skipReason: r.skipReason }),
    failures: r.failures.map(toJsonFailure),
    ...(r.sharedFailures?.length && { sharedFailures: r.sharedFailures.map((s) => ({ ...s })) }),
  };
}

/** The report object, with exactly the contract's field names. */
export function toJsonReport(run: RunResult): JsonReport {
  return {
    tool: run.tool,
    version: run.version,
    seed: run.seed,
    durationMs: run.durationMs,
    target: { kind: run.target.kind, framework: run.target.framework, spec: run.target.spec },
    routes: run.routes.map(toJsonRoute),
  };
}

/** The report file's text: indented JSON, `redact` scrubbing the run's secrets. */
export function jsonReportText(run: RunResult, redact: Redact = (s) => s): string {
  return `${JSON.stringify(redactDeep(toJsonReport(run), redact), null, 2)}\n`;
}
