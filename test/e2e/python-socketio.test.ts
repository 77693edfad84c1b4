/**
 * python-socketio's ASGI app through the built CLI: test/apps/python/socketio_app.py (the docs'
 * `socketio.ASGIApp(sio)` with `@sio.event` handlers and a class-based namespace) and
 * test/apps/python/socketio_fastapi_app.py (`ASGIApp(sio, other_asgi_app=app)` over FastAPI at a
 * custom `socketio_path`). Namespaces are Socket.IO routes; the planted handler bugs are found
 * with the handler's own traceback, tied to the emit that caused it; handlers that answer
 * errors in their ack pass; the wrapped app's WebSocket and HTTP routes are still found.
 * test/apps/python/socketio_dispatch_app.py hides its Socket.IO app from discovery: found on the wire.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureOf, routeOf } from './helpers/report.js';

const APPS = 'test/apps/python';
const EXAMPLES = 30;

describe('python-socketio ASGIApp (socketio_app.py)', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', 'socketio_app:app', '--app-dir', APPS, '--seed', '3', '--max-examples', String(EXAMPLES)]);
    report = run.report as Report;
  });

  test('exits 1 and reports each namespace as a route', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'python', framework: 'python-socketio', spec: 'socketio_app:app' });
    expect(report.routes.map((r) => r.path)).toEqual(['/', '/scores']);
  });

  test('the report names each namespace Socket.IO, with its events, every one acked', () => {
    expect(routeOf(report, '/')).toMatchObject({ protocol: 'socketio', events: ['echo', 'join'], acks: ['echo', 'join'], discoveredBy: 'framework' });
    expect(routeOf(report, '/scores')).toMatchObject({ protocol: 'socketio', events: ['rate', 'submit'], acks: ['rate', 'submit'] });
  });

  test('/scores: on_rate raises on what it is sent: server_error with its traceback, shrunk to one emit of rate', () => {
    const f = failureOf(report, '/scores');
    expect(f.errorType).toBe('server_error');
    expect(f.message).toMatch(/^Server raised: (ValueError: invalid literal for int\(\)|TypeError: int\(\) argument)/);
    expect(f.serverTrace).toContain('socketio_app.py');
    expect(f.serverTrace).toContain('in on_rate');
    expect(f.url).toBe('/socket.io/?EIO=4&transport=websocket');
    expect(f.messageIndex).toBe(0);
    expect(f.sequence).toHaveLength(1);
    const [event, ...args] = f.sequence[0]!.data as unknown[];
    expect(event).toBe('rate');
    // on_rate(self, sid, stars): one data argument, then the ack python-socketio answers with the return value.
    expect(args).toHaveLength(1);
    for (const other of routeOf(report, '/scores').failures) expect(other.serverTrace).toContain('in on_rate');
  });

  test('/: echo and join pass, join answering bad rooms with an error in its ack', () => {
    const route = routeOf(report, '/');
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('passed');
    expect(route.sequences).toBe(EXAMPLES);
    expect(route.messagesSent).toBeGreaterThan(EXAMPLES);
  });
});

describe('python-socketio wrapping FastAPI (socketio_fastapi_app.py)', () => {
  let run: CliResult;
  let report: Report;
  const spec = 'socketio_fastapi_app:combined_asgi_app';

  beforeAll(async () => {
    run = await runCli(['--app', spec, '--app-dir', APPS, '--seed', '3', '--max-examples', String(EXAMPLES), '--http']);
    report = run.report as Report;
  });

  test('finds the Socket.IO namespace, the FastAPI WebSocket route and its HTTP route', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'python', framework: 'python-socketio', spec });
    expect(report.routes.map((r) => `${r.kind} ${r.path}`).sort()).toEqual(['http /health', 'websocket /', 'websocket /ws/echo']);
    expect(routeOf(report, '/')).toMatchObject({ protocol: 'socketio', events: ['send', 'shout'] });
    expect(routeOf(report, '/ws/echo')).toMatchObject({ protocol: 'plain' });
  });

  test('the namespace at the custom socketio_path: shout raises, found with its traceback', () => {
    const f = failureOf(report, '/');
    expect(f.errorType).toBe('server_error');
    expect(f.url).toBe('/sio/socket.io/?EIO=4&transport=websocket');
    expect(f.serverTrace).toContain('in shout');
    expect(f.sequence).toHaveLength(1);
    expect((f.sequence[0]!.data as unknown[])[0]).toBe('shout');
  });

  test('the wrapped app routes pass', () => {
    expect(routeOf(report, '/ws/echo').status).toBe('passed');
    expect(routeOf(report, '/health').status).toBe('passed');
  });
});

describe('python-socketio behind a dispatcher no adapter reads (socketio_dispatch_app.py)', () => {
  test('--ws-include /socket.io/ is found on the wire to be Socket.IO and runs as its namespace /', async () => {
    const run = await runCli(['--app', 'socketio_dispatch_app:app', '--app-dir', APPS, '--ws-include', '/socket.io/', '--seed', '3', '--max-examples', '10']);
    expect(run.code, run.stderr).toBe(0);
    const route = routeOf(run.report as Report, '/socket.io/');
    expect(route).toMatchObject({ status: 'passed', protocol: 'socketio', discoveredBy: 'include' });
    // Spoken as plain WebSocket, /socket.io/ without its Engine.IO query never opens.
    expect(route.connections).toBe(10);
    expect(route.messagesSent).toBeGreaterThan(0);
  });
});
