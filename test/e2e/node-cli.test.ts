/**
 * The real CLI (built dist/) against the Node test apps: every correct route
 * passes, every buggy route fails with the right errorType and a minimal
 * sequence. Each app is one CLI run with a fixed seed.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { ROOT, runCli } from './helpers/run-cli.js';

type Json = Record<string, any>;
const route = (report: Json, path: string): Json => {
  const r = report.routes.find((x: Json) => x.path === path);
  if (!r) throw new Error(`route ${path} not in report: ${report.routes.map((x: Json) => x.path).join(', ')}`);
  return r;
};
/** The route's failure that `which` picks (a route reports each distinct failure), else its first. */
const failure = (report: Json, path: string, which?: (f: Json) => boolean): Json => {
  const r = route(report, path);
  expect(r.status, `${path} should fail`).toBe('failed');
  const f = which ? r.failures.find(which) : r.failures[0];
  expect(f, `${path}: ${r.failures.map((x: Json) => x.signature).join(', ')}`).toBeDefined();
  return f;
};
const traced = (re: RegExp) => (f: Json) => re.test(f.serverTrace ?? '');
const depth = (v: unknown): number =>
  Array.isArray(v) ? 1 + Math.max(0, ...v.map(depth)) : v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;

/** The bugs the ws-based apps share (see the table at the top of each app). */
function expectSharedBugs(report: Json, paths: string[]): void {
  if (paths.includes('/ws/nul')) {
    const f = failure(report, '/ws/nul', traced(/NUL byte/));
    expect(f).toMatchObject({ errorType: 'server_error', messageIndex: 0, sequence: [{ type: 'text', data: '\u0000' }] });
    expect(f.serverTrace).toContain('NUL byte in message');
  }
  if (paths.includes('/ws/parse')) {
    const f = failure(report, '/ws/parse', traced(/SyntaxError/));
    expect(f).toMatchObject({ errorType: 'server_error', messageIndex: 0, sequence: [{ type: 'text', data: '' }] });
    expect(f.serverTrace).toMatch(/SyntaxError.*JSON/);
  }
  if (paths.includes('/ws/limited')) {
    const f = failure(report, '/ws/limited', traced(/TypeError/));
    expect(f.errorType).toBe('server_error');
    expect(f.sequence).toHaveLength(4);
    expect(f.messageIndex).toBe(3);
    expect(f.serverTrace).toContain('TypeError');
  }
  if (paths.includes('/ws/drop')) {
    const f = failure(report, '/ws/drop', (x) => x.closeCode === 1006);
    expect(f).toMatchObject({ errorType: 'server_error', closeCode: 1006, messageIndex: 0, sequence: [{ type: 'bytes', data: '' }] });
    expect(f.serverTrace).toBeUndefined();
  }
  if (paths.includes('/ws/deep')) {
    const f = failure(report, '/ws/deep', (x) => x.closeCode === 1011);
    expect(f).toMatchObject({ errorType: 'server_error', closeCode: 1011, messageIndex: 0 });
    expect(f.sequence).toHaveLength(1);
    const m = f.sequence[0];
    expect(depth(m.type === 'json' ? m.data : JSON.parse(m.data))).toBe(4);
  }
  if (paths.includes('/ws/profile')) {
    const f = failure(report, '/ws/profile', traced(/TypeError: Cannot read properties of undefined/));
    expect(f.errorType).toBe('server_error');
    expect(f.sequence).toHaveLength(1);
    expect(f.serverTrace).toMatch(/TypeError: Cannot read properties of undefined/);
  }
}

function expectPassed(report: Json, paths: string[]): void {
  for (const p of paths) expect(route(report, p).status, `${p} should pass: ${JSON.stringify(route(report, p).failures[0]?.message)}`).toBe('passed');
}

