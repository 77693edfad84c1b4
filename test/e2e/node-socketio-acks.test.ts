/**
 * Socket.IO acknowledgements through the built CLI, both ways a handler can get them wrong
 * or right:
 * - socketio-ack-app.ts calls its callback whether or not the client asked for an ack:
 *   an emit without one throws `callback is not a function` where nothing catches it
 *   (the process would die), found and shrunk to that one emit; the namespace that
 *   checks, as the Socket.IO docs do, passes.
 * - socketio-ack-error-app.ts answers bad requests with errors in the ack and logs them:
 *   answers, no failure; the handler that answers "Internal server error" for its own
 *   TypeError is a server_error.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureBlocks, failureOf, routeOf } from './helpers/report.js';

const EXAMPLES = 40;

describe('a handler that calls its ack callback unconditionally', () => {
  const APP = 'test/apps/node/socketio-ack-app.ts';
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', APP, '--seed', '3', '--max-examples', String(EXAMPLES)]);
    report = run.report as Report;
  });

  test('/: `callback is not a function`, shrunk to one emit of todo:create without an ack', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.routes.map((r) => r.path)).toEqual(['/', '/v2']);
    const f = failureOf(report, '/');
    expect(f.errorType).toBe('server_error');
    expect(f.message).toBe('Server raised: TypeError: callback is not a function');
    expect(f.serverTrace).toContain('socketio-ack-app.ts:');
    expect(f.sequence).toHaveLength(1);
    expect((f.sequence[0]!.data as unknown[])[0]).toBe('todo:create');
    // Printed as the client call: no "with ack".
    expect(failureBlocks(run.stdout).get('/')).toMatch(/\[0\] Sent \(json\):\n\s+emit\("todo:create", [^\n]*\)\n/);
    expect(failureBlocks(run.stdout).get('/')).not.toMatch(/emit\("todo:create"[^\n]*with ack/);
  });

  test('/v2: the docs-style check for a missing ack passes', () => {
    const route = routeOf(report, '/v2');
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('passed');
    expect(route.sequences).toBe(EXAMPLES);
  });
});

describe('a handler that answers errors in its ack and logs them', () => {
  const APP = 'test/apps/node/socketio-ack-error-app.ts';
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', APP, '--seed', '3', '--max-examples', String(EXAMPLES)]);
    report = run.report as Report;
  });

  test('/todos: the errors it logs and answers in the ack are answers, never a failure', () => {
    expect(report.routes.map((r) => r.path)).toEqual(['/todos', '/orders']);
    const route = routeOf(report, '/todos');
    expect(route.sequences).toBe(EXAMPLES);
    // A logged trace does not cut the connection, so the answer that follows it always arrives.
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('passed');
  });

  test('/orders: its own TypeError, logged and answered as an internal error, is a server_error', () => {
    expect(run.code, run.stderr).toBe(1);
    const f = failureOf(report, '/orders', (x) => !x.flaky);
    expect(f.errorType).toBe('server_error');
    expect(f.message).toMatch(/^Server raised: TypeError: Cannot read properties of \w+ \(reading 'map'\)/);
    expect(f.sequence).toHaveLength(1);
    expect((f.sequence[0]!.data as unknown[])[0]).toBe('order:create');
  });
});
