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