describe('wsroutes CLI against Node apps', () => {
  test('Fastify + @fastify/websocket', async () => {
    const { code, report, stdout } = await runCli(['--app', 'test/apps/node/fastify-app.ts', '--seed', '11']);
    expect(code).toBe(1);
    expectPassed(report, ['/ws/echo', '/ws/json', '/ws/rooms/:room', '/ws/sink', '/ws/slow', '/ws/flood', '/ws/quit']);
    const bugs = ['/ws/nul', '/ws/parse', '/ws/limited', '/ws/drop', '/ws/deep', '/ws/profile'];
    expectSharedBugs(report, bugs);
    expect(report.routes).toHaveLength(13);
    expect(report.target).toMatchObject({ kind: 'node', framework: 'fastify' });
    expect(stdout).toContain('WEBSOCKET TEST FAILURE: /ws/nul');
    // The reproduce line runs from any directory: the app's path is absolute.
    expect(stdout).toContain(`npx wsroutes --app ${join(ROOT, 'test/apps/node/fastify-app.ts')} --ws-include /ws/nul --seed 11`);
    // The flood route's 5000 messages per connection are read, not dropped.
    expect(route(report, '/ws/flood').sequences).toBe(100);
    // Multi-client scripts open more than one connection per example.
    expect(route(report, '/ws/flood').connections).toBeGreaterThanOrEqual(100);
  });

  test('Express + express-ws (routes on mounted routers)', async () => {
    const { code, report } = await runCli(['--app', 'test/apps/node/express-app.ts', '--seed', '12']);
    expect(code).toBe(1);
    expectPassed(report, ['/ws/echo', '/ws/json', '/ws/rooms/:room', '/ws/sink', '/ws/slow', '/ws/flood', '/ws/quit']);
    expectSharedBugs(report, ['/ws/nul', '/ws/parse', '/ws/limited', '/ws/drop', '/ws/deep', '/ws/profile']);
    expect(report.routes.map((r: Json) => r.path)).not.toContain('/health');
  });

  test('Hono + @hono/node-ws', async () => {
    const { code, report } = await runCli(['--app', 'test/apps/node/hono-app.ts', '--seed', '13']);
    expect(code).toBe(1);
    expectPassed(report, ['/ws/echo', '/ws/json', '/ws/rooms/:room', '/ws/sink', '/ws/slow']);
    expectSharedBugs(report, ['/ws/drop', '/ws/deep', '/ws/profile']);
  });

  test('a ws WebSocketServer, an http.Server with several, and a factory', async () => {
    const single = await runCli(['--app', 'test/apps/node/ws-app.ts', '--seed', '14']);
    expect(single.code).toBe(1);
    expectSharedBugs({ routes: single.report.routes.map((r: Json) => ({ ...r, path: r.path === '/ws/sanitize' ? '/ws/nul' : r.path })) }, ['/ws/nul']);

    const multi = await runCli(['--app', 'test/apps/node/ws-multi-app.ts', '--seed', '15']);
    expect(multi.code).toBe(1);
    expectPassed(multi.report, ['/ws/echo']);
    expectSharedBugs(multi.report, ['/ws/parse', '/ws/drop']);

    const factory = await runCli(['--app', 'test/apps/node/factory-app.ts', '--seed', '16']);
    expect(factory.code).toBe(1);
    expectPassed(factory.report, ['/ws/echo', '/ws/rooms/:room']);
    expectSharedBugs(factory.report, ['/ws/limited']);
  });

  test('--seed replays the same run: same sequences, same minimal example', async () => {
    const args = ['--app', 'test/apps/node/fastify-app.ts', '--ws-include', '/ws/nul,/ws/echo', '--max-examples', '40', '--seed', '777'];
    const a = await runCli(args);
    const b = await runCli(args);
    const strip = (r: Json) =>
      r.routes.map((x: Json) => ({
        path: x.path,
        status: x.status,
        sequences: x.sequences,
        messagesSent: x.messagesSent,
        failures: x.failures.map((f: Json) => ({ ...f, context: undefined })),
      }));
    expect(strip(b.report)).toEqual(strip(a.report));
  });

  test('the bundled example (npm start) fails on JSON null, shrunk to that one message', async () => {
    const { code, report, stdout } = await runCli(['--app', 'examples/chat-app.ts', '--seed', '1']);
    expect(code).toBe(1);
    expect(failure(report, '/ws/chat/:room')).toMatchObject({ errorType: 'server_error', sequence: [{ type: 'json', data: null }] });
    expectPassed(report, ['/ws/echo', '/ws/presence']);
    expect(stdout).toMatch(/Server traceback:[\s\S]*TypeError: Cannot read properties of null \(reading 'type'\)/);
  });
});

