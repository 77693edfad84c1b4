/**
 * The Conductor on Node app values goes through the CLI's start path: Hono apps on
 * @hono/node-server 2 and on @hono/node-ws (given with their injectWebSocket), a
 * Fastify instance, and a clear NOT_AN_APP for a Hono app that cannot be served.
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import { Hono } from 'hono';
import { createNodeWebSocket } from '@hono/node-ws';
import { expect, test } from 'vitest';
import honoV2App from '../../test/apps/node/hono-node-server-2-app.js';
import honoApp, { injectWebSocket } from '../../test/apps/node/hono-app.js';
import { WsroutesError } from '../errors.js';
import { Conductor } from './conductor.js';

test('a Hono app on @hono/node-server 2 is served with its own upgradeWebSocket', async () => {
  await using conductor = await Conductor.start({ app: honoV2App });
  expect(conductor.target.framework).toBe('hono');
  expect(conductor.target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(['/ws', '/ws/rooms/:room', '/ws/score']);
  const client = await conductor.simulateWs('/ws/rooms/blue');
  await client.sendText('hi');
  expect(await client.receiveText()).toBe('[blue] hi');
});

test('a Hono app on @hono/node-ws, given as { app, injectWebSocket }', async () => {
  await using conductor = await Conductor.start({ app: { app: honoApp, injectWebSocket } });
  const client = await conductor.simulateWs('/ws/echo');
  await client.sendText('hi');
  expect(await client.receiveText()).toBe('hi');
});

test('a Hono app on @hono/node-ws without its injectWebSocket: NOT_AN_APP that says how, naming no file', async () => {
  const app = new Hono();
  const { upgradeWebSocket } = createNodeWebSocket({ app });
  app.get(
    '/ws',
    upgradeWebSocket(() => ({})),
  );
  const err = await Conductor.start({ app }).then(
    (c) => c.stop().then(() => new Error('started')),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WsroutesError);
  expect((err as WsroutesError).code).toBe('NOT_AN_APP');
  expect((err as WsroutesError).message).toContain('{ app, injectWebSocket }');
  expect((err as WsroutesError).message).not.toMatch(/\.(js|ts)\b/);
});

test('a Fastify instance made in the test, its routes seen though it was created before the start', async () => {
  const app = Fastify();
  await app.register(websocket);
  app.get('/ws/echo', { websocket: true }, (socket) => {
    socket.on('message', (data) => socket.send(data.toString()));
  });
  {
    await using conductor = await Conductor.start({ app });
    expect(conductor.target.framework).toBe('fastify');
    const client = await conductor.simulateWs('/ws/echo');
    await client.sendText('hi');
    expect(await client.receiveText()).toBe('hi');
  }
  expect(app.server.listening).toBe(false);
});
