import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveOptions } from '../config/options.js';
import { isWsroutesError } from '../errors.js';
import { crash, rejected, run } from '../reporting/fixtures.test-data.js';
import { redactor } from '../reporting/redact.js';
import type { FailureResult, RunResult } from '../run/results.js';
import { checkExportDir, writeExportedTests } from './export-tests.js';
import { exportContext, regressionTest, routeSlug } from './regression-test.js';

const dir = mkdtempSync(join(tmpdir(), 'wsroutes-export-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = (o: Parameters<typeof resolveOptions>[0] = {}) => resolveOptions({ app: 'app.ts', cwd: '/proj', seed: 1, ...o });

/** `node --check`: the file is valid JavaScript (an ES module). */
function checks(source: string): void {
  const file = join(dir, `check-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  execFileSync(process.execPath, ['--check', file]);
}

describe('routeSlug', () => {
  test.each([
    ['/ws/chat/{room_id:str}', 'ws-chat-room_id-str'],
    ['/rooms/:room', 'rooms-room'],
    ['/', 'root'],
    ['/ws/ünï/😀', 'ws-uni'],
  ])('%s -> %s', (path, slug) => expect(routeSlug(path)).toBe(slug));
});

describe('exportContext', () => {
  test('a Node app file becomes absolute, its export kept', () => {
    expect(exportContext(opts({ app: 'src/app.ts:server' })).target).toEqual({ app: '/proj/src/app.ts:server' });
  });

  test('a Python app names its interpreter and import folder, absolute', () => {
    const t = exportContext(opts({ app: 'main:app', python: '.venv/bin/python', appDir: 'srv' })).target;
    expect(t).toEqual({ app: 'main:app', python: '/proj/.venv/bin/python', appDir: '/proj/srv' });
  });

  test('a bare interpreter name stays a name, looked up on PATH', () => {
    expect(exportContext(opts({ app: 'main:app', python: 'python3' })).target.python).toBe('python3');
  });

  test('handshake values: $VAR kept, literal secrets become named variables, never the value; plain literals kept', () => {
    const ctx = exportContext(
      opts({
        auth: 'bearer:$TOKEN',
        headers: ['X-Key:literal-key', 'X-Env:${ENV_NAME}', 'Origin:http://app.example'],
        cookies: ['session=$SESSION'],
        query: ['api-key=abc123', 'EIO=4'],
      }),
    );
    expect(ctx.handshake).toEqual([
      { kind: 'header', name: 'Authorization', template: 'Bearer $TOKEN' },
      { kind: 'header', name: 'X-Key', template: '$WSROUTES_HEADER_X_KEY' },
      { kind: 'header', name: 'X-Env', template: '${ENV_NAME}' },
      { kind: 'header', name: 'Origin', template: 'http://app.example' },
      { kind: 'cookie', name: 'session', template: '$SESSION' },
      { kind: 'query', name: 'api-key', template: '$WSROUTES_QUERY_API_KEY' },
      { kind: 'query', name: 'EIO', template: '4' },
    ]);
    expect(ctx.literalVars).toEqual(['WSROUTES_HEADER_X_KEY', 'WSROUTES_QUERY_API_KEY']);
    expect(JSON.stringify(ctx)).not.toMatch(/literal-key|abc123/);
  });

  test('--auth header: and query: kinds', () => {
    expect(exportContext(opts({ auth: 'query:token:$T' })).handshake).toEqual([{ kind: 'query', name: 'token', template: '$T' }]);
    expect(exportContext(opts({ auth: 'header:X-Auth:secret' })).handshake).toEqual([{ kind: 'header', name: 'X-Auth', template: '$WSROUTES_AUTH_X_AUTH' }]);
  });
});

describe('regressionTest', () => {
  const ctx = exportContext(opts({ prelude: ['{"login":"me"}'] }));

  test('is a valid module that imports only wsroutes and node built-ins, with the sequence as sent', () => {
    const src = regressionTest(run.routes[1]!, { ...crash, prelude: [{ type: 'json', data: { login: 'me' } }] }, ctx);
    checks(src);
    expect([...src.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual([
      'node:assert/strict',
      'node:test',
      'node:timers/promises',
      'wsroutes',
    ]);
    expect(src).toContain('const URL_PATH = "/ws/chat/abc";');
    expect(src).toContain('{ text: "hi\\u0000there" }');
    expect(src).toContain(`{ json: ${JSON.stringify(JSON.stringify({ type: null, tags: ['a\nb', 1.5] }))} }`);
    expect(src).toContain('{ binary: "AAH/" }');
    expect(src).toContain('{ json: "{\\"login\\":\\"me\\"}" }');
  });

  test('any character in a message, trace or path stays inside strings and comments', () => {
    const nasty: FailureResult = {
      ...crash,
      message: 'line\nbreak */ \u2028 \u2029 \r end',
      reproduce: "npx wsroutes --ws-include '/ws/*/x' \n import fs from 'node:fs'",
      url: "/ws/'quoted'\\`${x}`",
      sequence: [{ type: 'text', data: '\uD800 \u2028 `${process.exit(1)}` \'"' }],
    };
    const src = regressionTest({ ...run.routes[1]!, path: '/ws/`${x}`/\n' }, nasty, ctx);
    checks(src);
    expect([...src.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).not.toContain('node:fs');
  });

  test('a GraphQL sequence offers both GraphQL subprotocols and waits for the connection_ack', () => {
    const gql: FailureResult = {
      ...crash,
      sequence: [
        { type: 'json', data: { type: 'connection_init' } },
        { type: 'json', data: { id: '1', type: 'subscribe', payload: { query: '{ a }' } } },
      ],
    };
    const src = regressionTest(run.routes[1]!, gql, ctx);
    checks(src);
    expect(src).toContain('const SUBPROTOCOLS = ["graphql-transport-ws","graphql-ws"];');
    expect(src).toContain('{ json: "{\\"type\\":\\"connection_init\\"}", awaitReply: true }');
    expect(src).toContain('"subscribe\\",');
    expect(regressionTest(run.routes[1]!, crash, ctx)).toContain('const SUBPROTOCOLS = [];');
  });

  test('names the variables to set for literal values', () => {
    const src = regressionTest(run.routes[1]!, crash, exportContext(opts({ headers: ['X-Key:lit'] })));
    expect(src).toContain('// Set $WSROUTES_HEADER_X_KEY to the value the run was given literally.');
  });
});

describe('writeExportedTests', () => {
  test('one file per exportable failure, a suffix for a second one of a slug; others listed as not exported', async () => {
    const out = join(dir, 'out');
    const timeout: FailureResult = { ...crash, errorType: 'timeout' };
    const twisted: FailureResult = { ...crash, errorType: 'subprotocol_violation' };
    const r: RunResult = { ...run, routes: [{ ...run.routes[1]!, failures: [crash, timeout, twisted] }, run.routes[2]!, run.routes[0]!] };
    const { written, skipped } = await writeExportedTests(r, opts(), out);
    expect(readdirSync(out).sort()).toEqual(['ws-chat-room-2.test.mjs', 'ws-chat-room.test.mjs', 'ws-private.test.mjs']);
    expect(written).toHaveLength(3);
    expect(skipped).toEqual(['/ws/chat/:room: subprotocol_violation (a client cannot observe it through the Conductor)']);
    expect(readFileSync(join(out, 'ws-private.test.mjs'), 'utf8')).toContain(`// handshake_rejected: ${rejected.message}`);
  });

  test('a Socket.IO target, and a failure that needs earlier connections, are not exported', async () => {
    const sio = await writeExportedTests({ ...run, target: { ...run.target, framework: 'socketio' }, routes: [run.routes[1]!] }, opts(), join(dir, 'sio'));
    expect(sio.written).toEqual([]);
    expect(sio.skipped).toEqual(['/ws/chat/:room: server_error (Socket.IO framing is not replayed by the Conductor)']);
    const withHistory = { ...crash, history: [{ url: '/ws/chat/abc', sequence: [] }] } as FailureResult;
    const h = await writeExportedTests({ ...run, routes: [{ ...run.routes[1]!, failures: [withHistory] }] }, opts(), join(dir, 'history'));
    expect(h.skipped[0]).toContain('earlier connections or several clients');
  });

  test("the file goes through the run's redactor", async () => {
    const out = join(dir, 'redacted');
    const leaky: RunResult = { ...run, routes: [{ ...run.routes[1]!, failures: [{ ...crash, message: 'token hunter2-token in the message' }] }] };
    await writeExportedTests(leaky, opts(), out, redactor(['hunter2-token']));
    expect(readFileSync(join(out, 'ws-chat-room.test.mjs'), 'utf8')).toContain('token *** in the message');
  });

  test('no failure, no folder written', async () => {
    const { written } = await writeExportedTests({ ...run, routes: [run.routes[0]!] }, opts(), join(dir, 'none'));
    expect(written).toEqual([]);
    expect(readdirSync(dir)).not.toContain('none');
  });
});

describe('checkExportDir', () => {
  const usage = (f: () => void): string => {
    try {
      f();
    } catch (e) {
      if (isWsroutesError(e) && e.code === 'USAGE') return e.message;
      throw e;
    }
    return 'no error';
  };

  test('a missing folder is created; an existing one is fine', () => {
    expect(usage(() => checkExportDir('--export-tests', 'new/deeper', dir))).toBe('no error');
    expect(readdirSync(join(dir, 'new/deeper'))).toEqual([]);
  });

  test('a file, a file on the path, a read-only folder: one line naming the flag', () => {
    writeFileSync(join(dir, 'plain'), '');
    expect(usage(() => checkExportDir('--export-tests', 'plain', dir))).toBe('--export-tests plain: cannot write the tests there (it is not a directory)');
    expect(usage(() => checkExportDir('--export-tests', 'plain/sub', dir))).toBe(
      '--export-tests plain/sub: cannot write the tests there (a part of the path is a file)',
    );
    if (process.getuid?.() !== 0) {
      chmodSync(join(dir, 'new'), 0o500);
      expect(usage(() => checkExportDir('--export-tests', 'new', dir))).toContain('permission denied');
    }
  });
});
