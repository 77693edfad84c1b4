/**
 * A Socket.IO 4 chat (test/apps/node/socketio-chat.ts, the "get started" style: it
 * listens on 3000 itself and exports nothing) through the built CLI: the namespaces
 * are the routes, the `join` handler's crash on a non-string room is found through
 * emits of `join` with an ack, with the handler's own trace and a shrunk emit, and the
 * correct `/chat` namespace, whose handler acknowledges every emit, passes.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureBlocks, failureOf, routeOf } from './helpers/report.js';

const APP = 'test/apps/node/socketio-chat.ts';
const EXAMPLES = 30;

describe('Socket.IO chat', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', APP, '--seed', '5', '--max-examples', String(EXAMPLES)]);
    report = run.report as Report;
  });

  test('exits 1 and reports the socketio target with its namespaces as routes', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'node', framework: 'socketio', spec: APP });
    expect(report.routes.map((r) => r.path)).toEqual(['/', '/chat']);
  });

  test('/: the join handler raises on a non-string room: server_error with its trace, shrunk to one emit of join', () => {
    const f = failureOf(report, '/');
    expect(f.errorType).toBe('server_error');
    expect(f.message).toMatch(/^Server raised: TypeError: (Cannot read properties of \w+ \(reading 'trim'\)|room\.trim is not a function)/);
    expect(f.serverTrace).toContain('test/apps/node/socketio-chat.ts:');
    expect(f.messageIndex).toBe(0);
    expect(f.url).toBe('/socket.io/?EIO=4&transport=websocket');
    expect(f.sequence).toHaveLength(1);
    const [message] = f.sequence;
    expect(message!.type).toBe('json');
    const [event, ...args] = message!.data as unknown[];
    expect(event).toBe('join');
    // join (room, callback): one data argument, then the ack.
    expect(args).toHaveLength(1);
    expect(typeof args[0]).not.toBe('string');
  });

  test('the failure block shows the emit as the client sends it, with the ack the handler takes', () => {
    const block = failureBlocks(run.stdout).get('/');
    expect(block).toBeDefined();
    expect(block).toMatch(/\[0\] Sent \(json\):\n\s+emit\("join", [^"\n][^\n]*\) with ack\n/);
    expect(block).toContain('socketio-chat.ts');
  });

  test('/chat: the correct handler, which acknowledges every emit, passes', () => {
    const route = routeOf(report, '/chat');
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('passed');
    expect(route.sequences).toBe(EXAMPLES);
    expect(route.connections).toBe(EXAMPLES);
    expect(route.messagesSent).toBeGreaterThan(EXAMPLES);
  });

  test('the reproduce line replays the same failure', async () => {
    const f = failureOf(report, '/');
    expect(f.reproduce).toContain('--ws-include /');
    const args = f.reproduce.replace(/^npx wsroutes /, '').split(' ');
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(1);
    expect(again.report.routes.map((r: { path: string }) => r.path)).toEqual(['/']);
    expect(failureOf(again.report, '/').sequence).toEqual(f.sequence);
  });
});
