/**
 * The GraphQL, tRPC, nes and Yjs detectors on real servers over loopback: each claims its own
 * protocol's server (tRPC's applyWSSHandler, a y-websocket server, a hapi server with nes)
 * and never a plain echo server, a JSON chat server, or a server that answers every
 * message with a JSON-RPC-looking error.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ServerOptions, WebSocketServer } from 'ws';
import { initTRPC } from '@trpc/server';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { websocketRoute } from '../discovery/route.js';
import { runConnection } from '../execution/connection.js';
import { NO_TRACES } from '../targets/target.js';
import type { Probe } from './protocol.js';
import { detectGraphql } from './graphql.js';
import { detectNes } from './nes.js';
import { detectTrpc } from './trpc.js';
import { detectYjs } from './yjs.js';

const servers: WebSocketServer[] = [];

async function listen(setup: (wss: WebSocketServer) => void, options: ServerOptions = {}): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...options });
  servers.push(wss);
  setup(wss);
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

function probeOf(baseUrl: string): Probe {
  return ({ messages, offer }) =>
    runConnection({
      baseUrl,
      path: '/doc',
      messages,
      closeCode: 1000,
      subprotocols: offer?.offer ?? [],
      headers: {},
      connectionTimeoutMs: 2000,
      messageTimeoutMs: 2000,
      maxPayload: 1 << 20,
      traces: NO_TRACES,
      stepwise: true,
      replyAwaited: messages.map(() => true),
    });
}

const urls: Record<string, string> = {};

beforeAll(async () => {
  urls.echo = await listen((wss) => wss.on('connection', (ws) => ws.on('message', (d, isBinary) => ws.send(d, { binary: isBinary }))));
  urls.json = await listen((wss) =>
    wss.on('connection', (ws) => {
      ws.send(JSON.stringify({ type: 'welcome', users: 1 }));
      ws.on('message', (d) => {
        let m: unknown;
        try {
          m = JSON.parse(d.toString());
        } catch {
          return ws.send(JSON.stringify({ error: 'bad json' }));
        }
        ws.send(JSON.stringify({ type: 'chat', from: 'server', received: m }));
      });
    }),
  );
  // Answers everything as a JSON-RPC server would: method not found, with the request's id.
  urls.errors = await listen((wss) =>
    wss.on('connection', (ws) =>
      ws.on('message', (d) => {
        const id = (() => {
          try {
            return (JSON.parse(d.toString()) as { id?: unknown }).id ?? null;
          } catch {
            return null;
          }
        })();
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } }));
      }),
    ),
  );
  const t = initTRPC.create();
  const router = t.router({ hello: t.procedure.query(() => 'hi') });
  urls.trpc = await listen((wss) => applyWSSHandler({ wss, router }));
  urls.yjs = await listen((wss) => wss.on('connection', setupWSConnection));
  // Selects whatever subprotocol it is offered, GraphQL's names too: a plain echo all the same.
  urls.anyProtocol = await listen((wss) => wss.on('connection', (ws) => ws.on('message', (d) => ws.send(d))), {
    handleProtocols: (p) => [...p][0] ?? false,
  });
  // A graphql-ws server in miniature: selects graphql-transport-ws only.
  urls.graphql = await listen((wss) => wss.on('connection', (ws) => ws.on('message', () => ws.send(JSON.stringify({ type: 'connection_ack' })))), {
    handleProtocols: (p) => (p.has('graphql-transport-ws') ? 'graphql-transport-ws' : false),
  });
});

afterAll(async () => {
  for (const wss of servers) {
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
  }
});

const route = websocketRoute('/doc');

describe('detectors claim their own server only', () => {
  test('GraphQL: a server that selects only graphql-transport-ws is GraphQL; one that selects whatever it is offered is not', async () => {
    expect((await detectGraphql(route, probeOf(urls.graphql!)))?.protocol).toBe('graphql-transport-ws');
    expect(await detectGraphql(route, probeOf(urls.anyProtocol!))).toBeUndefined();
    expect(await detectGraphql(route, probeOf(urls.echo!))).toBeUndefined();
  });

  test('tRPC: applyWSSHandler is tRPC; echo, JSON chat and JSON-RPC error servers are not', async () => {
    expect((await detectTrpc(route, probeOf(urls.trpc!)))?.protocol).toBe('trpc');
    for (const other of ['echo', 'json', 'errors', 'yjs']) expect(await detectTrpc(route, probeOf(urls[other]!)), other).toBeUndefined();
  });

  test('Yjs: y-websocket sends sync step 1 unasked; echo, JSON chat and tRPC servers do not', async () => {
    expect((await detectYjs(route, probeOf(urls.yjs!)))?.protocol).toBe('yjs');
    for (const other of ['echo', 'json', 'errors', 'trpc']) expect(await detectYjs(route, probeOf(urls[other]!)), other).toBeUndefined();
  });

  test('nes: none of these servers answers a hello with a hello (nes itself: test/e2e/protocols-nes.test.ts)', async () => {
    for (const other of ['echo', 'json', 'errors', 'trpc', 'yjs']) expect(await detectNes(route, probeOf(urls[other]!)), other).toBeUndefined();
  });
});
