/**
 * An in-process app that sets the process's exit status itself (issue 27, item 2).
 * Before the fix, its exit listener's `process.exitCode = 0` turned "1 failed" into exit
 * 0, and `process.reallyExit(0)` in a handler ended wsroutes at once: exit 0, no report,
 * the app's children left running. wsroutes' exit status is its own now.
 */
import { afterEach, expect, test } from 'vitest';
import { killMarked, leftBehind, MARK_VAR, newMark } from './helpers/processes.js';
import { failureOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

const APP = 'test/apps/node/hostile/exit-code-tricks.ts';
const marks: string[] = [];

// A failing run must not leave the app's sleeps behind either.
afterEach(() => {
  for (const mark of marks.splice(0)) killMarked(mark);
});

test("an exit listener's process.exitCode = 0 does not turn a failed run into exit 0", async () => {
  const { code, stdout, stderr } = await runCli(['--app', APP, '--ws-include', '/ws/boom', '--max-examples', '10', '--seed', '1'], {
    timeoutMs: 60_000,
  });
  expect(code, stderr).toBe(1);
  expect(stdout).toContain('0 passed, 1 failed, 0 skipped');
});

test('process.reallyExit(0) in a handler is a server_error: the run reports, exits 1 and leaves nothing running', async () => {
  const mark = newMark();
  marks.push(mark);
  const { code, stderr, report } = await runCli(['--app', APP, '--ws-include', '/ws/halt', '--max-examples', '20', '--seed', '1'], {
    env: { [MARK_VAR]: mark },
    timeoutMs: 60_000,
  });
  expect(code, stderr).toBe(1);
  const halt = failureOf(report, '/ws/halt');
  expect(halt.errorType).toBe('server_error');
  expect(halt.sequence).toEqual([{ type: 'text', data: '' }]);
  expect(halt.serverTrace).toMatch(/the app called process\.reallyExit\(0\)/);
  expect(await leftBehind(mark)).toEqual([]);
});
