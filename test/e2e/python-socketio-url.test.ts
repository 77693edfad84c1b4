/**
 * `--url` against python-socketio servers the test starts itself (uvicorn in a child process,
 * killed after): wsroutes has no source and no traces there, so Socket.IO is detected on the
 * wire. socketio_app.py serves Engine.IO at the default /socket.io/ with namespaces / and
 * /scores; socketio_fastapi_app.py at /sio/socket.io/, beside FastAPI's plain /ws/echo.
 * Spoken as plain WebSocket, neither endpoint nor namespace would ever open (403, 500): every
 * connection established proves the route ran as Socket.IO. A plain route and a path the
 * server does not have are never claimed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { APPS, venvPython } from '../../src/targets/python/python-tests.test-data.js';
import { failureOf, routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

const EXAMPLES = 20;
const children: ChildProcess[] = [];

/** `uvicorn APP --port 0` in a child; resolves with its URL once it says where it listens. */
function uvicorn(app: string): Promise<string> {
  const child = spawn(venvPython(), ['-m', 'uvicorn', app, '--host', '127.0.0.1', '--port', '0'], { cwd: APPS, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /Uvicorn running on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`uvicorn ${app} exited ${code}: ${err}`)));
  });
}

let plainSio: string;
let overFastapi: string;

beforeAll(async () => {
  [plainSio, overFastapi] = await Promise.all([uvicorn('socketio_app:app'), uvicorn('socketio_fastapi_app:combined_asgi_app')]);
}, 30_000);

afterAll(() => {
  for (const child of children) child.kill();
});

function ranAsSocketio(report: unknown, path: string): void {
  const route = routeOf(report as Parameters<typeof routeOf>[0], path);
  expect(route.status, JSON.stringify(route)).toBe('passed');
  expect(route.connections).toBe(EXAMPLES);
  expect(route.messagesSent).toBeGreaterThan(0);
  expect(route).toMatchObject({ protocol: 'socketio', discoveredBy: 'include' });
}

describe('--url Socket.IO on the wire (python-socketio under uvicorn)', () => {
  test('the default endpoint, and a namespace named by --ws-include, run as Socket.IO; a path the server lacks is not claimed', async () => {
    const run = await runCli(['--url', plainSio, '--ws-include', '/socket.io/,/scores,/nope', '--seed', '4', '--max-examples', String(EXAMPLES)]);
    expect(run.code, run.stderr).toBe(1);
    ranAsSocketio(run.report, '/socket.io/');
    ranAsSocketio(run.report, '/scores');
    expect(routeOf(run.report, '/nope')).toMatchObject({ protocol: 'plain' });
    const nope = failureOf(run.report, '/nope');
    expect(nope.errorType).toBe('handshake_error');
    expect(nope.url).toBe('/nope');
  });

  test('a custom endpoint runs as Socket.IO; the plain FastAPI route beside it stays plain', async () => {
    const run = await runCli(['--url', overFastapi, '--ws-include', '/sio/socket.io/,/ws/echo', '--seed', '4', '--max-examples', String(EXAMPLES)]);
    expect(run.code, run.stderr).toBe(0);
    ranAsSocketio(run.report, '/sio/socket.io/');
    const echo = routeOf(run.report, '/ws/echo');
    expect(echo).toMatchObject({ status: 'passed', protocol: 'plain' });
    // Plain frames, each echoed: a Socket.IO client there would never have opened.
    expect(echo.connections).toBeGreaterThan(0);
  });
});
