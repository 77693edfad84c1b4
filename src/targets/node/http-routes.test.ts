/**
 * The HTTP side of the Node adapters (issue 14): real apps started through the real start
 * path list their HTTP routes with their operations, and a request (node:http, one
 * connection per request, as wsroutes' HTTP client sends them) whose handler crashes is a
 * trace of that request's port, while a correct or refused (4xx) one has none.
 */
import { createServer, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import type { Route } from '../../discovery/route.js';
import type { Target } from '../target.js';
import { stopStarted, type AdapterContext } from './adapter.js';
import { expressAdapter } from './express.js';
import { fastifyAdapter } from './fastify.js';
import { honoAdapter } from './hono.js';
import { fastifyOperation } from './http-routes.js';
import { startNodeApp } from './index.js';
import { listenLocal, portOf } from './listen.js';
import { TraceCollector } from './traces.js';

const APPS = join(dirname(fileURLToPath(import.meta.url)), '../../../test/apps/node');

const started: Target[] = [];
async function start(spec: string): Promise<Target> {
  const target = await startNodeApp({ spec }, { cwd: APPS, include: [] });
  started.push(target);
  return target;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.stop()));
});

interface Answer {
  /** undefined when the connection dropped before an answer. */
  status?: number;
  body: string;
  /** The first line of each trace of this request's connection. */
  traces: string[];
}

interface Traced {
  traces: { watch: Target['traces']['watch'] };
}

/**
 * One request on a fresh connection (agent: false), watched by its local port from the
 * moment it connects until it is answered or dropped.
 */
function send(target: Traced, port: number, method: string, path: string, body?: string, headers: OutgoingHttpHeaders = {}): Promise<Answer> {
  return new Promise((resolve) => {
    let watch: ReturnType<Target['traces']['watch']> | undefined;
    const done = async (status: number | undefined, text: string): Promise<void> => {
      const traces = (await watch?.end()) ?? [];
      resolve({ status, body: text, traces: traces.map((t) => t.text.split('\n')[0] ?? '') });
    };
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => void done(res.statusCode, text));
      res.on('error', () => void done(undefined, text));
    });
    req.on('socket', (socket) => socket.once('connect', () => (watch = target.traces.watch(socket.localPort as number, () => {}))));
    req.on('error', () => void done(undefined, ''));
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };
const portOfTarget = (t: Target): number => Number(new URL(t.baseUrl).port);
const http = (routes: Route[]): Route[] => routes.filter((r) => r.kind === 'http');
const names = (routes: Route[]): string[] => http(routes).map((r) => `${r.methods?.join(',')} ${r.path}`);

describe('Fastify HTTP routes', { timeout: 20_000 }, () => {
  test('are listed from the route schemas (params, querystring, body, response; a shared $ref inlined), beside the WebSocket route', async () => {
    const target = await start('http-fastify-app.ts');
    expect(target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(['/ws/echo']);
    // No HEAD auto-routes, and the WebSocket route's GET is not an HTTP route.
    expect(names(target.routes)).toEqual(['GET /items/:id', 'GET /items/:id/availability', 'POST /orders']);
    const [item, availability, orders] = http(target.routes);
    expect(item).toEqual({
      path: '/items/:id',
      kind: 'http',
      params: [{ name: 'id', type: 'int' }],
      methods: ['GET'],
      http: {
        method: 'GET',
        path: '/items/:id',
        name: 'getItem',
        params: [{ name: 'id', type: 'int' }],
        pathSchemas: { id: { type: 'integer' } },
        query: [],
        responses: {
          200: {
            type: 'object',
            required: ['id', 'name', 'stock'],
            properties: { id: { type: 'integer' }, name: { type: 'string' }, stock: { type: 'integer', minimum: 0 } },
          },
        },
      },
    });
    expect(availability?.http?.query).toEqual([{ name: 'qty', required: false, schema: { type: 'integer', minimum: 1, default: 1 } }]);
    expect(availability?.http?.responses?.['200']).toMatchObject({ properties: { left: { type: 'integer', minimum: 0 } } });
    expect(orders?.http?.body).toEqual({
      required: true,
      contentType: 'application/json',
      schema: { type: 'object', required: ['name', 'qty'], properties: { name: { type: 'string' }, qty: { type: 'integer' } } },
    });
    expect(orders?.http?.responses).toEqual({ 201: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } });
    expect(orders?.http?.query).toEqual([]);
  });

  test("a handler's crash that Fastify answers 500 is that request's trace; a correct and a refused (400) request have none", async () => {
    const target = await start('http-fastify-app.ts');
    const port = portOfTarget(target);
    const crash = await send(target, port, 'POST', '/orders', JSON.stringify({ name: '', qty: 0 }), json);
    expect(crash.status).toBe(500);
    expect(crash.traces).toEqual(["TypeError: Cannot read properties of undefined (reading 'toUpperCase')"]);
    expect(await send(target, port, 'POST', '/orders', JSON.stringify({ name: 'bolt', qty: 2 }), json)).toEqual({
      status: 201,
      body: '{"sku":"B-2","qty":2}',
      traces: [],
    });
    const refused = await send(target, port, 'POST', '/orders', JSON.stringify({ name: 'bolt', qty: 'two' }), json);
    expect(refused.status).toBe(400);
    expect(refused.traces).toEqual([]);
    expect(target.traces.drainOrphans()).toEqual([]);
  });

  test('a body that breaks its declared response schema goes out (the planted bug judgement must find), with no trace', async () => {
    const target = await start('http-fastify-app.ts');
    const answer = await send(target, portOfTarget(target), 'GET', '/items/1/availability?qty=6');
    expect(answer).toEqual({ status: 200, body: '{"id":1,"available":false,"left":-1}', traces: [] });
  });

  test('two requests at once: only the crashing one has the trace', async () => {
    const target = await start('http-fastify-app.ts');
    const port = portOfTarget(target);
    const [bad, good] = await Promise.all([
      send(target, port, 'POST', '/orders', JSON.stringify({ name: '', qty: 1 }), json),
      send(target, port, 'POST', '/orders', JSON.stringify({ name: 'nut', qty: 1 }), json),
    ]);
    expect([bad.status, bad.traces.length]).toEqual([500, 1]);
    expect([good.status, good.traces]).toEqual([201, []]);
  });
});

