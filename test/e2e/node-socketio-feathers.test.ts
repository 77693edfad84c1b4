/**
 * A Feathers v5 app on Koa with @feathersjs/socketio (test/apps/node/feathers/app.ts, as
 * Feathers' quick start writes it: it listens itself and exports nothing) through the
 * built CLI: its Socket.IO server is found through the package that creates it, the
 * service methods are the events, emitted with the service paths and acks, the users
 * service's crash (which Feathers answers in the ack and logs nothing of) is a
 * server_error shrunk to one emit, and the BadRequests of the messages service are answers.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureOf, routeOf } from './helpers/report.js';

const APP = 'test/apps/node/feathers/app.ts';
const EXAMPLES = 40;

describe('Feathers on Socket.IO', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', APP, '--seed', '3', '--max-examples', String(EXAMPLES)]);
    report = run.report as Report;
  });

  test('found: the Socket.IO server @feathersjs/socketio creates, its namespace / the route', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'node', framework: 'socketio', spec: APP });
    expect(report.routes.map((r) => r.path)).toEqual(['/']);
  });

  test("the users service's TypeError is a server_error shrunk to one emit of create on users, with the service's trace", () => {
    const f = failureOf(report, '/');
    expect(f.errorType).toBe('server_error');
    expect(f.message).toMatch(/^Server raised: TypeError: Cannot read properties of \w+ \(reading '(trim|name)'\)/);
    expect(f.serverTrace).toMatch(/at UserService\.create \(.*test\/apps\/node\/feathers\/app\.ts:\d+:\d+\)/);
    expect(f.sequence).toHaveLength(1);
    const [event, path] = f.sequence[0]!.data as unknown[];
    expect([event, path]).toEqual(['create', 'users']);
    // Feathers answered it in the ack: what the client saw.
    expect(run.stdout).toMatch(/last_response: 43\d+\[\{"stack":"TypeError/);
  });

  test('the messages service is reached (its path drawn) and its BadRequests are answers: the only failure is the users crash', () => {
    const route = routeOf(report, '/');
    expect(route.failures).toHaveLength(1);
    expect(route.messagesSent).toBeGreaterThan(EXAMPLES);
    expect(run.stdout + run.stderr).not.toMatch(/MessageService/);
  });
});
