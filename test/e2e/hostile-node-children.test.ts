/**
 * Child processes of an in-process Node app (issue 15, item 5). Before the fix, every
 * connection's `spawn('sleep')` and `exec('sleep')` (a shell and its child) outlived the
 * run. Now the app's children and their descendants end with the run, also when it is
 * interrupted. Checked through an environment marker the app's children inherit.
 */
import { expect, test } from 'vitest';
import { commandLine, leftBehind, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import { routeOf } from './helpers/report.js';
import { runCli, startCli } from './helpers/run-cli.js';

const APP = 'test/apps/node/hostile/spawn-per-connection.ts';

test('after a run, no process the app spawned (nor a shell child of one) is left', async () => {
  const mark = newMark();
  const { code, stderr, report } = await runCli(['--app', APP, '--max-examples', '10', '--seed', '1'], {
    env: { [MARK_VAR]: mark },
    timeoutMs: 60_000,
  });
  expect(code, stderr).toBe(0);
  expect(routeOf(report, '/ws/jobs').connections).toBeGreaterThanOrEqual(10);
  expect(await leftBehind(mark)).toEqual([]);
});

test('Ctrl-C mid-run: exit 130 and the app spawned processes are gone', async () => {
  const mark = newMark();
  const run = startCli(['--app', APP, '--max-examples', '100000', '--seed', '1'], { env: { [MARK_VAR]: mark }, noReport: true });
  await run.waitForStderr(/on ws:\/\/127\.0\.0\.1:\d+/);
  // Wait until the app has spawned a few (the CLI itself is marked too).
  for (const until = Date.now() + 20_000; processesMarked(mark).length < 6 && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(
    processesMarked(mark)
      .map(commandLine)
      .filter((c) => c.includes('sleep')).length,
  ).toBeGreaterThan(3);
  run.child.kill('SIGINT');
  const result = await run.done;
  expect(result.code, result.stderr).toBe(130);
  expect(await leftBehind(mark)).toEqual([]);
});
