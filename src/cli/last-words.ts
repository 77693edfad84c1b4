/**
 * What a run says if an in-process app freezes it: the main thread cannot run then, so
 * the freeze watchdog's worker writes text prepared beforehand (`Target.lastWords`).
 * This builds that text from the routes finished so far: they keep their verdicts, the
 * routes still running are failed as timeouts (the frozen event loop is the bug), and the
 * routes not reached are skipped, so the report and the summary tell the truth.
 */
import type { Options } from '../config/options.js';
import type { Redact } from '../reporting/redact.js';
import { formatSummary } from '../reporting/summary.js';
import type { FailureResult, RouteResult, RunResult } from '../run/results.js';
import { reproduceCommand } from '../shrinking/replay.js';
import type { Target } from '../targets/target.js';
import { VERSION } from '../version.js';

export interface RunSoFar {
  target: Target;
  /** Every route of the run, in order. */
  routes: readonly string[];
  done: readonly RouteResult[];
  /** Routes running now. */
  current: readonly string[];
  durationMs: number;
}

function frozen(path: string, o: Options, limitS: number): RouteResult {
  const failure: FailureResult = {
    errorType: 'timeout',
    message: `The app blocked the event loop for over ${limitS} s (a synchronous loop or blocking call in a handler?)`,
    messageIndex: null,
    sequence: [],
    url: path,
    expected: 'the server to keep answering',
    actual: 'the event loop of the in-process app froze; wsroutes wrote this report and killed itself',
    connectionState: 'unknown',
    context: { totalMessagesSent: 0, lastResponse: null, elapsedTimeMs: 0 },
    seed: o.seed,
    shrinks: 0,
    reproduce: reproduceCommand(o, path),
  };
  return { path, kind: 'websocket', status: 'failed', sequences: 0, messagesSent: 0, connections: 0, durationMs: 0, failures: [failure] };
}

/** The run as it would be reported if it froze now. */
export function frozenRun(so: RunSoFar, o: Options): RunResult {
  const limitS = Math.round((o.messageTimeoutMs + 2000) / 100) / 10;
  const byPath = new Map(so.done.map((r) => [r.path, r]));
  const running = new Set(so.current);
  const routes = so.routes.map(
    (path): RouteResult =>
      byPath.get(path) ??
      (running.has(path)
        ? frozen(path, o, limitS)
        : {
            path,
            kind: 'websocket',
            status: 'skipped',
            skipReason: 'not run: the app froze the run first',
            sequences: 0,
            messagesSent: 0,
            connections: 0,
            durationMs: 0,
            failures: [],
          }),
  );
  const { target } = so;
  return {
    tool: 'wsroutes',
    version: VERSION,
    seed: o.seed,
    durationMs: so.durationMs,
    target: { kind: target.kind, framework: target.framework, spec: target.spec },
    routes,
    orphanTraces: [],
  };
}

/** Hands the target its last words: the report files (each path with its text) and the summary. */
export function keepLastWordsCurrent(so: RunSoFar, o: Options, files: (run: RunResult) => Array<{ path: string; text: string }>, redact: Redact): void {
  if (!so.target.lastWords) return;
  const run = frozenRun(so, o);
  so.target.lastWords({ files: files(run), stdout: redact(`${formatSummary(run, { color: false })}\n`) });
}
