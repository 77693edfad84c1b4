/**
 * Late crashes of an app, Node (in-process) and Python (bridge) (issue 27, item 1). Before the fix, an async
 * handler that rejected (or a timer that threw) 150 ms after the message was reported
 * passed with exit 0: its trace arrived after the connection had been judged and went
 * to a record nobody read again; and an exception that landed after the run (while
 * the summary and reports were written) crashed wsroutes with exit 1 and no report.
 * Now a late trace fails the route of the connection that caused it, with that
 * connection's sequence, and the reports are written whatever the app throws.
 */
import { expect, test } from 'vitest';
import { failureOf, routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

test('a rejection or a timer throw 150 ms after the message (one client at a time) fails its route with its trace', async () => {
  const { code, stdout, stderr, report } = await runCli(
    [
      '--app',
      'test/apps/node/hostile/late-crash.ts',
      '--ws-include',
      '/ws/echo,/ws/save,/ws/notify',
      '--ws-max-clients',
      '1',
      '--max-examples',
      '20',
      '--seed',
      '1',
    ],
    {
      timeoutMs: 90_000,
    },
  );
  expect(code, stderr).toBe(1);
  expect(stdout).toContain('1 passed, 2 failed, 0 skipped');
  expect(routeOf(report, '/ws/echo').status).toBe('passed');
  const save = failureOf(report, '/ws/save');
  expect(save.errorType).toBe('server_error');
  expect(save.serverTrace).toMatch(/save failed: the store is read-only/);
  expect(save.serverTrace).toMatch(/late-crash\.ts:\d+:\d+/);
  expect(save.sequence.length).toBeGreaterThan(0);
  const notify = failureOf(report, '/ws/notify');
  expect(notify.errorType).toBe('server_error');
  expect(notify.serverTrace).toMatch(/TypeError: notify failed/);
  expect(notify.sequence.length).toBeGreaterThan(0);
});

test('exceptions that land after the run do not cost the report nor the exit status', async () => {
  const { code, signal, stdout, stderr, report } = await runCli(
    ['--app', 'test/apps/node/hostile/throws-after-stop.ts', '--max-examples', '10', '--seed', '1'],
    { timeoutMs: 60_000 },
  );
  expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
  expect(stdout).toContain('1 passed, 0 failed, 0 skipped');
  expect(routeOf(report, '/ws/echo').status).toBe('passed');
});

test('Python: a background task or a call_later callback raising 150 ms after the message fails its route', async () => {
  const { code, stdout, stderr, report } = await runCli(
    ['--app', 'late_crash_app:app', '--app-dir', 'test/apps/python/hostile', '--ws-max-clients', '1', '--max-examples', '20', '--seed', '1'],
    { timeoutMs: 90_000 },
  );
  expect(code, stderr.slice(-2000)).toBe(1);
  expect(stdout).toContain('1 passed, 2 failed, 0 skipped');
  expect(routeOf(report, '/ws/echo').status).toBe('passed');
  const save = failureOf(report, '/ws/save');
  expect(save.errorType).toBe('server_error');
  expect(save.serverTrace).toMatch(/RuntimeError: save failed/);
  expect(save.sequence.length).toBeGreaterThan(0);
  const notify = failureOf(report, '/ws/notify');
  expect(notify.errorType).toBe('server_error');
  expect(notify.serverTrace).toMatch(/LookupError: notify failed/);
  expect(notify.sequence.length).toBeGreaterThan(0);
});
