/**
 * A plain ASGI callable has no routes to discover: the literal paths of
 * --ws-include are its routes, and the bridge still ties its traceback to the
 * connection (a custom strategy makes the one crashing message likely). And a module
 * whose file name has a hyphen is imported as uvicorn imports it.
 */
import { expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

test('routes come from --ws-include; a crash is found with its traceback', async () => {
  const setup = 'test/fixtures/setup/asgi-boom.ts';
  const { code, report, stderr } = await runCli([
    '--app',
    'asgi_app:app',
    '--app-dir',
    'test/apps/python',
    '--ws-include',
    '/echo,/idle',
    '--setup',
    setup,
    '--seed',
    '3',
    '--max-examples',
    '30',
  ]);
  expect(code, stderr).toBe(1);
  expect(report.target).toMatchObject({ kind: 'python', framework: 'asgi' });
  const byPath = Object.fromEntries(report.routes.map((r: { path: string }) => [r.path, r]));
  expect(byPath['/idle'].status).toBe('passed');
  expect(byPath['/echo'].failures[0]).toMatchObject({ errorType: 'server_error', sequence: [{ type: 'text', data: 'boom' }] });
  expect(byPath['/echo'].failures[0].serverTrace).toContain('ValueError');
});

test('a module whose file name has a hyphen (fastapi-fiddle:app) is imported as uvicorn imports it', async () => {
  const { code, report, stderr } = await runCli(['--app', 'fastapi-fiddle:app', '--app-dir', 'test/apps/python', '--seed', '3', '--max-examples', '20']);
  expect(code, stderr).toBe(1);
  expect(report.target).toMatchObject({ kind: 'python', framework: 'fastapi' });
  const f = report.routes.find((r: { path: string }) => r.path === '/ws/square').failures[0];
  expect(f).toMatchObject({ errorType: 'server_error' });
  expect(f.serverTrace).toContain('ValueError');
  expect(f.reproduce).toContain('--app fastapi-fiddle:app');
});
