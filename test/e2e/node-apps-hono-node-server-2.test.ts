/**
 * Hono on @hono/node-server 2 with its own `upgradeWebSocket`, as hono.dev documents it:
 * an exported app (wsroutes serves it with the node-server 2 the app resolves), and the
 * README's `serve({ fetch, websocket: { server: wss } })` on port 3000 with no export
 * (captured; the routes come from Hono's router, a mounted sub-app's included).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { capturedPort, expectBugFound, holdPorts, portRefuses } from './helpers/node-apps.js';
import { runCli } from './helpers/run-cli.js';

let release: () => Promise<void>;
beforeAll(async () => {
  release = await holdPorts([3000]);
});
afterAll(() => release());

const ARGS = ['--max-examples', '25', '--seed', '8'];

describe('Hono on @hono/node-server 2', () => {
  test('an exported app', async () => {
    const { code, report } = await runCli(['--app', 'test/apps/node/hono-node-server-2-app.ts', ...ARGS]);
    expect(code).toBe(1);
    expect(report.target.framework).toBe('hono');
    expectBugFound(report, {
      bug: '/ws/score',
      trace: /SyntaxError.*JSON/,
      appFile: 'test/apps/node/hono-node-server-2-app.ts',
      passed: ['/ws', '/ws/rooms/:room'],
    });
  });

  test('serve() at import on the default port, nothing exported', async () => {
    const { code, report, stderr } = await runCli(['--app', 'test/apps/node/hono-node-server-2-serve-app.ts', ...ARGS]);
    expect(code).toBe(1);
    expect(report.target.framework).toBe('hono');
    expect(report.routes.map((r: { path: string }) => r.path)).toEqual(['/ws', '/api/chat']);
    expectBugFound(report, {
      bug: '/api/chat',
      trace: /SyntaxError.*JSON/,
      appFile: 'test/apps/node/hono-node-server-2-serve-app.ts',
      passed: ['/ws'],
    });
    expect(await portRefuses(capturedPort(stderr))).toBe(true);
  });
});
