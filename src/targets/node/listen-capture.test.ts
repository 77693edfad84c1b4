/**
 * Modules that start their own server at import: the server is captured on a free
 * 127.0.0.1 port (the fixed port is held by this test, so a listen that got through
 * would fail with EADDRINUSE), its routes are found, it answers, and stop() closes it.
 */
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listeningServers, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { WsroutesError } from '../../errors.js';
import { startNodeTarget } from './index.js';

const APPS = resolve(import.meta.dirname, '../../../test/apps/node');
const held: Server[] = [];

/** Listening servers once closed handles are released (a close completes a turn later). */
async function serversNow(): Promise<number> {
  await new Promise((done) => setTimeout(done, 20));
  return listeningServers();
}

/** Holds `port` on every interface, as the app's own listen would; already taken is as good. */
function hold(port: number): Promise<void> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done());
    server.listen(port, () => {
      held.push(server);
      done();
    });
  });
}

beforeAll(async () => {
  await Promise.all([hold(3000), hold(8080)]);
});

afterAll(async () => {
  await Promise.all(held.map((s) => new Promise((done) => s.close(done))));
});

const cases: Array<[spec: string, framework: string, routes: string[], path: string, send: string, reply: string[], include?: string[]]> = [
  ['express4-app.cjs', 'express', ['/echo', '/ws-stuff/echo', '/ws-stuff/parse'], '/ws-stuff/echo', 'hi', ['hi']],
  ['express5-app.mjs', 'express', ['/chat', '/rooms/:room'], '/chat', 'hi', ['hi']],
  ['listen-fastify-app.mjs', 'fastify', ['/ws/echo', '/ws/orders'], '/ws/echo', 'hi', ['hi']],
  ['listen-hono-app.ts', 'hono', ['/ws', '/ws/parse'], '/ws', 'hi', ['hi']],
  ['hono-node-server-2-serve-app.ts', 'hono', ['/ws', '/api/chat'], '/api/chat', '{"user":"ann","text":"hi"}', ['ann: hi']],
  ['listen-http-ws-app.mjs', 'http', ['/foo', '/bar'], '/foo', 'hi', ['hi'], ['/foo', '/bar']],
  ['listen-ws-port-app.mjs', 'http', ['/'], '/', '{"type":"ping"}', ['something', '{"type":"pong"}']],
];

describe('a module that starts its own server', () => {
  test.each(cases)('%s: captured on a free port, its routes found, stopped for good', async (spec, framework, routes, path, send, reply, include = []) => {
    const before = await serversNow();
    const target = await startNodeTarget(spec, { cwd: APPS, include });
    try {
      expect(target.framework).toBe(framework);
      expect(target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(routes);
      expect(portOfUrl(target.baseUrl)).not.toBe(3000);
      const client = await openClient(target.baseUrl, path);
      client.ws.send(send);
      for (const expected of reply) expect(await client.next()).toBe(expected);
      await target.stop();
      expect(await client.closed).toBeGreaterThan(0);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
    expect(await serversNow()).toBe(before);
  });

  test('two runs of the same module in one process each get a fresh server', async () => {
    const first = await startNodeTarget('listen-fastify-app.mjs', { cwd: APPS, include: [] });
    await first.stop();
    const second = await startNodeTarget('listen-fastify-app.mjs', { cwd: APPS, include: [] });
    try {
      expect(second.baseUrl).not.toBe(first.baseUrl);
      const client = await openClient(second.baseUrl, '/ws/echo');
      client.ws.send('again');
      expect(await client.next()).toBe('again');
    } finally {
      await second.stop();
    }
  });

  test('two modules started at once each capture only their own server', async () => {
    const [a, b] = await Promise.all([
      startNodeTarget('express4-app.cjs', { cwd: APPS, include: [] }),
      startNodeTarget('listen-hono-app.ts', { cwd: APPS, include: [] }),
    ]);
    try {
      expect([a.framework, b.framework]).toEqual(['express', 'hono']);
      expect(a.baseUrl).not.toBe(b.baseUrl);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('bad input', () => {
  test('a module that crashes after listening: APP_START_FAILED, and its port is closed', async () => {
    const before = await serversNow();
    const err = await startNodeTarget('listen-crash-app.mjs', { cwd: APPS, include: [] }).then(
      (t) => t.stop().then(() => new Error('started')),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WsroutesError);
    expect((err as WsroutesError).code).toBe('APP_START_FAILED');
    expect((err as WsroutesError).message).toContain("Cannot read properties of null (reading 'rooms')");
    expect(await serversNow()).toBe(before);
  });

  test('a module that exports nothing and starts nothing: NOT_AN_APP', async () => {
    const err = await startNodeTarget('listen-nothing-app.mjs', { cwd: APPS, include: [] }).then(
      (t) => t.stop().then(() => new Error('started')),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WsroutesError);
    expect((err as WsroutesError).code).toBe('NOT_AN_APP');
    expect((err as WsroutesError).message).toContain('exports no app and starts no server');
  });
});
