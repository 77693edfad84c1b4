/**
 * A plain ASGI callable has no routes to discover: the literal paths of
 * --ws-include are its routes, and the bridge still ties its traceback to the
 * connection (a custom strategy makes the one crashing message likely).
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
