/**
 * Discovery by probing: apps whose framework lists no WebSocket route, run without
 * --ws-include. A Node server that routes upgrades itself (test/apps/node/one-shot-app.mjs)
 * has the paths its source names that a handshake upgrades as routes; a raw ASGI callable
 * that upgrades any path (test/apps/python/asgi_app.py) has `/` and the paths its source
 * names. Each is `discoveredBy: "probe"` and tested like any other.
 */
import { expect, test } from 'vitest';
import { failureOf, type Report, routeOf } from './helpers/report.js';
import { PYTHON_APPS } from './helpers/python-suite.js';
import { runCli } from './helpers/run-cli.js';

const pathsOf = (report: Report): string[] => report.routes.map((r) => r.path).sort();

test('a Node server that routes upgrades itself: the upgraded paths of its source, tested (the planted bug found)', async () => {
  const run = await runCli(['--app', 'test/apps/node/one-shot-app.mjs', '--max-examples', '20', '--seed', '1']);
  expect(run.code, run.stderr).toBe(1);
  const report = run.report as Report;
  expect(pathsOf(report)).toEqual(['/hello', '/members', '/signup']);
  for (const r of report.routes) expect((r as { discoveredBy?: string }).discoveredBy).toBe('probe');
  expect(routeOf(report, '/hello').status).toBe('passed');
  expect(failureOf(report, '/signup').errorType).toBe('server_error');
  expect(routeOf(report, '/members').status).toBe('skipped');
});

test('a raw ASGI callable that upgrades any path: / and the paths its source names; the crash found', async () => {
  const run = await runCli([
    '--app',
    'asgi_app:app',
    '--app-dir',
    PYTHON_APPS,
    '--setup',
    'test/fixtures/setup/asgi-boom-any-path.ts',
    '--max-examples',
    '30',
    '--seed',
    '3',
  ]);
  expect(run.code, run.stderr).toBe(1);
  const report = run.report as Report;
  expect(pathsOf(report)).toEqual(['/', '/idle']);
  expect(routeOf(report, '/idle').status).toBe('passed');
  expect(failureOf(report, '/').serverTrace).toContain('ValueError');
});
