/**
 * NestJS setups beside main.ts (node-nest.test.ts): an application made by an exported
 * factory, and a CommonJS project, whose files get decorator metadata too.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

type Json = Record<string, any>;
const route = (report: Json, path: string): Json => {
  const r = report.routes.find((x: Json) => x.path === path);
  if (!r) throw new Error(`route ${path} not in report: ${report.routes.map((x: Json) => x.path).join(', ')}`);
  return r;
};

describe('NestJS gateways (platform-ws): other setups', () => {
  test('an exported async factory returning the application', async () => {
    const { code, report } = await runCli([
      '--app',
      'test/apps/node/nest/src/app.factory.ts',
      '--ws-include',
      '/calculator',
      '--max-examples',
      '30',
      '--seed',
      '9',
    ]);
    expect(code).toBe(1);
    expect(report.target).toMatchObject({ framework: 'nest' });
    expect(route(report, '/calculator').failures[0]).toMatchObject({ errorType: 'server_error', sequence: [{ data: { event: 'divide' } }] });
  });

  test('a CommonJS Nest project: decorator metadata there too, so its injected service is there', async () => {
    const { code, report } = await runCli(['--app', 'test/apps/node/nest/cjs/main.ts', '--max-examples', '40', '--seed', '9']);
    const chat = route(report, '/chat');
    expect(chat.status, JSON.stringify(chat.failures[0]?.message)).toBe('passed');
    expect(chat.messagesSent).toBeGreaterThan(40);
    expect(code).toBe(0);
  });
});
