/**
 * In-process apps that call process.exit (issue 15, item 3). Before the fix, the app's
 * call ended wsroutes itself: exit 0 with no summary and no report (a green CI run), or
 * its own code (7) with nothing said. Now the call is the app's bug: a server_error of
 * the connection that made it (the trace names the call site), one line and exit 2 while
 * the app starts, an orphan trace from a timer; wsroutes' own exits still work.
 */
import { expect, test } from 'vitest';
import { failureOf, routeOf } from './helpers/report.js';
import { runCli, startCli } from './helpers/run-cli.js';

const APP = 'test/apps/node/hostile/exit-on-message.ts';

test('an exit in a handler is a server_error of that connection; the run goes on, reports and exits 1', async () => {
  const { code, stdout, stderr, report } = await runCli(
    ['--app', APP, '--ws-include', '/ws/echo,/ws/drain,/ws/strict', '--max-examples', '20', '--seed', '1'],
    { timeoutMs: 60_000 },
  );
  expect(code, stderr).toBe(1);
  expect(stdout).toContain('1 passed, 2 failed, 0 skipped');
  expect(routeOf(report, '/ws/echo').status).toBe('passed');
  const drain = failureOf(report, '/ws/drain');
  expect(drain.errorType).toBe('server_error');
  expect(drain.sequence).toEqual([{ type: 'text', data: '' }]);
  expect(drain.serverTrace).toMatch(/the app called process\.exit\(0\)/);
  expect(drain.serverTrace).toMatch(/exit-on-message\.ts:\d+:\d+/);
  const strict = failureOf(report, '/ws/strict');
  expect(strict.errorType).toBe('server_error');
  expect(strict.serverTrace).toMatch(/the app called process\.exit\(7\)/);
});

test('an exit while the app starts is one line and exit 2', async () => {
  const { code, stdout, stderr } = await runCli(['--app', 'test/apps/node/hostile/exit-at-start.mjs', '--seed', '1'], {
    noReport: true,
    timeoutMs: 30_000,
  });
  expect(code, stderr).toBe(2);
  const ours = stderr.split('\n').filter((l) => l.startsWith('wsroutes:'));
  expect(ours).toHaveLength(1);
  expect(ours[0]).toMatch(/exit-at-start\.mjs called process\.exit\(1\) while starting at .*exit-at-start\.mjs:\d+:\d+$/);
  expect(stdout).toContain('cannot connect to the database');
});

test('an exit from a timer after start is an orphan trace: the run ends normally and says so', async () => {
  const quiet = await runCli(['--app', 'test/apps/node/hostile/exit-in-timer.ts', '--max-examples', '30', '--seed', '1'], {
    timeoutMs: 30_000,
  });
  expect(quiet.code, quiet.stderr).toBe(0);
  expect(routeOf(quiet.report, '/ws/echo').status).toBe('passed');
  expect(quiet.stderr).toMatch(/the app raised 1 error outside any connection \(AppExitError: the app called process\.exit\(3\)/);
  const verbose = await runCli(['--app', 'test/apps/node/hostile/exit-in-timer.ts', '--max-examples', '30', '--seed', '1', '--verbose'], {
    noReport: true,
    timeoutMs: 30_000,
  });
  expect(verbose.code, verbose.stderr).toBe(0);
  expect(verbose.stdout).toMatch(
    /Server errors not tied to any connection:\nAppExitError: the app called process\.exit\(3\)[^\n]*\n\s+at .*exit-in-timer\.ts:\d+:\d+/,
  );
});

test("wsroutes' own exits still work while the app is loaded: Ctrl-C twice exits 130 at once", async () => {
  const run = startCli(['--app', APP, '--ws-include', '/ws/echo', '--max-examples', '100000', '--seed', '1'], { noReport: true });
  await run.waitForStderr(/on ws:\/\/127\.0\.0\.1:\d+/);
  run.child.kill('SIGINT');
  run.child.kill('SIGINT');
  const result = await run.done;
  expect(result.code, result.stderr).toBe(130);
});