describe('Express HTTP routes', { timeout: 20_000 }, () => {
  test('are listed with the mount paths of nested Routers; the express-ws route stays a WebSocket route', async () => {
    const target = await start('http-express-app.ts');
    expect(target.framework).toBe('express');
    expect(target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(['/ws/echo']);
    expect(names(target.routes)).toEqual(['GET /api/users', 'POST /api/users', 'GET /api/users/:id', 'GET /health']);
    expect(http(target.routes)[2]).toEqual({
      path: '/api/users/:id',
      kind: 'http',
      params: [{ name: 'id', type: 'str' }],
      methods: ['GET'],
      http: { method: 'GET', path: '/api/users/:id', params: [{ name: 'id', type: 'str' }], query: [], name: 'getUser' },
    });
  });

  test("an error that reaches Express's final handler as a 500 is that request's trace; a correct request has none", async () => {
    const target = await start('http-express-app.ts');
    const port = portOfTarget(target);
    const crash = await send(target, port, 'GET', '/api/users/a');
    expect(crash.status).toBe(500);
    expect(crash.traces).toEqual(['SyntaxError: Cannot convert a to a BigInt']);
    expect(await send(target, port, 'GET', '/api/users/1')).toEqual({ status: 200, body: '{"id":"1","name":"ada"}', traces: [] });
    expect((await send(target, port, 'GET', '/api/users/7')).traces).toEqual([]);
  });

  test('outside NODE_ENV=test Express prints what reaches its final handler: a 500 is one trace, a 400 (malformed JSON) none, neither printed', async () => {
    const env = process.env.NODE_ENV;
    const consoleError = console.error;
    const printed: unknown[][] = [];
    console.error = (...args: unknown[]) => void printed.push(args);
    process.env.NODE_ENV = 'development';
    try {
      const target = await start('http-express-app.ts');
      const port = portOfTarget(target);
      const malformed = await send(target, port, 'POST', '/api/users', '{"name":', json);
      expect([malformed.status, malformed.traces]).toEqual([400, []]);
      const crash = await send(target, port, 'GET', '/api/users/a');
      expect([crash.status, crash.traces]).toEqual([500, ['SyntaxError: Cannot convert a to a BigInt']]);
      expect(printed).toEqual([]);
    } finally {
      process.env.NODE_ENV = env;
      console.error = consoleError;
    }
  });

  test('Express 4 (outside NODE_ENV=test, so it prints): a sync throw is a trace; an async rejection (Express 4 does not catch it) too, and drops its connection; a malformed body none; nothing printed', async () => {
    const env = process.env.NODE_ENV;
    const consoleError = console.error;
    const printed: unknown[][] = [];
    console.error = (...args: unknown[]) => void printed.push(args);
    process.env.NODE_ENV = 'development';
    try {
      const require = createRequire(import.meta.url);
      const express = require('express4') as typeof import('express');
      const expressWs = require('express-ws') as (app: unknown) => { applyTo(router: unknown): void };
      const app = express();
      expressWs(app);
      (app as unknown as { ws(path: string, h: () => void): void }).ws('/ws', () => {});
      const orders = express.Router();
      orders.get('/:id', (req) => {
        throw new Error(`order ${req.params.id} exploded`);
      });
      orders.post('/', express.json(), async () => {
        await Promise.resolve();
        throw new Error('async order failure');
      });
      orders.get('/', (_req, res) => void res.json([]));
      app.use('/orders', orders);
      const target = await startNodeApp({ value: app }, { cwd: APPS, include: [] });
      started.push(target);
      expect(names(target.routes)).toEqual(['GET /orders/:id', 'POST /orders', 'GET /orders']);
      const port = portOfTarget(target);
      expect(await send(target, port, 'GET', '/orders/9')).toMatchObject({ status: 500, traces: ['Error: order 9 exploded'] });
      expect(await send(target, port, 'POST', '/orders', '{}', json)).toEqual({ status: undefined, body: '', traces: ['Error: async order failure'] });
      expect(await send(target, port, 'POST', '/orders', '{"a":', json)).toMatchObject({ status: 400, traces: [] });
      expect(await send(target, port, 'GET', '/orders')).toEqual({ status: 200, body: '[]', traces: [] });
      expect(target.traces.drainOrphans()).toEqual([]);
      expect(printed).toEqual([]);
    } finally {
      process.env.NODE_ENV = env;
      console.error = consoleError;
    }
  });
});

describe('Hono HTTP routes', { timeout: 20_000 }, () => {
  test('are listed from app.routes (a mounted sub-app included), without middleware or upgrade routes', async () => {
    const target = await start('http-hono-app.ts');
    expect(target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(['/ws']);
    expect(names(target.routes)).toEqual(['GET /books', 'GET /books/:id', 'GET /go']);
    expect(http(target.routes)[1]?.params).toEqual([{ name: 'id', type: 'str' }]);
  });

  test("a handler's throw that Hono's default onError answers 500 is that request's trace, not printed; a correct request has none", async () => {
    const consoleError = console.error;
    const printed: unknown[][] = [];
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      const target = await start('http-hono-app.ts');
      const port = portOfTarget(target);
      expect(await send(target, port, 'GET', '/go?to=')).toMatchObject({ status: 500, traces: ['TypeError: Invalid URL'] });
      expect(await send(target, port, 'GET', '/books/1')).toEqual({ status: 200, body: '{"id":1,"title":"Dune"}', traces: [] });
      expect(printed).toEqual([]);
    } finally {
      console.error = consoleError;
    }
  });

  test("an app's own onError that answers 500 without logging: still a trace (the wrapped errorHandler)", async () => {
    const { Hono } = await import('hono');
    const { createNodeWebSocket } = await import('@hono/node-ws');
    const app = new Hono();
    const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app });
    app.get(
      '/ws',
      upgradeWebSocket(() => ({})),
    );
    app.get('/fail', () => {
      throw new Error('quietly handled');
    });
    app.onError((_err, c) => c.json({ error: 'internal' }, 500));
    const target = await startNodeApp({ value: { app, injectWebSocket } }, { cwd: APPS, include: [] });
    started.push(target);
    expect(await send(target, portOfTarget(target), 'GET', '/fail')).toEqual({ status: 500, body: '{"error":"internal"}', traces: ['Error: quietly handled'] });
  });
});

