/**
 * Socket.IO on the wire (socketio-detect.ts) against real servers on loopback: a Socket.IO 4
 * server beside a plain `ws` route on one HTTP server, and a plain `ws` server that accepts
 * every path. The probes run through the run's own execution (routeWithProtocol, the URL
 * target), as a route's run starts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketIoServer } from 'socket.io';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { resolveOptions } from '../config/options.js';
import { type Route, websocketRoute } from '../discovery/route.js';
import { Pool } from '../execution/pool.js';
import { sequenceRunner } from '../run/judged-runners.js';
import { routeWithProtocol } from '../run/kinds/websocket-plan.js';
import { startUrlTarget } from '../targets/url.js';
import { eventsFromLiterals, opensEngineIo } from './socketio-detect.js';

interface Listening {
  url: string;
  close: () => Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** Socket.IO at /socket.io/ with namespaces / and /chat, a plain echo route at /plain, 404 elsewhere. */
async function mixedServer(): Promise<Listening> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const io = new SocketIoServer(http, { destroyUpgrade: false });
  io.of('/chat').on('connection', (socket) => socket.on('say', (text: unknown, ack?: (r: unknown) => void) => ack?.(text)));
  io.of(/^\/any-/); // dynamic namespaces: any name starting /any- joins
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/plain') wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    else if (!path?.startsWith('/socket.io/')) socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  });
  const url = await listen(http);
  return { url, close: () => new Promise((resolve) => io.close(() => resolve())) };
}

/** A plain server that accepts every path and sends a greeting first. */
async function greetingServer(): Promise<Listening> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => ws.send('0{"hello":"I am not Engine.IO"}'));
  const url = await listen(http);
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.close(() => resolve());
      }),
  };
}

/** A path only --ws-include named, as `--url` routes are. */
const included = (path: string): Route => ({ ...websocketRoute(path), discoveredBy: 'include' });

async function resolved(url: string, route: Route): Promise<Route> {
  const options = resolveOptions({ url, include: [route.path], connectionTimeoutMs: 2000, messageTimeoutMs: 1000 });
  const target = await startUrlTarget(url, { include: [route.path], connectionTimeoutMs: 2000 });
  const auth = { headers: {}, query: {} };
  return routeWithProtocol(route, options, (r) => sequenceRunner(r, target, options, auth, new Pool(2)), 1);
}

describe('Socket.IO detected on the wire', () => {
  let mixed: Listening;
  let greeting: Listening;
  beforeAll(async () => {
    mixed = await mixedServer();
    greeting = await greetingServer();
  });
  afterAll(async () => {
    await mixed.close();
    await greeting.close();
  });

  test('the Engine.IO endpoint itself is its default namespace', async () => {
    const r = await resolved(mixed.url, included('/socket.io/'));
    expect(r.protocol).toBe('socketio');
    expect(r.socketio).toEqual({ namespace: '/', endpoint: '/socket.io/', acks: [] });
  });

  test('the endpoint named without its trailing slash is found below it', async () => {
    const r = await resolved(mixed.url, included('/socket.io'));
    expect(r.socketio).toEqual({ namespace: '/', endpoint: '/socket.io/', acks: [] });
  });

  test('a path the server refuses, that the default endpoint joins as a namespace, is that namespace', async () => {
    const r = await resolved(mixed.url, included('/chat'));
    expect(r.protocol).toBe('socketio');
    expect(r.socketio).toEqual({ namespace: '/chat', endpoint: '/socket.io/', acks: [] });
  });

  test('a refused path the Socket.IO server has no namespace for is not claimed', async () => {
    const r = await resolved(mixed.url, included('/missing'));
    expect(r.protocol).toBe('plain');
    expect(r.socketio).toBeUndefined();
  });

  test('a route its framework found, refused at its path, is never taken for a namespace the server would join', async () => {
    expect((await resolved(mixed.url, included('/any-room'))).socketio).toEqual({ namespace: '/any-room', endpoint: '/socket.io/', acks: [] });
    const framework = await resolved(mixed.url, { ...websocketRoute('/any-room'), discoveredBy: 'framework' });
    expect(framework.protocol).toBe('plain');
    expect(framework.socketio).toBeUndefined();
  });

  test('a plain route beside Socket.IO stays plain', async () => {
    const r = await resolved(mixed.url, included('/plain'));
    expect(r.protocol).toBe('plain');
    expect(r.socketio).toBeUndefined();
  });

  test('a plain server whose first frame merely looks like an open packet stays plain', async () => {
    const r = await resolved(greeting.url, included('/socket.io/'));
    expect(r.protocol).toBe('plain');
  });

  test('events come from the literals the source gave', async () => {
    const route: Route = { ...included('/chat'), literals: { strings: ['say', 'connect', '', 'x'.repeat(65)], numbers: [], keys: [] } };
    expect(eventsFromLiterals(route)).toEqual(['say']);
    const r = await resolved(mixed.url, route);
    expect(r.events).toEqual(['say']);
  });
});

describe('the open packet', () => {
  const transcript = (preview: string, outcome: 'accepted' | 'rejected' = 'accepted') =>
    ({ handshake: { outcome, ms: 1 }, received: { count: 1, bytes: preview.length, last: { type: 'text', preview, at: 1 } } }) as Parameters<
      typeof opensEngineIo
    >[0];

  test('an Engine.IO open packet, and only that, proves Engine.IO', () => {
    expect(opensEngineIo(transcript('0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'))).toBe(true);
    expect(opensEngineIo(transcript('0{"sid":"x"}', 'rejected'))).toBe(false);
    expect(opensEngineIo(transcript('0{"hello":"x"}'))).toBe(false);
    expect(opensEngineIo(transcript('40{"sid":"x"}'))).toBe(false);
    expect(opensEngineIo(transcript('0'))).toBe(false);
  });
});
