/**
 * The inputs real clients send, against a FastAPI app (test/apps/python/inputs_fastapi_app.py):
 * a route behind `token: str = Query()` and `session: str = Cookie()`, which echoes both
 * and names the session in its exception; and a route that wants a login message first and
 * answers it with nothing. Also: `--ws-message-kinds text` gets past the route's binary-frame
 * crash to its deeper text bug, and the reproduce line, run as printed from another
 * directory, replays the failure (the interpreter and the import directory are in it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { CLI, ROOT, runCli } from './helpers/run-cli.js';
import { failureBlocks, failureOf, routeOf } from './helpers/report.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

const SESSION = 'sess-5e3d-do-not-print';
const TOKEN = 'tok-a1c9-do-not-print';
const LOGIN = 'login-2b7f-token';
const env = { WSR_SESSION: SESSION, WSR_TOKEN: TOKEN, WSR_LOGIN_TOKEN: LOGIN };
const app = ['--app', 'inputs_fastapi_app:app', '--app-dir', PYTHON_APPS, '--max-examples', '50', '--seed', '1'];
const items = [...app, '--ws-include', '/items/*'];
const credentials = ['--query', 'token=$WSR_TOKEN', '--cookie', 'session=$WSR_SESSION'];
const ITEMS = '/items/{item_id:str}/ws';

function expectNoSecret(run: { stdout: string; stderr: string; report?: unknown }): void {
  const all = run.stdout + run.stderr + JSON.stringify(run.report);
  for (const s of [SESSION, TOKEN]) {
    expect(all).not.toContain(s);
    expect(all).not.toContain(encodeURIComponent(s));
  }
}

describe('--query and --cookie (FastAPI Query() / Cookie())', () => {
  test('without them: handshake_rejected with the hint', async () => {
    const run = await runCli(items, { env });
    expect(run.code).toBe(1);
    expect(failureOf(run.report, ITEMS)).toMatchObject({ errorType: 'handshake_rejected', message: 'Server rejected the handshake with HTTP 403' });
    expect(failureBlocks(run.stdout).get(ITEMS)).toMatch(/Hint: .*--cookie NAME=VALUE or --query NAME=VALUE/);
  });

  test('with them: the binary-frame crash is found; what the app echoes and raises is scrubbed, --verbose too', async () => {
    const run = await runCli([...items, ...credentials, '--verbose'], { env });
    expect(run.code, run.stderr).toBe(1);
    const f = failureOf(run.report, ITEMS, (x) => x.message === "Server raised: KeyError: 'text'");
    expect(f).toMatchObject({ errorType: 'server_error', message: "Server raised: KeyError: 'text'" });
    expect(f.sequence.map((m) => m.type)).toEqual(['bytes']);
    expect(failureBlocks(run.stdout).get(ITEMS)).toContain('last_response: Session cookie or query token value is: ***, ***');
    expect(run.stderr).toMatch(/query +\["token=\*\*\*"\]/);
    expectNoSecret(run);
  });

  test('--ws-message-kinds text gets past it to the deeper text bug, whose message names the session', async () => {
    const run = await runCli([...items, ...credentials, '--ws-message-kinds', 'text'], { env });
    expect(run.code, run.stderr).toBe(1);
    const f = failureOf(run.report, ITEMS);
    expect(f).toMatchObject({ errorType: 'server_error', message: 'Server raised: ValueError: session ***: NUL in an order note' });
    expect(f.serverTrace).toContain('in websocket_endpoint');
    expect(f.sequence.every((m) => m.type === 'text')).toBe(true);
    expect(f.reproduce).toContain('--ws-message-kinds text');
    expectNoSecret(run);
  });

  test('the reproduce line, run as printed from another directory, replays the failure', async () => {
    const run = await runCli([...items, ...credentials, '--ws-message-kinds', 'text'], { env });
    const f = failureOf(run.report, ITEMS);
    expect(f.reproduce).toMatch(
      /^npx wsroutes --app inputs_fastapi_app:app --python \/\S+ --app-dir \/\S+ --cookie 'session=\$WSR_SESSION' --query 'token=\$WSR_TOKEN' --ws-message-kinds text /,
    );
    const elsewhere = mkdtempSync(join(tmpdir(), 'wsroutes-repro-'));
    try {
      // `npx wsroutes` is this checkout's CLI here; everything after it runs through a real shell.
      const line = f.reproduce.replace(/^npx wsroutes /, `'${process.execPath}' '${CLI}' `);
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
      delete childEnv.VIRTUAL_ENV;
      delete childEnv.FORCE_COLOR;
      const { stdout } = await promisify(execFile)('sh', ['-c', `${line}; echo "exit=$?"`], { cwd: elsewhere, env: childEnv });
      expect(stdout).toContain(`WEBSOCKET TEST FAILURE: ${ITEMS}`);
      expect(stdout).toContain('Message: Server raised: ValueError: session ***: NUL in an order note');
      const sent = (out: string) => out.match(/Minimal sequence[\s\S]*?\n\n/)?.[0];
      expect(sent(stdout)).toBe(sent(run.stdout));
      expect(stdout).toMatch(/exit=1\n$/);
      expect(stdout).not.toContain(SESSION);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(ROOT).not.toBe(elsewhere);
  });
});

describe('--ws-prelude on a Python route whose login answers nothing', () => {
  test('without it the route is skipped: refused (1008) after its first message, the hint names --ws-prelude', async () => {
    const run = await runCli([...app, '--ws-include', '/ws/login', '--max-examples', '10'], { env });
    expect(run.code, run.stderr).toBe(2);
    const route = routeOf(run.report, '/ws/login');
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('skipped');
    expect(route.skipReason).toMatch(/closed with 1008 \(login first\) after reading 1 message, with no answer; .*--ws-prelude/);
  });

  test('with it: found, and the silent login step costs no message timeout', async () => {
    const started = Date.now();
    const run = await runCli(
      [...app, '--ws-include', '/ws/login', '--max-examples', '10', '--ws-message-timeout', '5', '--ws-prelude', `{"type":"login","token":"${LOGIN}"}`],
      { env },
    );
    expect(run.code, run.stderr).toBe(1);
    const f = failureOf(run.report, '/ws/login');
    expect(f.errorType).toBe('server_error');
    expect(f.serverTrace).toContain('JSONDecodeError');
    expect(f.messageIndex).toBe(0);
    // 10 connections and shrinking, each with a silent login: waiting out 5 s on any would show.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