describe('HTTP requests of a plain http.Server (TraceCollector)', { timeout: 20_000 }, () => {
  test('a sync throw in the request listener is a trace and drops the connection, as the crash would; the next request is served', async () => {
    const collector = new TraceCollector();
    const server = createServer((req, res) => {
      if (req.url === '/crash') throw new Error('listener crashed');
      res.end('fine');
    });
    await listenLocal(server);
    const undo = collector.instrument(server);
    try {
      const port = portOf(server);
      expect(await send({ traces: collector }, port, 'GET', '/crash')).toEqual({ status: undefined, body: '', traces: ['Error: listener crashed'] });
      expect(await send({ traces: collector }, port, 'GET', '/')).toEqual({ status: 200, body: 'fine', traces: [] });
      expect(collector.drainOrphans()).toEqual([]);
    } finally {
      undo();
      collector.dispose();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a handler that finishes after the body is read (req events) runs in its request: its rejection is that trace; a watch made after the answer still gets it', async () => {
    const collector = new TraceCollector();
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.end(`got ${body}`);
        if (body === 'bad') void Promise.reject(new Error(`rejected after reading ${body}`));
      });
    });
    await listenLocal(server);
    const undo = collector.instrument(server);
    try {
      const port = portOf(server);
      let localPort = 0;
      const text = await new Promise<string>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', agent: false }, (res) => {
          let t = '';
          res.on('data', (c: Buffer) => (t += c.toString()));
          res.on('end', () => resolve(t));
        });
        req.on('socket', (socket) => socket.once('connect', () => (localPort = socket.localPort as number)));
        req.end('bad');
      });
      expect(text).toBe('got bad');
      await new Promise((resolve) => setImmediate(resolve));
      const watch = collector.watch(localPort, () => {});
      expect((await watch.end()).map((t) => t.text.split('\n')[0])).toEqual(['Error: rejected after reading bad']);
      expect(await send({ traces: collector }, port, 'POST', '/', 'good')).toEqual({ status: 200, body: 'got good', traces: [] });
      expect(collector.drainOrphans()).toEqual([]);
    } finally {
      undo();
      collector.dispose();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('fastifyOperation (the schema forms Fastify accepts)', () => {
  test('shorthand querystring properties, `2xx` keys, a body per content type, a uuid param; no body on GET', () => {
    const op = fastifyOperation(
      'PUT',
      '/files/:fileId',
      {
        params: { fileId: { type: 'string', format: 'uuid' } },
        querystring: { dryRun: { type: 'boolean' } },
        body: { content: { 'application/json': { schema: { type: 'object' } } } },
        response: { '2xx': { type: 'object' }, default: { type: 'object', properties: { message: { type: 'string' } } } },
      },
      {},
    );
    expect(op.params).toEqual([{ name: 'fileId', type: 'uuid' }]);
    expect(op.query).toEqual([{ name: 'dryRun', required: false, schema: { type: 'boolean' } }]);
    expect(op.body).toEqual({ required: true, contentType: 'application/json', schema: { type: 'object' } });
    expect(Object.keys(op.responses ?? {})).toEqual(['2XX', 'default']);
    expect(fastifyOperation('GET', '/x', { body: { type: 'object' } }, {}).body).toBeUndefined();
  });

  test('a shared schema that refers to itself is inlined once, the inner reference accepting anything (no loop, no dangling $ref)', () => {
    const shared = { node: { $id: 'node', type: 'object', properties: { next: { $ref: 'node#' } } } };
    const op = fastifyOperation('GET', '/n', { response: { 200: { $ref: 'node#' } } }, shared);
    expect(op.responses?.['200']).toEqual({ type: 'object', properties: { next: {} } });
  });
});

describe('HTTP-only apps (no WebSocket plugin)', { timeout: 20_000 }, () => {
  // What the start path passes once --http is on (AdapterContext.http).
  const ctx = (http: boolean): AdapterContext => ({ appFile: join(APPS, 'package.json'), include: [], ...{ http } });

  test('Fastify without @fastify/websocket starts under --http with its HTTP routes; without --http it is still refused with the hint', async () => {
    const Fastify = (await import('fastify')).default;
    // Made while the adapter's recorder watches, as the start path loads a module.
    const make = () => {
      const recorder = fastifyAdapter.record?.({ appFile: join(APPS, 'package.json') });
      const app = Fastify();
      recorder?.stop();
      app.get('/ping', async () => ({ pong: true }));
      return app;
    };
    const started = await fastifyAdapter.start(make(), ctx(true));
    try {
      expect(started.routes.map((r) => `${r.kind} ${r.methods?.join()} ${r.path}`)).toEqual(['http GET /ping']);
    } finally {
      await stopStarted(started);
    }
    await expect(fastifyAdapter.start(make(), ctx(false))).rejects.toThrow(/@fastify\/websocket/);
  });

  test('Express without express-ws likewise', async () => {
    const express = (await import('express')).default;
    const app = express();
    app.get('/ping', (_req, res) => void res.json({ pong: true }));
    const started = await expressAdapter.start(app, ctx(true));
    try {
      expect(started.routes.map((r) => `${r.kind} ${r.methods?.join()} ${r.path}`)).toEqual(['http GET /ping']);
    } finally {
      await stopStarted(started);
    }
    await expect(expressAdapter.start(app, ctx(false))).rejects.toThrow(/expressWs\(app\)/);
  });

  test('Hono with neither node-ws nor an upgrade route is served as it is under --http', async () => {
    const { Hono } = await import('hono');
    const app = new Hono();
    app.get('/ping', (c) => c.json({ pong: true }));
    const started = await honoAdapter.start(app, ctx(true));
    try {
      expect(started.routes.map((r) => `${r.kind} ${r.methods?.join()} ${r.path}`)).toEqual(['http GET /ping']);
      const res = await fetch(`http://127.0.0.1:${portOf(started.server)}/ping`);
      expect(await res.json()).toEqual({ pong: true });
    } finally {
      await stopStarted(started);
    }
  });
});
