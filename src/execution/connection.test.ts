import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { runConnection, type ConnectionPlan } from './connection.js';
import { NO_TRACES } from '../targets/target.js';
import type { Message } from '../generation/message.js';

// One real server with one behaviour per path.
let server: Server;
let wss: WebSocketServer;
let base: string;
const behaviours: Record<string, (ws: WebSocket) => void> = {
  '/echo': (ws) => ws.on('message', (d, bin) => ws.send(d, { binary: bin })),
  '/sink': () => {},
  '/close1011': (ws) => ws.on('message', () => ws.close(1011, 'boom')),
  '/drop-second': (ws) => {
    let n = 0;
    ws.on('message', () => ++n === 2 && ws.terminate());
  },
  '/bye': (ws) => ws.close(4401, 'auth please'),
  // Answers the first message late, then echoes the count of messages read before it answered.
  '/late-ack': (ws) => {
    let read = 0;
    ws.on('message', () => {
      read++;
      if (read === 1) setTimeout(() => ws.send(`ack after ${read}`), 50);
    });
  },
  // A login step: the first message must be "login" (answered after 80 ms), else 1008; then echoes what it read.
  '/login': (ws) => {
    const seen: string[] = [];
    ws.on('message', (d) => {
      const m = d.toString();
      if (!seen.length && m !== 'login') return ws.close(1008, 'login first');
      seen.push(m);
      if (seen.length === 1) setTimeout(() => ws.send('welcome'), 80);
      else ws.send(seen.join(','));
    });
  },
  // Takes the login silently.
  '/silent-login': (ws) => ws.on('message', (d) => d.toString() !== 'login' && ws.send(`got ${d.toString()}`)),
  // Closes 4400 while our close is on the wire: it stops reading once it has answered the ping, closes 4400, then reads our close.
  '/close4400-crossed': (ws) => {
    const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    ws.on('ping', () =>
      setImmediate(() => {
        socket.pause();
        setTimeout(() => {
          ws.close(4400, 'bad message');
          socket.resume();
        }, 60);
      }),
    );
  },
  // Answers each message twice: "noise" at once, then a long "answer:<text>" 60 ms later.
  '/slow-answer': (ws) =>
    ws.on('message', (d) => {
      ws.send('noise');
      setTimeout(() => ws.send(`answer:${d.toString()}:${'x'.repeat(5000)}`), 60);
    }),
  '/badutf8': (ws) => ws.on('message', () => ws.send(Buffer.from([0xff, 0xfe]), { binary: false })),
  '/no-pong': (ws) => {
    // Stops reading: the ws server would otherwise pong by itself.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  },
};

beforeAll(async () => {
  server = createServer();
  wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => behaviours[req.url ?? '']?.(ws));
  server.on('upgrade', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Rejects /forbidden at the HTTP level.
  wss.options.verifyClient = (info: { req: { url?: string } }) => info.req.url !== '/forbidden';
});
afterAll(async () => {
  for (const c of wss.clients) c.terminate();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const text = (data: string): Message => ({ type: 'text', data });
function plan(path: string, messages: Message[], extra: Partial<ConnectionPlan> = {}): ConnectionPlan {
  return {
    baseUrl: base,
    path,
    messages,
    closeCode: 1000,
    subprotocols: [],
    headers: {},
    connectionTimeoutMs: 2000,
    messageTimeoutMs: 300,
    maxPayload: 1 << 20,
    traces: NO_TRACES,
    ...extra,
  };
}

describe('runConnection', () => {
  test('echo: every message acknowledged, replies read, close handshake completed', async () => {
    const t = await runConnection(plan('/echo', [text('a'), { type: 'bytes', data: new Uint8Array([1, 2]) }, { type: 'json', data: { k: [1] } }]));
    expect(t.handshake.outcome).toBe('accepted');
    expect(t.ackedCount).toBe(3);
    expect(t.sentCount).toBe(3);
    expect(t.received.count).toBe(3);
    expect(t.received.last?.preview).toBe('{"k":[1]}');
    expect(t.clientClose?.code).toBe(1000);
    expect(t.serverClose).toMatchObject({ code: 1000, frame: true, answeredOurs: true });
    expect(t.stalled).toBeUndefined();
  });

  test('awaitAnswer: the connection stays open for the awaited frame, kept whole, then closes', async () => {
    const t = await runConnection(plan('/slow-answer', [text('q')], { messageTimeoutMs: 5_000, awaitAnswer: (f) => f.startsWith('answer:') }));
    expect(t.answer).toBe(`answer:q:${'x'.repeat(5000)}`);
    expect(t.received.count).toBe(2);
    expect(t.clientClose?.code).toBe(1000);
    expect(t.elapsedMs).toBeLessThan(2_000);
    // Without it, the connection closes once the message is read: the late answer never comes.
    const plain = await runConnection(plan('/slow-answer', [text('q')], { messageTimeoutMs: 5_000 }));
    expect(plain.answer).toBeUndefined();
    expect(plain.received.count).toBeLessThan(2);
  });

  test('awaitAnswer on a server that never answers: message_timeout, then our close', async () => {
    const t = await runConnection(plan('/sink', [text('q')], { messageTimeoutMs: 200, awaitAnswer: () => true }));
    expect(t.answer).toBeUndefined();
    expect(t.clientClose?.code).toBe(1000);
    expect(t.stalled).toBeUndefined();
    expect(t.elapsedMs).toBeGreaterThanOrEqual(190);
  });

  test('sink: silence is fine and costs no timeout', async () => {
    const t = await runConnection(plan('/sink', [text('a'), text('b')], { messageTimeoutMs: 60_000 }));
    expect(t.ackedCount).toBe(2);
    expect(t.received.count).toBe(0);
    expect(t.serverClose?.answeredOurs).toBe(true);
    expect(t.stalled).toBeUndefined();
  });

  test('server close 1011 is recorded as server-initiated with the acked count', async () => {
    const t = await runConnection(plan('/close1011', [text('a'), text('b')]));
    expect(t.serverClose).toMatchObject({ code: 1011, reason: 'boom', frame: true, answeredOurs: false });
  });

  test('a dropped TCP connection is 1006 without a frame', async () => {
    const t = await runConnection(plan('/drop-second', [text('a'), text('b'), text('c')]));
    expect(t.serverClose).toMatchObject({ code: 1006, frame: false, answeredOurs: false, ackedCount: 1 });
  });

  test('deliberate close on accept leaves nothing acknowledged', async () => {
    const t = await runConnection(plan('/bye', [text('a')]));
    expect(t.serverClose).toMatchObject({ code: 4401, frame: true, answeredOurs: false, ackedCount: 0 });
  });

  test('invalid UTF-8 from the server is a protocol error', async () => {
    const t = await runConnection(plan('/badutf8', [text('a')]));
    expect(t.protocolError?.code).toBe('WS_ERR_INVALID_UTF8');
  });

  test('a server that stops reading stalls after message_timeout', async () => {
    const t = await runConnection(plan('/no-pong', [text('a')]));
    expect(t.stalled).toBe('messages');
    expect(t.ackedCount).toBe(0);
  });

  test('replyAwaited: the message after connection_init waits for the server to answer it', async () => {
    const t = await runConnection(plan('/late-ack', [text('init'), text('next')], { stepwise: true, replyAwaited: [true, false] }));
    expect(t.ackedCount).toBe(2);
    expect(t.received.last?.preview).toBe('ack after 1');
    expect(t.stalled).toBeUndefined();
  });

  test('HTTP rejection of the upgrade', async () => {
    const t = await runConnection(plan('/forbidden', [text('a')]));
    expect(t.handshake).toMatchObject({ outcome: 'rejected', status: 401 });
  });

  test('nothing listening is a handshake error', async () => {
    const t = await runConnection(plan('/echo', [text('a')], { baseUrl: 'ws://127.0.0.1:1' }));
    expect(t.handshake.outcome).toBe('error');
    expect(t.handshake.error).toMatch(/ECONNREFUSED/);
  });

  test('a trace for the connection ends it quickly even if the server stays silent', async () => {
    const traces = {
      watch: (_port: number, onTrace: (t: { text: string }) => void) => {
        setTimeout(() => onTrace({ text: 'Error: boom' }), 5);
        return { end: async () => [{ text: 'Error: boom' }] };
      },
      drainOrphans: () => [],
    };
    const t = await runConnection(plan('/no-pong', [text('a')], { traces, messageTimeoutMs: 60_000 }));
    expect(t.serverTraces).toEqual([{ text: 'Error: boom' }]);
    expect(t.ackedAtFirstTrace).toBe(0);
  });

  test('a logged trace (the app caught it and went on) does not end the connection: its answer comes', async () => {
    const logged = { text: 'LookupError: no message 99', logged: true };
    const traces = {
      watch: (_port: number, onTrace: (t: { text: string; logged?: boolean }) => void) => {
        setTimeout(() => onTrace(logged), 5);
        return { end: async () => [logged] };
      },
      drainOrphans: () => [],
    };
    const t = await runConnection(plan('/late-ack', [text('subscribe')], { traces, stepwise: true, replyAwaited: [true] }));
    expect(t.received.last?.preview).toBe('ack after 1');
    expect(t.ackedAtFirstTrace).toBeUndefined();
    expect(t.abortedByClient).toBeUndefined();
    expect(t.serverTraces).toEqual([logged]);
  });
});

describe("handled errors (a protocol's answers)", () => {
  const answers = { close: (code: number) => code >= 4400 && code <= 4499 };

  test("a 44xx close of the server's own choosing counts, even when it crossed our close", async () => {
    const t = await runConnection(plan('/close4400-crossed', [text('x')], { answers }));
    expect(t.clientClose?.code).toBe(1000);
    expect(t.serverClose?.code).toBe(4400);
    expect(t.handledErrors).toBe(1);
  });

  test('the server echoing our own close code is no answer, whatever the code', async () => {
    const t = await runConnection(plan('/sink', [text('x')], { answers, closeCode: 4400 }));
    expect(t.clientClose?.code).toBe(4400);
    expect(t.serverClose?.code).toBe(4400);
    expect(t.handledErrors).toBeUndefined();
  });
});

describe('--ws-prelude', () => {
  test('sent first, each waiting for the answer; counts and indexes stay those of the generated sequence', async () => {
    const t = await runConnection(plan('/login', [text('a'), text('b')], { prelude: [text('login')], stepwise: true }));
    expect(t.serverClose?.code).toBe(1000);
    expect(t.sentCount).toBe(2);
    expect(t.ackedCount).toBe(2);
    expect(t.messages).toEqual([text('a'), text('b')]);
    expect(t.received.count).toBe(3);
    // "a" went only after the 80 ms welcome: the server had seen login then a, then login, a and b.
    expect(t.received.last?.preview).toBe('login,a,b');
  });

  test('a login step answered by silence is not judged; the sequence goes on after message_timeout', async () => {
    const t = await runConnection(plan('/silent-login', [text('x')], { prelude: [text('login')], messageTimeoutMs: 150 }));
    expect(t.stalled).toBeUndefined();
    expect(t.received.last?.preview).toBe('got x');
    expect(t.elapsedMs).toBeGreaterThanOrEqual(140);
  });

  test('without the prelude, the route refuses us', async () => {
    const t = await runConnection(plan('/login', [text('a')]));
    expect(t.serverClose).toMatchObject({ code: 1008, reason: 'login first' });
  });
});
