/**
 * An in-process app that removes every SIGINT and SIGTERM listener (issue 27, item 3),
 * wsroutes' own included. Before the fix, Ctrl-C then killed wsroutes by the signal's
 * default action: no exit 130, and every process the app had spawned (400+ in a long
 * run) left running. wsroutes' listeners stay.
 */
import { afterEach, expect, test } from 'vitest';
import { commandLine, killMarked, leftBehind, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import { startCli } from './helpers/run-cli.js';

const APP = 'test/apps/node/hostile/removes-signal-listeners.ts';
const marks: string[] = [];

// A failing run must not leave the app's sleeps behind either.
afterEach(() => {
  for (const mark of marks.splice(0)) killMarked(mark);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} mid-run: exit 130 and the processes the app spawned are gone`, async () => {
    const mark = newMark();
    marks.push(mark);
    const run = startCli(['--app', APP, '--max-examples', '100000', '--seed', '1'], { env: { [MARK_VAR]: mark }, noReport: true, timeoutMs: 60_000 });
    await run.waitForStderr(/on ws:\/\/127\.0\.0\.1:\d+/);
    for (const until = Date.now() + 20_000; processesMarked(mark).length < 6 && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(
      processesMarked(mark)
        .map(commandLine)
        .filter((c) => c.includes('sleep')).length,
    ).toBeGreaterThan(3);
    run.child.kill(signal);
    const result = await run.done;
    expect({ code: result.code, signal: result.signal }, result.stderr).toEqual({ code: 130, signal: null });
    expect(await leftBehind(mark)).toEqual([]);
  });
}
