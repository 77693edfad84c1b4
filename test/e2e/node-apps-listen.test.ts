/**
 * Modules that start their own server at import, with nothing exported: Fastify's
 * `await fastify.listen({ port: 3000 })`, Hono's `serve()` + `injectWebSocket`, an
 * http.Server with noServer WebSocketServers on `server.listen(8080)`, and
 * `new WebSocketServer({ port: 8080 })`. The fixed ports are held by this test while the
 * CLI runs, so a listen that got through would fail. Bad input: a module that crashes
 * after listening, and one that exports and starts nothing, are one line and exit 2.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { capturedPort, expectBugFound, holdPorts, portRefuses } from './helpers/node-apps.js';
import { failureOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

let release: () => Promise<void>;
beforeAll(async () => {
  release = await holdPorts([3000, 8080]);
});
afterAll(() => release());

const ARGS = ['--max-examples', '25', '--seed', '9'];

describe('a module that starts its own server', () => {
  test('Fastify: await fastify.listen({ port: 3000 })', async () => {
    const { code, report, stderr } = await runCli(['--app', 'test/apps/node/listen-fastify-app.mjs', ...ARGS]);
    expect(code).toBe(1);
    expect(report.target.framework).toBe('fastify');
    expectBugFound(report, { bug: '/ws/orders', trace: /SyntaxError.*JSON/, appFile: 'test/apps/node/listen-fastify-app.mjs', passed: ['/ws/echo'] });
    expect(await portRefuses(capturedPort(stderr))).toBe(true);
  });

  test('Hono + @hono/node-ws: serve({ fetch, port: 3000 }) then injectWebSocket(server)', async () => {
    const { code, report, stderr } = await runCli(['--app', 'test/apps/node/listen-hono-app.ts', ...ARGS]);
    expect(code).toBe(1);
    expect(report.target.framework).toBe('hono');
    expectBugFound(report, { bug: '/ws/parse', trace: /SyntaxError.*JSON/, appFile: 'test/apps/node/listen-hono-app.ts', passed: ['/ws'] });
    expect(await portRefuses(capturedPort(stderr))).toBe(true);
  });

  test('http.Server + ws (noServer, routed by pathname): server.listen(8080)', async () => {
    const { code, report, stderr } = await runCli(['--app', 'test/apps/node/listen-http-ws-app.mjs', '--ws-include', '/foo', '--ws-include', '/bar', ...ARGS]);
    expect(code).toBe(1);
    expect(report.target.framework).toBe('http');
    expectBugFound(report, { bug: '/bar', trace: /SyntaxError.*JSON/, appFile: 'test/apps/node/listen-http-ws-app.mjs', passed: ['/foo'] });
    expect(await portRefuses(capturedPort(stderr))).toBe(true);
  });

  test('ws: new WebSocketServer({ port: 8080 })', async () => {
    const { code, report, stderr } = await runCli(['--app', 'test/apps/node/listen-ws-port-app.mjs', ...ARGS]);
    expect(code).toBe(1);
    expect(report.routes.map((r: { path: string }) => r.path)).toEqual(['/']);
    const failure = failureOf(report, '/');
    expect(failure.errorType).toBe('server_error');
    expect(failure.serverTrace).toMatch(/(SyntaxError.*JSON|TypeError: Cannot read properties of null)/);
    expect(failure.serverTrace).toContain('test/apps/node/listen-ws-port-app.mjs');
    expect(await portRefuses(capturedPort(stderr))).toBe(true);
  });
});

describe('bad input: one line, exit 2', () => {
  test.each([
    [
      'a module that crashes after it listened',
      'listen-crash-app.mjs',
      /failed to start|threw while loading/,
      /Cannot read properties of null \(reading 'rooms'\)/,
    ],
    ['a module that exports nothing and starts nothing', 'listen-nothing-app.mjs', /exports no app and starts no server/, /Express app \(with express-ws\)/],
  ])('%s', async (_name, app, pattern, detail) => {
    const { code, stdout, stderr } = await runCli(['--app', `test/apps/node/${app}`], { noReport: true, timeoutMs: 30_000 });
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^wsroutes: /);
    expect(lines[0]).toMatch(pattern);
    expect(lines[0]).toMatch(detail);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });
});
