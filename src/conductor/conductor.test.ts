/**
 * The Conductor on a URL target (an in-test `ws` server on port 0): paths and query
 * strings, several clients, and cleanup by stop() and `await using`.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import createTwinApp from '../../test/apps/node/falcon-twin-app.js';
import { WsroutesError } from '../errors.js';
import type { WsClient } from './client.js';
import { Conductor } from './conductor.js';
import { ConductorError, HandshakeRejectedError } from './errors.js';

let server: http.Server;
let base: string;
const closes: number[] = [];

beforeAll(async () => {
  server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  // Answers with the request URL it saw, then echoes; /forbidden is refused.
  wss.on('connection', (socket, req) => {
    socket.send(req.url ?? '');
    socket.on('message', (data) => socket.send(data.toString()));
    socket.on('close', (code) => closes.push(code));
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {}); // a reset after a refusal is expected
    if (req.url?.startsWith('/base/forbidden')) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('paths keep the base path of a URL target; the query is added to the one in the path', async () => {
  await using conductor = await Conductor.start({ url: base });
  expect(conductor.baseUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/base$/);
  const client = await conductor.simulateWs('/rooms/1?x=1', { query: { token: 'a b', n: 2 } });
  expect(await client.receiveText()).toBe('/base/rooms/1?x=1&token=a+b&n=2');
});

test('stop() closes every open client with 1000, and no connection opens after it', async () => {
  closes.length = 0;
  const conductor = await Conductor.start({ url: base });
  const one = await conductor.simulateWs('/a');
  const group = await conductor.simulateWsMany('/b', 2);
  await conductor.stop();
  expect([one.closed, ...[...group].map((c) => c.closed)]).toEqual([true, true, true]);
  expect(one.closeCode).toBe(1000);
  await expect.poll(() => closes.length).toBe(3);
  await expect(conductor.simulateWs('/a')).rejects.toBeInstanceOf(ConductorError);
  await conductor.stop(); // idempotent
});

test('await using stops the conductor at the end of the block', async () => {
  let client: WsClient;
  {
    await using conductor = await Conductor.start({ url: base });
    client = await conductor.simulateWs('/c');
  }
  expect(client.closed).toBe(true);
});

test('simulateWsMany: a group answers together, and destructures', async () => {
  await using conductor = await Conductor.start({ url: base });
  await using group = await conductor.simulateWsMany('/room', 3, { query: { id: 7 } });
  expect(group.length).toBe(3);
  expect(await group.receiveTextAll()).toEqual(['/base/room?id=7', '/base/room?id=7', '/base/room?id=7']);
  const [first] = group;
  await first!.sendText('ping');
  expect(await first!.receiveText()).toBe('ping');
});

test('simulateWsMany: a refused handshake fails the whole group', async () => {
  await using conductor = await Conductor.start({ url: base });
  await expect(conductor.simulateWsMany('/forbidden', 2)).rejects.toBeInstanceOf(HandshakeRejectedError);
});

test('a Node app given as a value starts in-process and stops with the conductor', async () => {
  const app = createTwinApp();
  {
    await using conductor = await Conductor.start({ app });
    expect(conductor.target.framework).toBe('http');
    const client = await conductor.simulateWs('/echo');
    await client.sendText('hi');
    expect(await client.receiveText()).toBe('Server echoes: hi');
  }
  expect(app.listening).toBe(false);
});

test('a value that is no app is refused with NOT_AN_APP', async () => {
  await expect(Conductor.start({ app: { nope: true } })).rejects.toSatisfy(
    (e: unknown) => e instanceof WsroutesError && e.code === 'NOT_AN_APP' && e.message.includes('an object with keys nope'),
  );
});

test('start() without a target, or with null, is a ConductorError, not a raw TypeError', async () => {
  await expect(Conductor.start(null as never)).rejects.toThrow(ConductorError);
  await expect(Conductor.start({} as never)).rejects.toThrow(/give \{ app \}.* or \{ url \}/);
  await expect(Conductor.start({ app: null } as never)).rejects.toThrow(ConductorError);
});
