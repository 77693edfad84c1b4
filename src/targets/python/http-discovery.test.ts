/**
 * The HTTP test apps under the real bridge (`--http`): Target.routes holds each HTTP route as
 * a kind 'http' Route with its operation (FastAPI and Litestar from their own OpenAPI document,
 * Starlette, Falcon, Quart and Django behind Channels from paths and convertors), beside the
 * WebSocket routes; and a request
 * that crashes the app yields the server's traceback on the TraceSource for that request's
 * client port, even where the framework answers the 500 itself, while a deliberate 4xx and a
 * correct request yield none.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HttpOperation } from '../../discovery/http-route.js';
import { refTarget } from '../../discovery/schema-refs.js';
import type { ServerTrace, TraceWatch } from '../target.js';
import type { PythonTarget } from './bridge-process.js';
import { startPythonTarget } from './bridge-process.js';
import { APPS, venvPython } from './python-tests.test-data.js';

interface Answer {
  status: number;
  body: string;
  /** The server's traces for this request: its client port's, watched from connect to response. */
  traces: ServerTrace[];
  /** Traces delivered to the watch's callback as they came. */
  seen: ServerTrace[];
}

/**
 * One request on a fresh connection (no keep-alive), as a run's HTTP client sends it: the
 * client port is watched once connected, before the request is written, and the watch ends
 * with the response.
 */
function send(target: PythonTarget, method: string, path: string, json?: unknown): Promise<Answer> {
  const url = new URL(path, target.baseUrl.replace(/^ws/, 'http'));
  const body = json === undefined ? undefined : JSON.stringify(json);
  const seen: ServerTrace[] = [];
  let watch: TraceWatch | undefined;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        if (!watch) return reject(new Error('answered before connect'));
        void watch.end().then((traces) => resolve({ status: res.statusCode ?? 0, body: text, traces, seen }), reject);
      });
    });
    req.on('socket', (socket) =>
      socket.once('connect', () => {
        watch = target.traces.watch(socket.localPort ?? 0, (t) => seen.push(t));
        req.end(body);
      }),
    );
    req.on('error', reject);
  });
}

interface Request {
  method: string;
  path: string;
  body?: unknown;
}

interface Case {
  spec: string;
  framework: string;
  /** Method and path of every HTTP route, in discovery order. */
  http: string[];
  websocket: string[];
  crash: Request & { exception: string; frame: string };
  refused: Request & { status: number };
  correct: Request;
  /** What the route's operation says beyond method and path. */
  check?: (ops: Map<string, HttpOperation>) => void;
}

