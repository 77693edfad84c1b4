import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Message } from '../generation/message.js';
import type { Script, ScriptStep } from '../generation/script.js';
import { NO_TRACES } from '../targets/target.js';
import type { ScriptPlan } from '../execution/run-script.js';
import { runScript } from './judged-runners.js';

// A real ws server on loopback: /relay sends each message to every other member of the room;
// /pair closes a sender with 1011 when another member is in the room (a two-client bug);
// /silent never answers pings after its first message (a stall).
let server: Server;
let wss: WebSocketServer;
let base: string;
const rooms = new Map<string, Set<WebSocket>>();

beforeAll(async () => {
  server = createServer();
  wss = new WebSocketServer({ server, autoPong: true });
  wss.on('connection', (socket, req) => {
    const url = req.url ?? '';
    const members = rooms.get(url) ?? new Set<WebSocket>();
    rooms.set(url, members);
    members.add(socket);
    socket.on('close', () => members.delete(socket));
    socket.on('message', (data, isBinary) => {
      if (url.startsWith('/relay')) for (const m of members) if (m !== socket) m.send(data, { binary: isBinary });
      if (url.startsWith('/pair') && members.size > 1) socket.close(1011, 'peer lookup failed');
      if (url.startsWith('/silent')) socket.pause();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  // The paused socket of /silent never reads our TCP close: end it here.
  for (const c of wss.clients) c.terminate();
  await new Promise<void>((r) => server.close(() => r()));
});

const plan = (template: string): ScriptPlan => ({
  baseUrl: base,
  template,
  headers: {},
  connectionTimeoutMs: 2000,
  messageTimeoutMs: 300,
  maxPayload: 1 << 20,
  traces: NO_TRACES,
});
const msg = (data: string): Message => ({ type: 'text', data });
const script = (clients: number, steps: ScriptStep[], room = 'r'): Script => ({
  kind: 'script',
  clients: Array.from({ length: clients }, () => ({ params: { room } })),
  steps,
});
const connect = (client: number): ScriptStep => ({ client, action: 'connect' });
const send = (client: number, data: string): ScriptStep => ({ client, action: 'send', message: msg(data) });
const close = (client: number): ScriptStep => ({ client, action: 'close', code: 1000 });

test('a correct relay passes: messages from other clients are read, never failures', async () => {
  const out = await runScript(
    script(3, [connect(0), connect(1), connect(2), send(0, 'hi'), send(1, 'yo'), send(0, 'again'), close(0), close(1), close(2)], 'relay1'),
    plan('/relay/{room}'),
  );
  expect(out.judgement.verdict).toBeUndefined();
  expect(out.failedClient).toBeUndefined();
  expect(out.transcripts).toHaveLength(3);
  // Step order is execution order: each send was read before the next step, so the relays arrived.
  expect(out.transcripts.map((t) => t.received.count)).toEqual([1, 2, 3]);
  expect(out.transcripts.map((t) => t.sentCount)).toEqual([2, 1, 0]);
  expect(out.transcripts.every((t) => t.serverClose?.answeredOurs)).toBe(true);
  expect(out.transcripts[0]!.url).toBe('/relay/relay1');
});

test('a two-client bug fails on the client and at the step where it happened', async () => {
  const out = await runScript(script(2, [connect(0), connect(1), send(1, 'x'), close(1), close(0)], 'pair1'), plan('/pair/{room}'));
  expect(out.failedClient).toBe(1);
  expect(out.failedStep).toBe(2);
  expect(out.actedBefore).toBe(2);
  expect(out.judgement.verdict).toMatchObject({ errorType: 'server_error', closeCode: 1011 });
  expect(out.transcript).toBe(out.transcripts[1]);
});

test('the same steps with one client at a time pass', async () => {
  const out = await runScript(script(2, [connect(0), send(0, 'x'), close(0), connect(1), send(1, 'x'), close(1)], 'pair2'), plan('/pair/{room}'));
  expect(out.judgement.verdict).toBeUndefined();
});

test('a server that stops answering is a timeout of that client; the script goes on', async () => {
  const out = await runScript(
    script(2, [connect(0), connect(1), send(1, 'a'), send(1, 'b'), send(0, 'c'), close(0), close(1)], 'silent1'),
    plan('/silent/{room}'),
  );
  expect(out.failedClient).toBe(1);
  expect(out.failedStep).toBe(3);
  expect(out.judgement.verdict?.errorType).toBe('timeout');
  // Client 0 still ran its steps.
  expect(out.transcripts[0]!.sentCount).toBe(1);
});

test('a refused handshake fails at its connect step', async () => {
  const out = await runScript(script(2, [connect(0), connect(1), close(0), close(1)]), { ...plan('/relay/{room}'), baseUrl: 'ws://127.0.0.1:1' });
  expect(out.failedClient).toBe(0);
  expect(out.failedStep).toBe(0);
  expect(out.judgement.verdict?.errorType).toBe('handshake_error');
});
