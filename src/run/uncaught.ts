/**
 * Whether the app's exception would have ended the server process (a failure's `uncaught`):
 * in Node an exception nothing catches (thrown from an event handler, a timer or a callback,
 * a rejected promise nobody awaits) ends a real server, and the target marks such a trace
 * (`ServerTrace.uncaught`, read into `Verdict.uncaught`); a Python ASGI server (uvicorn) ends
 * only the connection whose handler raised and goes on serving. Unknown where no exception was
 * captured (a `--url` target, a close code alone) and where the server stopped taking
 * connections after it.
 */
import type { Verdict } from '../judgement/failure.js';
import type { TargetKind } from '../targets/target.js';

export function uncaughtOf(v: Pick<Verdict, 'serverTrace' | 'uncaught'>, target: TargetKind, serverGone = false): { uncaught?: boolean } {
  if (!v.serverTrace) return {};
  if (v.uncaught) return { uncaught: true };
  return target === 'python' && !serverGone ? { uncaught: false } : {};
}
