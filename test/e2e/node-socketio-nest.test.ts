/**
 * NestJS gateways on Socket.IO, Nest's default platform (test/apps/node/nest/socketio: no
 * adapter call, main.ts as the Nest docs write it) through the built CLI: the namespaces
 * are Socket.IO routes with their `@SubscribeMessage` names, the `join` handler's crash is
 * found through emits of `join` with its trace, the docs' gateway on `/` passes, and the
 * errors `leave` logs and answers with a WsException (Nest's `exception` event) are answers.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureOf, routeOf } from './helpers/report.js';

const APP = 'test/apps/node/nest/socketio/main.ts';
const EXAMPLES = 40;

describe('NestJS gateways on Socket.IO', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', APP, '--seed', '3', '--max-examples', String(EXAMPLES)]);
    report = run.report as Report;
  });

  test('the Nest target, its namespaces as Socket.IO routes', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'node', framework: 'nest', spec: APP });
    expect(report.routes.map((r) => r.path)).toEqual(['/', '/rooms']);
  });

  test("/rooms: join's TypeError, which Nest answers as an internal error and logs, is a server_error shrunk to one emit of join", () => {
    const f = failureOf(report, '/rooms', (x) => /reading '(room|trim)'/.test(x.message));
    expect(f.errorType).toBe('server_error');
    expect(f.url).toBe('/socket.io/?EIO=4&transport=websocket');
    expect(f.serverTrace).toMatch(/at RoomsGateway\.join \(.*test\/apps\/node\/nest\/socketio\/rooms\/rooms\.gateway\.ts:\d+:\d+\)/);
    expect(f.sequence).toHaveLength(1);
    expect((f.sequence[0]!.data as unknown[])[0]).toBe('join');
    // Nest's log line became the trace, not noise in the output.
    expect(run.stdout + run.stderr).not.toContain('[WsExceptionsHandler]');
  });

  test('/rooms: the errors leave logs and answers with a WsException are answers: no failure of them', () => {
    const route = routeOf(report, '/rooms');
    // A logged trace does not cut the connection, so the `exception` answer that follows it always arrives.
    expect(route.failures.filter((f) => /room must be a string|is not in room/.test(f.message))).toEqual([]);
  });

  test("/: the Nest docs' gateway passes", () => {
    const route = routeOf(report, '/');
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('passed');
    expect(route.sequences).toBe(EXAMPLES);
    expect(route.messagesSent).toBeGreaterThan(EXAMPLES);
  });
});
