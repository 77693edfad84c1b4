/**
 * An in-process app that calls `process.exit()` would end wsroutes with it: exit 0 with no
 * summary and no report is a green CI run. While any Node app is loaded, `process.exit` is
 * replaced by a guard that throws an `AppExitError` instead, so the app's code stops there
 * as it would have, and the error (its stack names the app's call site) is reported where
 * the call came from: the connection whose handler made it, else the app's start-up, else
 * no connection (traces.ts decides). wsroutes' own exits go through `exitProcess`
 * (process-exit.ts), which calls the saved original. Node's `process.exit` ends in the
 * undocumented `process.reallyExit`; apps call `process.exit`, so that is what is guarded.
 */
import { originalExit } from './process-exit.js';

type Exit = typeof process.exit;

/** Thrown by the guard at the app's `process.exit(code)` call. */
export class AppExitError extends Error {
  readonly exitCode: string;
  constructor(code: unknown) {
    const shown = code === undefined ? '' : String(code);
    super(`the app called process.exit(${shown}); wsroutes runs the app in-process and stopped the call`);
    this.name = 'AppExitError';
    this.exitCode = shown;
  }
}

export function isAppExit(err: unknown): err is AppExitError {
  return err instanceof AppExitError;
}

let installs = 0;
let report: ((err: AppExitError) => void) | undefined;
/** What the guard replaced (another copy's guard, or the original). */
let replaced: Exit | undefined;

function guardedExit(code?: number | string | null): never {
  // Left in place under someone else's patch after our last undo: pass the call on.
  if (installs === 0) return (replaced ?? originalExit()).call(process, code);
  const err = new AppExitError(code);
  Error.captureStackTrace(err, guardedExit);
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
  }
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    if (--installs > 0) return;
    report = undefined;
    // Someone replaced the guard meanwhile: theirs stays; ours reports nothing any more.
    if (process.exit === guardedExit) (process as { exit: Exit }).exit = replaced ?? originalExit();
  };
}
