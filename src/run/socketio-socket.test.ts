import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { emitMessage } from '../generation/socketio.js';
import { socketio } from '../protocols/socketio.js';
import type { Message } from '../generation/message.js';
import { judge } from '../judgement/index.js';
import { TraceCollector } from '../targets/node/traces.js';
import { runConnection, type ConnectionPlan } from '../execution/connection.js';
import { socketIoConnection } from '../execution/socketio-socket.js';
import { decodePacket, encodeConnect, encodeEvent, engineIoPath } from '../execution/socketio-framing.js';

// One real Socket.IO server, pinging every 50 ms (a client that does not answer is dropped after 200 ms).
let http: HttpServer;
let io: Server;
let base: string;
const traces = new TraceCollector();
let uninstrument: () => void;

beforeAll(async () => {
  http = createServer();
  io = new Server(http, { pingInterval: 50, pingTimeout: 150 });
  io.of('/acks').on('connection', (socket) => {
    socket.on('echo', (msg, cb) => cb(msg));
    socket.on('size', (a, b, cb) => cb([Buffer.isBuffer(a) ? a.length : typeof a, Buffer.isBuffer(b) ? [...b] : typeof b]));
    socket.on('slow', (msg, cb) => setTimeout(() => cb(msg), 400));
    socket.on('never', (_msg, _cb) => {});
    socket.on('boom', (msg) => {
      if (msg === 'boom') throw new Error(`boom from ${socket.id}`);
    });
    socket.on('bye', () => socket.disconnect(true));
    socket.on('polite', (msg, cb) => {
      if (typeof cb === 'function') cb(msg);
    });
  });
  // Errors answered in the ack, and logged: the shape decides whether the ack is an answer or the server's 500.
  io.of('/answers').on('connection', (socket) => {
    socket.on('rename', (name, cb) => {
      try {
        if (typeof name !== 'string') throw new TypeError('name must be a string');
        cb?.({ status: 'ok', name });
      } catch (err) {
        console.error(err);
        cb?.({ status: 'error', message: (err as Error).message });
      }
    });
    // Answers a moment after the emit, as Nest's pipeline does, with no ack to hold our close for it.
    socket.on('later', (name) => {
      setTimeout(() => socket.emit('exception', { status: 'error', message: `no room ${String(name)}` }), 5);
    });
    socket.on('save', (_doc, cb) => {
      try {
        throw new Error('disk full');
      } catch (err) {
        console.error(err);
        cb?.({ status: 'error', message: 'Internal server error' });
      }
    });
  });
  io.of('/guarded').use((_socket, next) => next(new Error('not authorized')));
  // The Socket.IO docs' middleware: the token the client passes as `auth`.
  io.of('/private').use((socket, next) => (socket.handshake.auth.token === 'let-me-in' ? next() : next(new Error('invalid token'))));
  io.of('/private').on('connection', (socket) => socket.on('echo', (msg, cb) => cb(msg)));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  uninstrument = traces.instrument(http);
  base = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  uninstrument();
  await io.close();
  traces.dispose();
});

const ACKS = ['echo', 'size', 'slow', 'never', 'polite', 'rename', 'save'];
const emit = (event: string, ...args: Array<string | Uint8Array>): Message => emitMessage({ event, args, ack: ACKS.includes(event) });
/** An emit of an ack event that asks for no ack, as a client that ignores the answer sends it. */
const noAck = (event: string, ...args: string[]): Message => emitMessage({ event, args, ack: false });
// Generous (a loaded machine must not turn a slow ack into a timeout); the missing-ack test uses a short one.
const ctx = { connectionTimeoutMs: 2000, messageTimeoutMs: 2000 };
const SHORT = { ...ctx, messageTimeoutMs: 400 };

function plan(namespace: string, messages: Message[], extra: Partial<ConnectionPlan> = {}): ConnectionPlan {
  return {
    baseUrl: base,
    messages,
    closeCode: 1000,
    subprotocols: [],
    headers: {},
    connectionTimeoutMs: 2000,
    messageTimeoutMs: ctx.messageTimeoutMs,
    maxPayload: 1 << 20,
    traces,
    ...socketIoConnection({ namespace, endpoint: '/socket.io/', acks: ACKS }, 2000, {}, messages),
    ...extra,
  };
}

describe('Socket.IO framing', () => {
  test('packets as the protocol spells them', () => {
    expect(engineIoPath('/socket.io')).toBe('/socket.io/?EIO=4&transport=websocket');
    expect(encodeConnect('/')).toBe('40');
    expect(encodeConnect('/admin')).toBe('40/admin,');
    expect(encodeEvent('/', ['chat message', 'x'])).toBe('42["chat message","x"]');
    expect(encodeEvent('/admin', ['join', 1], 7)).toBe('42/admin,7["join",1]');
    expect(decodePacket('3/admin,7["ok"]')).toEqual({ type: 3, namespace: '/admin', id: 7, data: ['ok'] });
    expect(decodePacket('0{"sid":"a"}')).toEqual({ type: 0, namespace: '/', data: { sid: 'a' } });
    expect(decodePacket('51-/x,["up",{"_placeholder":true,"num":0}]')).toMatchObject({ type: 5, namespace: '/x' });
    expect(decodePacket('hello')).toBeUndefined();
  });
});

