/**
 * An in-process app that calls `process.exit()` would end wsroutes with it: exit 0 with no
 * summary and no report is a green CI run. While any Node app is loaded, `process.exit` is
 * replaced by a guard that throws an `AppExitError` instead, so the app's code stops there
 * as it would have, and the error (its stack names the app's call site) is reported where
 * the call came from: the connection whose handler made it, else the app's start-up, else
 * no connection (traces.ts decides). wsroutes' own exits go through `exitProcess`
 * (process-exit.ts), which calls the saved originals. Node's `process.exit` ends in the
 * undocumented `process.reallyExit`, which ends the process at once (no 'exit' listener,
 * no report, the app's children left): it is guarded the same way.
 */
import { originalExit, originalReallyExit } from './process-exit.js';

type Exit = typeof process.exit;
type ReallyExit = (code?: unknown) => never;
const proc = process as unknown as { reallyExit: ReallyExit };

/** Thrown by the guard at the app's `process.exit(code)` call. */
export class AppExitError extends Error {
  readonly exitCode: string;
  constructor(code: unknown, call = 'process.exit') {
    const shown = code === undefined ? '' : String(code);
    super(`the app called ${call}(${shown}); wsroutes runs the app in-process and stopped the call`);
    this.name = 'AppExitError';
    this.exitCode = shown;
  }
}

export function isAppExit(err: unknown): err is AppExitError {
  return err instanceof AppExitError;
}

let installs = 0;
let report: ((err: AppExitError) => void) | undefined;
/** What the guards replaced (another copy's guard, or the original). */
let replaced: Exit | undefined;
let replacedReally: ReallyExit | undefined;

function guardedExit(code?: number | string | null): never {
  // Left in place under someone else's patch after our last undo: pass the call on.
  if (installs === 0) return (replaced ?? originalExit()).call(process, code);
  const err = new AppExitError(code);
  Error.captureStackTrace(err, guardedExit);
  report?.(err);
  throw err;
}

function guardedReallyExit(code?: unknown): never {
  if (installs === 0) return (replacedReally ?? (originalReallyExit() as ReallyExit)).call(process, code);
  const err = new AppExitError(code, 'process.reallyExit');
  Error.captureStackTrace(err, guardedReallyExit);
  report?.(err);
  throw err;
}

/**
 * Guards `process.exit` until the returned undo is called (counted: the last undo restores
 * the original). `onExit` hears every guarded call before it throws (one reporter for all).
 */
export function guardExit(onExit: (err: AppExitError) => void): () => void {
  originalExit();
  report = onExit;
  if (installs++ === 0) {
    replaced = process.exit === guardedExit ? originalExit() : process.exit;
    (process as { exit: Exit }).exit = guardedExit;
    replacedReally = proc.reallyExit === guardedReallyExit ? (originalReallyExit() as ReallyExit) : proc.reallyExit;
    proc.reallyExit = guardedReallyExit;
  }
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    if (--installs > 0) return;
    report = undefined;
    // Someone replaced the guard meanwhile: theirs stays; ours reports nothing any more.
    if (process.exit === guardedExit) (process as { exit: Exit }).exit = replaced ?? originalExit();
    if (proc.reallyExit === guardedReallyExit) proc.reallyExit = replacedReally ?? (originalReallyExit() as ReallyExit);
  };
}
