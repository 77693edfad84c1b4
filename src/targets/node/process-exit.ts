/**
 * wsroutes' own way to end the process. While an in-process Node app is loaded,
 * `process.exit` and `process.reallyExit` are the app's to call and are guarded
 * (targets/node/exit-guard.ts): a call there is the app's bug, not an exit. wsroutes' own
 * exits (the CLI's exit code, a second Ctrl-C) go through here, to the functions saved
 * before any guard was installed, and end with wsroutes' status whatever the app's exit
 * listeners do: set `process.exitCode`, call `process.exit(0)` or `process.reallyExit(0)`,
 * replace `process.reallyExit`, or throw. The saved functions live on `globalThis`: a
 * second copy of this module (wsroutes loaded from source and from dist/ in one process)
 * loaded while a guard is in place must still find the real ones.
 */

type Exit = typeof process.exit;
type ReallyExit = (code: number) => never;
const ORIGINAL = Symbol.for('wsroutes.originalProcessExit');
const ORIGINAL_REALLY = Symbol.for('wsroutes.originalProcessReallyExit');
const slot = globalThis as { [ORIGINAL]?: Exit; [ORIGINAL_REALLY]?: ReallyExit };
const proc = process as unknown as { reallyExit: ReallyExit };

/** The real `process.exit`: saved the first time any copy of wsroutes asks. */
export function originalExit(): Exit {
  slot[ORIGINAL] ??= process.exit;
  return slot[ORIGINAL];
}

/** The real `process.reallyExit` (what `process.exit` ends in, after the 'exit' listeners). */
export function originalReallyExit(): ReallyExit {
  slot[ORIGINAL_REALLY] ??= proc.reallyExit;
  return slot[ORIGINAL_REALLY];
}
originalExit();
originalReallyExit();

/** The code wsroutes is exiting with, once `exitProcess` was called. */
let exitingWith: number | undefined;

/** Ends the process with `code`, whatever an app has done to `process.exit` or does in its exit listeners. */
export function exitProcess(code: number): never {
  const really = originalReallyExit();
  // Called again while exiting (from an exit listener): the first code stands.
  if (exitingWith !== undefined) return really.call(process, exitingWith);
  exitingWith = code;
  // `process.exit` ends in `process.reallyExit(process.exitCode)`: an exit listener may set
  // exitCode (not lockable: not configurable), so the last step ignores it. Fixed, so a
  // listener cannot put its own in place.
  Object.defineProperty(process, 'reallyExit', { value: () => really.call(process, code), writable: false, configurable: false });
  try {
    originalExit().call(process, code);
  } catch {
    // A listener threw (the 'exit' event stops there): end anyway, with our code.
  }
  return really.call(process, code);
}