describe('options', () => {
  test('--ws-include / --ws-exclude globs, and the --routes-* aliases', async () => {
    const { code, report } = await runCli([
      '--routes-app',
      'test/apps/node/fastify-app.ts',
      '--routes-ws-include',
      '/ws/*',
      '--routes-ws-exclude',
      '/ws/flood,/ws/slow,/ws/n*,/ws/p*,/ws/l*,/ws/d*',
      '--routes-max-examples',
      '5',
      '--routes-ws-max-messages',
      '2',
      '--routes-seed',
      '3',
    ]);
    expect(code).toBe(0);
    // fnmatch, as pytest-routes: /ws/* also covers /ws/rooms/:room.
    expect(report.routes.map((r: Json) => r.path).sort()).toEqual(['/ws/echo', '/ws/json', '/ws/quit', '/ws/rooms/:room', '/ws/sink']);
    for (const r of report.routes) {
      expect(r.sequences).toBe(5);
      expect(r.messagesSent).toBeLessThanOrEqual(10);
    }
    expect(report.seed).toBe(3);
  });

  test('--ws-message-timeout bounds a silent server: a stalled route is a timeout, quickly', async () => {
    const { code, report } = await runCli(['--app', 'test/apps/node/stall-app.ts', '--ws-message-timeout', '0.3', '--max-examples', '3', '--seed', '1']);
    expect(code).toBe(1);
    expect(failure(report, '/ws/stall')).toMatchObject({ errorType: 'timeout', messageIndex: 0 });
  });
});

describe('bad input: one line, exit 2, nothing left running', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown option', ['--app', 'x.ts', '--frobnicate'], /unknown option '--frobnicate'/],
    ['bad number', ['--app', 'x.ts', '--max-examples', 'lots'], /--max-examples must be a whole number/],
    ['missing file', ['--app', 'test/apps/node/nope.ts'], /nope\.ts/],
    ['export that is not an app', ['--app', 'test/apps/node/bad/not-an-app.ts'], /not a supported app|not an app/i],
    ['app that throws at start-up', ['--app', 'test/apps/node/bad/throws-on-import.ts'], /DATABASE_URL is not set/],
    ['factory that throws', ['--app', 'test/apps/node/bad/factory-throws.ts'], /cannot connect to redis/],
    [
      'no route matched',
      ['--app', 'test/apps/node/fastify-app.ts', '--ws-include', '/nothing/*'],
      /no route matched --ws-include \/nothing\/\*; routes found: \/ws\/echo/,
    ],
    ['missing export', ['--app', 'test/apps/node/fastify-app.ts:nope'], /nope/],
    ['no target', [], /no target/],
    ['unreachable url', ['--url', 'http://127.0.0.1:1', '--ws-include', '/ws'], /not reachable/],
  ];
  for (const [name, args, pattern] of cases) {
    test(name, async () => {
      const { code, stdout, stderr } = await runCli(args, { noReport: true, timeoutMs: 30_000 });
      expect(code).toBe(2);
      const lines = stderr.trim().split('\n');
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^wsroutes: /);
      expect(lines[0]).toMatch(pattern);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    });
  }
});
