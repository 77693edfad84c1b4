import { afterEach, expect, test } from 'vitest';
import { originalExit, originalReallyExit } from './process-exit.js';
import { AppExitError, guardExit } from './exit-guard.js';

const undos: Array<() => void> = [];
afterEach(() => undos.splice(0).forEach((undo) => undo()));

function exitFromHere(code?: number): unknown {
  try {
    process.exit(code);
  } catch (err) {
    return err;
  }
}

test('a guarded process.exit throws at the caller, names the code, and is heard first', () => {
  const heard: AppExitError[] = [];
  undos.push(guardExit((err) => heard.push(err)));
  const err = exitFromHere(7);
  expect(err).toBeInstanceOf(AppExitError);
  expect((err as AppExitError).exitCode).toBe('7');
  expect((err as Error).message).toMatch(/^the app called process\.exit\(7\)/);
  // The top frame is the app's call site, not the guard.
  expect((err as Error).stack?.split('\n')[1]).toMatch(/exitFromHere .*exit-guard\.test\.ts:\d+:\d+/);
  expect(heard).toEqual([err]);
  expect((exitFromHere() as AppExitError).message).toMatch(/process\.exit\(\);/);
});

test('installs are counted: the original comes back with the last undo only', () => {
  const first = guardExit(() => {});
  const second = guardExit(() => {});
  expect(process.exit).not.toBe(originalExit());
  first();
  first(); // idempotent: does not count twice
  expect(exitFromHere(1)).toBeInstanceOf(AppExitError);
  second();
  expect(process.exit).toBe(originalExit());
});

test('process.reallyExit (what process.exit ends in) is guarded too, and restored with the last undo', () => {
  const heard: AppExitError[] = [];
  const undo = guardExit((err) => heard.push(err));
  let err: unknown;
  try {
    (process as unknown as { reallyExit(code: number): never }).reallyExit(0);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AppExitError);
  expect((err as Error).message).toMatch(/^the app called process\.reallyExit\(0\)/);
  expect(heard).toEqual([err]);
  undo();
  expect((process as unknown as { reallyExit: unknown }).reallyExit).toBe(originalReallyExit());
});