describe('a Socket.IO connection through connection.ts', () => {
  test('emits with an ack wait for it (a slow one too, while the server pings): all acknowledged, a clean close', async () => {
    const t = await runConnection(plan('/acks', [emit('echo', 'a'), emit('slow', 'b'), emit('boom', 'fine')], { stepwise: true }));
    expect(t.handshake.outcome).toBe('accepted');
    expect(t.ackedCount).toBe(3);
    expect(t.sentCount).toBe(3);
    expect(t.received.count).toBe(2);
    expect(t.received.last?.preview).toBe('43/acks,1["b"]');
    expect(t.serverClose).toMatchObject({ code: 1000, answeredOurs: true });
    expect(t.elapsedMs).toBeGreaterThan(400);
    expect(judge(t, ctx)).toEqual({});
  });

  test('bytes arguments go as binary attachments: the handler gets Buffers', async () => {
    const t = await runConnection(plan('/acks', [emit('echo', 'z'), emit('size', new Uint8Array([1, 2, 3]), new Uint8Array([9]))], { stepwise: true }));
    expect(t.ackedCount).toBe(2);
    expect(t.sentCount).toBe(2);
    expect(t.received.last?.preview).toBe('43/acks,1[[3,[9]]]');
    expect(judge(t, ctx)).toEqual({});
    const pipelined = await runConnection(plan('/acks', [emit('size', 'a', new Uint8Array([7, 8])), emit('echo', 'b')]));
    expect(pipelined.ackedCount).toBe(2);
    expect(pipelined.received.count).toBe(2);
    expect(judge(pipelined, ctx)).toEqual({});
  });

  test('pipelined, a later pong waits behind an earlier ack', async () => {
    const t = await runConnection(plan('/acks', [emit('slow', 'x'), emit('boom', 'fine'), emit('echo', 'y')]));
    expect(t.ackedCount).toBe(3);
    expect(judge(t, ctx)).toEqual({});
  });

  test('a handler that takes an ack and never calls it: a timeout at that emit', async () => {
    const t = await runConnection(
      plan('/acks', [emit('echo', 'a'), emit('never', 'b'), emit('echo', 'c')], { stepwise: true, messageTimeoutMs: SHORT.messageTimeoutMs }),
    );
    expect(t.stalled).toBe('messages');
    expect(judge(t, SHORT).verdict).toMatchObject({
      errorType: 'timeout',
      messageIndex: 1,
      message: 'No acknowledgement of emit "never" (message 1) within 400 ms: its handler takes an ack and did not call it',
    });
  });

  test('a handler that throws: server_error at that emit, the trace tied to the connection that caused it', async () => {
    const crashing = (i: number): Message[] => [emit('echo', String(i)), emit('boom', 'boom')];
    const calm = (i: number): Message[] => [emit('echo', String(i)), emit('boom', 'calm')];
    const runs = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => runConnection(plan('/acks', i % 2 ? crashing(i) : calm(i), { stepwise: i < 3 }))));
    runs.forEach((t, i) => {
      if (i % 2 === 0) {
        expect(t.serverTraces).toEqual([]);
        expect(judge(t, ctx)).toEqual({});
        return;
      }
      expect(t.serverTraces).toHaveLength(1);
      expect(t.serverTraces[0]!.text).toMatch(/^Error: boom from /);
      expect(t.serverTraces[0]!.text).toContain('socketio-socket.test.ts');
      // Stepwise the index is exact; pipelined (exploration) it may be earlier, as on any route.
      expect(judge(t, ctx).verdict).toMatchObject({ errorType: 'server_error', ...(i < 3 ? { messageIndex: 1 } : {}) });
    });
    // Each trace names the socket of its own connection.
    const ids = runs.filter((_t, i) => i % 2).map((t) => /boom from (\S+)/.exec(t.serverTraces[0]!.text)![1]);
    expect(new Set(ids).size).toBe(3);
  });

  test('an ack event emitted without an ack: no ack id on the wire, its pong not held for one', async () => {
    const t = await runConnection(plan('/acks', [noAck('polite', 'a'), emit('polite', 'b'), noAck('polite', 'c')], { stepwise: true }));
    expect(t.ackedCount).toBe(3);
    // Only the emit that asked for an ack got one: the handler saw no callback for the others.
    expect(t.received.count).toBe(1);
    expect(t.received.last?.preview).toBe('43/acks,0["b"]');
    expect(judge(t, ctx)).toEqual({});
  });

  test('a handler that calls its callback when the emit carried none: `cb is not a function`, escaped to the process', async () => {
    const t = await runConnection(plan('/acks', [emit('echo', 'a'), noAck('echo', 'b')], { stepwise: true }));
    expect(t.serverTraces).toHaveLength(1);
    expect(t.serverTraces[0]).toMatchObject({ uncaught: true, text: expect.stringMatching(/^TypeError: cb is not a function/) });
    expect(judge(t, ctx).verdict).toMatchObject({ errorType: 'server_error', messageIndex: 1, uncaught: true });
  });

  test('an error the handler logs and answers in its ack is that answer, not a crash; one it answers as internal is a crash', async () => {
    const answered = await runConnection(
      plan('/answers', [emit('rename', 'a'), emitMessage({ event: 'rename', args: [7], ack: true })], { answers: socketio.answers }),
    );
    expect(answered.received.last?.preview).toBe('43/answers,1[{"status":"error","message":"name must be a string"}]');
    expect(answered.handledErrors).toBe(1);
    expect(answered.serverTraces).toEqual([expect.objectContaining({ logged: true })]);
    expect(judge(answered, ctx)).toEqual({});
    // Without the protocol's answers the same connection is a server error: the check can fail.
    expect(judge({ ...answered, handledErrors: undefined }, ctx).verdict).toMatchObject({ errorType: 'server_error' });
    const internal = await runConnection(plan('/answers', [emit('save', 'x')], { answers: socketio.answers }));
    expect(internal.handledErrors).toBeUndefined();
    expect(judge(internal, ctx).verdict).toMatchObject({ errorType: 'server_error', message: 'Server raised: Error: disk full' });
  });

  test('after an emit without an ack our close waits a moment, so an answer the handler sends just after is not cut off', async () => {
    const t = await runConnection(plan('/answers', [noAck('later', 'x')], { answers: socketio.answers }));
    expect(t.received.last?.preview).toBe('42/answers,["exception",{"status":"error","message":"no room x"}]');
    expect(t.handledErrors).toBe(1);
    expect(t.serverClose).toMatchObject({ code: 1000, answeredOurs: true });
  });

  test('a namespace whose middleware refuses us: a deliberate close 4403 before any message, so untested', async () => {
    const t = await runConnection(plan('/guarded', [emit('echo', 'a')]));
    expect(t.sentCount).toBe(0);
    expect(t.serverClose).toMatchObject({ code: 4403, reason: 'connect_error: not authorized', answeredOurs: false, ackedCount: 0 });
    expect(judge(t, ctx)).toEqual({ untested: expect.objectContaining({ closeCode: 4403, closeReason: 'connect_error: not authorized' }) });
  });

  test('a bearer token among the headers (--auth bearer:TOKEN) is the namespace auth payload the docs middleware reads', async () => {
    const sio = { namespace: '/private', endpoint: '/socket.io/', acks: ACKS };
    const refused = await runConnection(plan('/private', [emit('echo', 'a')], socketIoConnection(sio, 2000, { 'x-other': 'Bearer let-me-in' })));
    expect(refused.serverClose).toMatchObject({ code: 4403, reason: 'connect_error: invalid token' });
    const headers = { Authorization: 'Bearer let-me-in' };
    const t = await runConnection(plan('/private', [emit('echo', 'a')], { headers, ...socketIoConnection(sio, 2000, headers) }));
    expect(t.ackedCount).toBe(1);
    expect(t.received.last?.preview).toBe('43/private,0["a"]');
    expect(judge(t, ctx)).toEqual({});
  });

  test('the server disconnecting us is its deliberate close, not a failure', async () => {
    const t = await runConnection(plan('/acks', [emit('echo', 'a'), emit('bye'), emit('echo', 'c')], { stepwise: true }));
    expect(t.serverClose?.frame).toBe(true);
    expect(judge(t, ctx).verdict).toBeUndefined();
  });

  test('no namespace answer within the connection timeout is a handshake timeout', async () => {
    // A plain http server that upgrades nothing would fail the upgrade; this one never sends the open packet.
    const { WebSocketServer } = await import('ws');
    const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => silent.once('listening', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const t = await runConnection({
        ...plan('/', [emit('echo', 'a')]),
        baseUrl: `ws://127.0.0.1:${port}`,
        ...socketIoConnection({ namespace: '/', endpoint: '/socket.io/', acks: [] }, 150),
      });
      expect(t.handshake.outcome).toBe('timeout');
      expect(judge(t, ctx).verdict).toMatchObject({ errorType: 'timeout', messageIndex: null });
    } finally {
      for (const c of silent.clients) c.terminate();
      await new Promise((r) => silent.close(r));
    }
  });
});
