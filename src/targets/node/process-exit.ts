/**
 * wsroutes' own way to end the process. While an in-process Node app is loaded,
 * `process.exit` is the app's to call and is guarded (targets/node/exit-guard.ts): a call
 * there is the app's bug, not an exit. wsroutes' own exits (the CLI's exit code, a second
 * Ctrl-C) go through here, to the `process.exit` saved before any guard was installed.
 * The saved function lives on `globalThis`: a second copy of this module (wsroutes loaded
 * from source and from dist/ in one process) loaded while a guard is in place must still
 * find the real one.
 */

type Exit = typeof process.exit;
const ORIGINAL = Symbol.for('wsroutes.originalProcessExit');
const slot = globalThis as { [ORIGINAL]?: Exit };

/** The real `process.exit`: saved the first time any copy of wsroutes asks. */
export function originalExit(): Exit {
  slot[ORIGINAL] ??= process.exit;
  return slot[ORIGINAL];
}
originalExit();

/** Ends the process with `code`, whatever an app has done to `process.exit`. */
export function exitProcess(code: number): never {
  return originalExit().call(process, code);
}
