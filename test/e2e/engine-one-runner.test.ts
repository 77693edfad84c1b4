/**
 * One route runner for every kind of route (issue 20): the same stateful bug behind an HTTP
 * route and a WebSocket route (test/apps/node/engine/notes-app.ts) is explored, shrunk,
 * replayed on a fresh server, traced to the earlier example it needs (its history) and
 * reported with the same fields on both; each reproduce line names its route the kind's way
 * and finds the bug again.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Report, ReportFailure } from './helpers/report.js';
import { failureOf } from './helpers/report.js';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';

const APP = 'test/apps/node/engine/notes-app.ts';

/** The report fields every failure has, whatever its route kind. */
const COMMON = ['errorType', 'message', 'messageIndex', 'sequence', 'url', 'serverTrace', 'signature', 'history', 'seed', 'reproduce'];

describe('an HTTP route and a WebSocket route through the one runner', () => {
  let run: CliResult;
  let ws: ReportFailure;
  let http: ReportFailure;

  beforeAll(async () => {
    run = await runCli(['--app', APP, '--http', '--seed', '3']);
    const report = run.report as Report;
    ws = failureOf(report, '/ws/notes');
    http = failureOf(report, '/notes');
  }, 120_000);

  test('both fail with the bug, replayed on a fresh server, which needs one earlier note (history)', () => {
    expect(run.code, run.stderr).toBe(1);
    for (const f of [ws, http]) {
      expect(f.errorType).toBe('server_error');
      expect(f.signature).toMatch(/^server_error:TypeError:notes-app\.ts:\d+$/);
      // Alone on a fresh server the empty note is answered "nothing to repeat": only the history makes it fail
      // (one earlier example; a multi-client script's counts each of its clients).
      expect(f.history?.length, JSON.stringify(f)).toBeGreaterThanOrEqual(1);
      expect(f.flaky).toBeUndefined();
    }
    expect(ws.sequence).toEqual([{ type: 'text', data: '' }]);
    expect(http.history).toEqual([{ url: 'POST /notes', sequence: [{ type: 'text', data: expect.stringMatching(/^\{"text":".+"\}$/) }] }]);
    expect(run.stdout.match(/fails only after (an earlier connection|\d+ earlier connections) \(history\)/g)).toHaveLength(2);
  });

  test('the same report fields on both kinds; the HTTP one adds its request and curl line', () => {
    for (const f of [ws, http]) for (const key of COMMON) expect(Object.keys(f), key).toContain(key);
    const extra = Object.keys(http).filter((k) => !Object.keys(ws).includes(k));
    expect(extra.sort()).toEqual(['curl', 'request']);
  });

  test("each reproduce line names the route its kind's way and finds the bug again", async () => {
    expect(ws.reproduce).toMatch(/ --ws-include \/ws\/notes --seed 3$/);
    expect(http.reproduce).toMatch(/ --no-websocket --http --http-include \/notes --methods POST --seed 3$/);
    for (const [line, path] of [
      [http.reproduce, '/notes'],
      [ws.reproduce, '/ws/notes'],
    ] as const) {
      const again = await runCli(line.split(' ').slice(2));
      const f = failureOf(again.report as Report, path);
      expect(f.signature).toBe(path === '/notes' ? http.signature : ws.signature);
    }
  });
});

describe('the checks registry from the command line', () => {
  test('--list-checks prints every check with what it catches, and starts nothing', async () => {
    const run = await runCli(['--list-checks']);
    expect(run.code, run.stderr).toBe(0);
    const names = run.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual([
      'server_error',
      'subprotocol_violation',
      'handshake_rejected',
      'handshake_error',
      'protocol_error',
      'timeout',
      'unexpected_close',
      'shutdown_error',
      'unexpected_status',
      'response_schema_violation',
    ]);
    expect(run.stdout).toMatch(/^server_error +websocket, http: .+$/m);
  });

  test('--exclude-checks server_error: no failure is one, a later check judges what is left; --checks server_error keeps it', async () => {
    const off = await runCli(['--app', APP, '--http', '--seed', '3', '--exclude-checks', 'server_error']);
    const routes = (off.report as Report).routes;
    expect(routes.flatMap((r) => r.failures.map((f) => f.errorType))).not.toContain('server_error');
    // The 500 is the only sign of the HTTP crash; the WebSocket crash also drops the connection, which our close then meets.
    expect(routes.find((r) => r.path === '/notes')!.status).toBe('passed');
    expect(failureOf(off.report as Report, '/ws/notes').errorType).toBe('shutdown_error');
    const only = await runCli(['--app', APP, '--http', '--seed', '3', '--checks', 'server_error', '--ws-include', '/nope']);
    expect(only.code, only.stdout).toBe(1);
    expect(failureOf(only.report as Report, '/notes').errorType).toBe('server_error');
  });

  test('an unknown check name is one line and exit 2, before the app starts', async () => {
    const run = await runCli(['--app', APP, '--checks', 'server_eror']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^wsroutes: unknown check "server_eror"; known checks: server_error, /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
