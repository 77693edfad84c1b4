/**
 * Fastify + @fastify/websocket test app: one route per behaviour wsroutes must judge.
 * Each buggy route fails in exactly one way and is correct for every other input.
 *
 * route            behaviour                                              verdict (errorType, minimal sequence)
 * /ws/echo         echoes text and binary exactly (plugin, prefix /ws)    passed
 * /ws/json         JSON.parse in try/catch, polite errors                 passed
 * /ws/rooms/:room  echoes text as "[room] text", binary as is             passed
 * /ws/sink         reads, never answers                                   passed
 * /ws/slow         echoes each message after 50 ms                        passed
 * /ws/flood        5000 small messages on connect, then echoes            passed
 * /ws/quit         echoes; closes 1008 on the text "quit"                 passed (deliberate close)
 * /ws/nul          sanitize() throws on NUL in text                       server_error, [text "\u0000"]
 * /ws/parse        JSON.parse without try/catch (binary ignored)          server_error, [text ""]
 * /ws/limited      rate limiter off by one: TypeError at the 4th message  server_error, 4 messages
 * /ws/drop         terminate() on an empty binary frame (1006)            server_error, [bytes <empty>]
 * /ws/deep         walker closes 1011 on JSON nested deeper than 3        server_error 1011, [json [[[[]]]]]
 * /ws/profile      async lookup returns undefined for an empty name       server_error (unhandled rejection), [text ""]
 */
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { RawData, WebSocket } from 'ws';

const app = Fastify();
await app.register(websocket);

function echo(socket: WebSocket): void {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
}

async function publicRoutes(f: FastifyInstance): Promise<void> {
  f.get('/echo', { websocket: true }, (socket) => echo(socket));

  f.get('/json', { websocket: true }, (socket) => {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.send(JSON.stringify({ error: 'expected a JSON text frame' }));
      let body: unknown;
      try {
        body = JSON.parse(data.toString());
      } catch {
        return socket.send(JSON.stringify({ error: 'invalid JSON' }));
      }
      const action = typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : undefined;
      if (typeof action !== 'string') return socket.send(JSON.stringify({ error: 'expected {"action": string}' }));
      socket.send(JSON.stringify({ ok: true, action }));
    });
  });

  f.get<{ Params: { room: string } }>('/rooms/:room', { websocket: true }, (socket, req) => {
    const { room } = req.params;
    socket.on('message', (data, isBinary) => {
      if (isBinary) socket.send(data, { binary: true });
      else socket.send(`[${room}] ${data.toString()}`);
    });
  });

  f.get('/sink', { websocket: true }, (socket) => {
    let received = 0;
    socket.on('message', () => void received++);
  });

  f.get('/slow', { websocket: true }, (socket) => {
    socket.on('message', (data, isBinary) => {
      setTimeout(() => {
        if (socket.readyState === socket.OPEN) socket.send(data, { binary: isBinary });
      }, 50);
    });
  });

  f.get('/flood', { websocket: true }, (socket) => {
    for (let i = 0; i < 5000; i++) socket.send(`tick ${i}`);
    echo(socket);
  });

  f.get('/quit', { websocket: true }, (socket) => {
    socket.on('message', (data, isBinary) => {
      if (!isBinary && data.toString() === 'quit') socket.close(1008, 'bye');
      else socket.send(data, { binary: isBinary });
    });
  });
}
await app.register(publicRoutes, { prefix: '/ws' });

/** Strips control characters; the author thought a NUL could only come from an attacker. */
function sanitize(text: string): string {
  if (text.includes('\u0000')) throw new Error('NUL byte in message');
  return text.replace(/[\u0001-\u0008\u000b-\u001f]/g, '');
}

app.get('/ws/nul', { websocket: true }, (socket) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary) socket.send(data, { binary: true });
    else socket.send(sanitize(data.toString()));
  });
});

app.get('/ws/parse', { websocket: true }, (socket) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary) return; // commands are JSON text; binary frames are ignored
    const command: unknown = JSON.parse(data.toString());
    socket.send(JSON.stringify({ received: command }));
  });
});

const BURST = 3; // messages allowed per second

app.get('/ws/limited', { websocket: true }, (socket) => {
  const recent: { at: number }[] = [];
  socket.on('message', (data, isBinary) => {
    const now = Date.now();
    if (recent.length >= BURST) {
      const windowStart = recent[recent.length - BURST - 1]!; // off by one: should be length - BURST
      if (now - windowStart.at < 1000) return socket.send(JSON.stringify({ error: 'rate limited' }));
    }
    recent.push({ at: now });
    if (recent.length > BURST) recent.shift();
    socket.send(data, { binary: isBinary });
  });
});

app.get('/ws/drop', { websocket: true }, (socket) => {
  socket.on('message', (data: RawData, isBinary) => {
    // "An empty frame means the client is gone": dropped without a close frame.
    if (isBinary && (data as Buffer).length === 0) return socket.terminate();
    socket.send(data, { binary: isBinary });
  });
});

const MAX_DEPTH = 3;
class TooDeep extends Error {}

/** Counts the leaves of a JSON value, refusing containers nested deeper than MAX_DEPTH. */
function countLeaves(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object') return 1;
  if (depth === MAX_DEPTH) throw new TooDeep();
  return Object.values(value).reduce((n: number, v) => n + countLeaves(v, depth + 1), 0);
}

app.get('/ws/deep', { websocket: true }, (socket) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary) return socket.send(JSON.stringify({ error: 'expected JSON text' }));
    let value: unknown;
    try {
      value = JSON.parse(data.toString());
    } catch {
      return socket.send(JSON.stringify({ error: 'invalid JSON' }));
    }
    try {
      socket.send(JSON.stringify({ leaves: countLeaves(value) }));
    } catch (err) {
      if (!(err instanceof TooDeep)) throw err;
      socket.close(1011, 'too deep'); // the bug: 1011 says "server error" for a client's mistake
    }
  });
});

interface Profile {
  name: string;
  since: number;
}
const profiles = new Map<string, Profile>();

/** Finds or creates a profile; an empty name is never stored, so it finds nothing. */
async function findOrCreateProfile(name: string): Promise<Profile | undefined> {
  await new Promise((resolve) => setImmediate(resolve)); // stands in for a database round trip
  if (name && !profiles.has(name)) profiles.set(name, { name, since: Date.now() });
  return profiles.get(name);
}

app.get('/ws/profile', { websocket: true }, (socket) => {
  socket.on('message', async (data) => {
    const profile = await findOrCreateProfile(data.toString().trim());
    const reply = JSON.stringify({ hello: profile!.name });
    if (socket.readyState === socket.OPEN) socket.send(reply);
  });
});

export default app;