const CASES: Case[] = [
  {
    spec: 'http_fastapi_app:app',
    framework: 'fastapi',
    http: ['GET /items/{item_id}', 'GET /items/', 'POST /items/', 'GET /users/{user_id}'],
    websocket: ['/ws/echo'],
    crash: { method: 'GET', path: '/items/0', exception: 'ZeroDivisionError: integer division or modulo by zero', frame: 'in read_item' },
    refused: { method: 'GET', path: '/items/abc', status: 422 },
    correct: { method: 'GET', path: '/items/?q=ba&limit=1' },
    check: (ops) => {
      expect(ops.get('GET /items/{item_id}')?.params).toEqual([{ name: 'item_id', type: 'int' }]);
      expect(ops.get('GET /items/')?.query.map((q) => [q.name, q.required])).toEqual([
        ['q', false],
        ['limit', false],
      ]);
      const body = ops.get('POST /items/')?.body;
      expect(body?.contentType).toBe('application/json');
      expect(body?.required).toBe(true);
      // The model stays a reference, with the model under $defs (issue 27 item 17).
      expect(body?.schema).toMatchObject({ $ref: '#/$defs/Item' });
      expect(refTarget(body?.schema)).toMatchObject({ type: 'object', required: ['name', 'price'] });
    },
  },
  {
    spec: 'http_litestar_app:app',
    framework: 'litestar',
    http: ['POST /books', 'GET /books/{book_id}'],
    websocket: ['/ws/echo'],
    crash: {
      method: 'POST',
      path: '/books',
      body: { title: '', author: 'a', pages: 1 },
      exception: 'ZeroDivisionError: division by zero',
      frame: 'in add_book',
    },
    refused: { method: 'GET', path: '/books/9', status: 404 },
    correct: { method: 'POST', path: '/books', body: { title: 'The Hobbit', author: 'Tolkien', pages: 310 } },
    check: (ops) => {
      expect(ops.get('GET /books/{book_id}')?.params).toEqual([{ name: 'book_id', type: 'int' }]);
      expect(refTarget(ops.get('POST /books')?.body?.schema)).toMatchObject({ type: 'object' });
    },
  },
  {
    spec: 'http_falcon_app:app',
    framework: 'falcon',
    http: ['POST /things', 'GET /things/{thing_id:int}', 'GET /quotes/{author:str}'],
    websocket: ['/ws/echo'],
    crash: { method: 'GET', path: '/quotes/nobody', exception: "KeyError: 'nobody'", frame: 'in on_get' },
    refused: { method: 'GET', path: '/things/9', status: 404 },
    correct: { method: 'GET', path: '/quotes/Tesla' },
  },
  {
    spec: 'http_starlette_app:app',
    framework: 'starlette',
    http: [
      'GET /',
      'GET /users/{username:str}',
      'GET /api/orders/{order_id:int}',
      'PUT /api/orders/{order_id:int}',
      'GET /api/split/{amount:float}/{parts:int}',
    ],
    websocket: ['/ws'],
    crash: { method: 'GET', path: '/api/split/12.5/0', exception: 'ZeroDivisionError: float division by zero', frame: 'in split_bill' },
    refused: { method: 'GET', path: '/api/orders/x1', status: 404 },
    correct: { method: 'PUT', path: '/api/orders/3' },
    check: (ops) => {
      expect(ops.get('GET /api/split/{amount:float}/{parts:int}')?.params).toEqual([
        { name: 'amount', type: 'float' },
        { name: 'parts', type: 'int' },
      ]);
    },
  },
  {
    spec: 'http_quart_app:app',
    framework: 'quart',
    http: ['GET /todos/{todo_id:int}', 'POST /todos', 'GET /api/greet/{name:str}'],
    websocket: ['/ws'],
    crash: { method: 'GET', path: '/api/greet/Zo%C3%AB', exception: 'UnicodeEncodeError', frame: 'in greet' },
    refused: { method: 'GET', path: '/todos/9', status: 404 },
    correct: { method: 'POST', path: '/todos', body: { title: 'Water the plants' } },
  },
  {
    spec: 'http_channels_app:application',
    framework: 'channels',
    http: ['GET /', 'GET /articles/{year:int}/', 'GET /notes/{note_id:int}/', 'PUT /notes/{note_id:int}/'],
    websocket: ['/ws/echo/'],
    crash: { method: 'GET', path: '/articles/0/', exception: 'ValueError: year 0 is out of range', frame: 'in year_archive' },
    refused: { method: 'GET', path: '/notes/9/', status: 404 },
    correct: { method: 'GET', path: '/notes/1/' },
  },
];

describe.each(CASES)('$framework ($spec)', (c) => {
  let target: PythonTarget;

  beforeAll(async () => {
    target = await startPythonTarget(c.spec, { cwd: APPS, python: venvPython() });
  }, 30_000);

  afterAll(async () => {
    await target?.stop();
  });

  test('the HTTP routes are http Routes carrying their operation, beside the WebSocket routes', () => {
    expect(target.framework).toBe(c.framework);
    const http = target.routes.filter((r) => r.kind === 'http');
    expect(http.map((r) => `${r.methods?.join(',')} ${r.path}`)).toEqual(c.http);
    for (const r of http) {
      expect(r.http?.method).toBe(r.methods?.[0]);
      expect(r.http?.path).toBe(r.path);
      expect(r.params).toEqual(r.http?.params);
    }
    expect(target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(c.websocket);
    c.check?.(new Map(http.map((r) => [`${r.methods?.[0]} ${r.path}`, r.http as HttpOperation])));
  });

  test('a request that crashes the app is traced to its own client port', async () => {
    const answer = await send(target, c.crash.method, c.crash.path, c.crash.body);
    expect(answer.status).toBe(500);
    expect(answer.traces).toHaveLength(1);
    expect(answer.traces[0]?.text).toContain(c.crash.exception);
    expect(answer.traces[0]?.text).toContain(c.crash.frame);
    expect(answer.seen).toEqual(answer.traces);
  });

  test('a deliberate 4xx and a correct request are no trace', async () => {
    const refused = await send(target, c.refused.method, c.refused.path, c.refused.body);
    expect(refused.status).toBe(c.refused.status);
    const correct = await send(target, c.correct.method, c.correct.path, c.correct.body);
    expect(correct.status, correct.body).toBeLessThan(300);
    expect([refused.traces, correct.traces]).toEqual([[], []]);
    expect(target.traces.drainOrphans()).toEqual([]);
  });
});
