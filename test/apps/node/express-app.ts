/**
 * Express 5 + express-ws test app: routes on the app and on mounted Routers.
 * Each buggy route fails in exactly one way and is correct for every other input.
 * express-ws patches `express.Router` the Express 4 way, which Express 5 ignores, so
 * each Router gets `.ws` from `applyTo`. express-ws 5 bundles ws 7: a text message
 * arrives as a string, a binary one as a Buffer, and there is no `isBinary` argument
 * (the types say ws 8), so handlers test `typeof data === 'string'`.
 *
 * route            behaviour                                              verdict (errorType, minimal sequence)
 * /ws/echo         echoes text and binary exactly                         passed
 * /ws/json         JSON.parse in try/catch, polite errors                 passed
 * /ws/rooms/:room  Router mounted at /ws/rooms; "[room] text", binary as is passed
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
 * GET /health      plain HTTP route (not a WebSocket route)               not tested without --http
 */
import express from 'express';
import expressWs from 'express-ws';
import type { RawData, WebSocket } from 'ws';

/** What ws 7 hands a message listener: a string for text, a Buffer for binary. */
type Incoming = RawData | string;

const wsInstance = expressWs(express());
const app = wsInstance.app;

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

const echo = (socket: WebSocket): void => {
  socket.on('message', (data: Incoming) => socket.send(data));
};

app.ws('/ws/echo', (socket) => echo(socket));

app.ws('/ws/json', (socket) => {
  socket.on('message', (data: Incoming) => {
    const reply = (body: object) => socket.send(JSON.stringify(body));
    if (typeof data !== 'string') return reply({ error: 'expected a JSON text frame' });
    let body: unknown;
    try {
      body = JSON.parse(data);
    } catch {
      return reply({ error: 'invalid JSON' });
    }
    const action = typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : undefined;
    if (typeof action !== 'string') return reply({ error: 'expected {"action": string}' });
    reply({ ok: true, action });
  });
});

const rooms = express.Router();
wsInstance.applyTo(rooms);
rooms.ws('/:room', (socket, req) => {
  const room = String(req.params.room);
  socket.on('message', (data: Incoming) => {
    socket.send(typeof data === 'string' ? `[${room}] ${data}` : data);
  });
});
app.use('/ws/rooms', rooms);

app.ws('/ws/sink', (socket) => {
  let received = 0;
  socket.on('message', () => void received++);
});

app.ws('/ws/slow', (socket) => {
  socket.on('message', (data: Incoming) => {
    setTimeout(() => {
      if (socket.readyState === socket.OPEN) socket.send(data);
    }, 50);
  });
});

app.ws('/ws/flood', (socket) => {
  for (let i = 0; i < 5000; i++) socket.send(`tick ${i}`);
  echo(socket);
});

app.ws('/ws/quit', (socket) => {
  socket.on('message', (data: Incoming) => {
    if (data === 'quit') socket.close(1008, 'bye');
    else socket.send(data);
  });
});

// The buggy routes live on their own Router, as a team's "tools" module would.
const tools = express.Router();
wsInstance.applyTo(tools);

/** Strips control characters; the author thought a NUL could only come from an attacker. */
const sanitize = (text: string): string => {
  if (text.includes('\u0000')) throw new Error('NUL byte in message');
  return text.replace(/[\u0001-\u0008\u000b-\u001f]/g, '');
};

tools.ws('/nul', (socket) => {
  socket.on('message', (data: Incoming) => {
    socket.send(typeof data === 'string' ? sanitize(data) : data);
  });
});

tools.ws('/parse', (socket) => {
  socket.on('message', (data: Incoming) => {
    if (typeof data !== 'string') return; // commands are JSON text; binary frames are ignored
    const command: unknown = JSON.parse(data);
    socket.send(JSON.stringify({ received: command }));
  });
});

const BURST = 3; // messages allowed per second
tools.ws('/limited', (socket) => {
  const recent: { at: number }[] = [];
  socket.on('message', (data: Incoming) => {
    const now = Date.now();
    if (recent.length >= BURST) {
      const windowStart = recent[recent.length - BURST - 1]!; // off by one: should be length - BURST
      if (now - windowStart.at < 1000) return socket.send(JSON.stringify({ error: 'rate limited' }));
    }
    recent.push({ at: now });
    if (recent.length > BURST) recent.shift();
    socket.send(data);
  });
});

tools.ws('/drop', (socket) => {
  socket.on('message', (data: Incoming) => {
    // "An empty frame means the client is gone": dropped without a close frame.
    if (typeof data !== 'string' && (data as Buffer).length === 0) return socket.terminate();
    socket.send(data);
  });
});

/** Depth of a JSON value: 0 for a scalar, 1 + the deepest child for a container. */
const depthOf = (value: unknown): number =>
  value === null || typeof value !== 'object' ? 0 : 1 + Math.max(0, ...Object.values(value).map(depthOf));

tools.ws('/deep', (socket) => {
  socket.on('message', (data: Incoming) => {
    if (typeof data !== 'string') return socket.send(JSON.stringify({ error: 'expected JSON text' }));
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return socket.send(JSON.stringify({ error: 'invalid JSON' }));
    }
    // The bug: 1011 says "server error" for what is the client's mistake.
    if (depthOf(value) > 3) return socket.close(1011, 'too deep');
    socket.send(JSON.stringify({ depth: depthOf(value) }));
  });
});

const profiles = new Map<string, { name: string }>();
/** Finds or creates a profile; an empty name is never stored, so it finds nothing. */
const findOrCreateProfile = async (name: string) => {
  await new Promise((resolve) => setImmediate(resolve)); // stands in for a database round trip
  if (name && !profiles.has(name)) profiles.set(name, { name });
  return profiles.get(name);
};

tools.ws('/profile', (socket) => {
  socket.on('message', async (data: Incoming) => {
    const profile = await findOrCreateProfile(data.toString().trim());
    const reply = JSON.stringify({ hello: profile!.name });
    if (socket.readyState === socket.OPEN) socket.send(reply);
  });
});
app.use('/ws', tools);

export default app;
