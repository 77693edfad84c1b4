/**
 * Hono + @hono/node-ws test app. wsroutes serves `app.fetch` with @hono/node-server
 * and calls `injectWebSocket(server)`. @hono/node-ws catches a synchronous throw in
 * `onMessage` (it logs it), so the crashes here are ones it cannot catch: an async
 * handler's rejection, a hard drop and a 1011 close.
 *
 * route            behaviour                                              verdict (errorType, minimal sequence)
 * /ws/echo         echoes text and binary exactly                         passed
 * /ws/json         JSON.parse in try/catch, polite errors                 passed
 * /ws/rooms/:room  "[room] text", binary as is                            passed
 * /ws/sink         reads, never answers                                   passed
 * /ws/slow         echoes each message after 50 ms                        passed
 * /ws/drop         raw.terminate() on an empty binary frame (1006)        server_error, [bytes <empty>]
 * /ws/deep         closes 1011 on JSON nested deeper than 3               server_error 1011, [json [[[[]]]]]
 * /ws/profile      async lookup returns undefined for an empty name       server_error (unhandled rejection), [text ""]
 * GET /            plain HTTP route                                       not tested without --http
 */
import { Hono } from 'hono';
import { createNodeWebSocket } from '@hono/node-ws';
import type { WSContext, WSMessageReceive } from 'hono/ws';

const app = new Hono();
export const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app });

app.get('/', (c) => c.text('hono test app'));

const text = (data: WSMessageReceive): string | undefined => (typeof data === 'string' ? data : undefined);

app.get(
  '/ws/echo',
  upgradeWebSocket(() => ({
    onMessage: (event, ws) => ws.send(event.data as string | ArrayBuffer),
  })),
);

app.get(
  '/ws/json',
  upgradeWebSocket(() => ({
    onMessage(event, ws) {
      const raw = text(event.data);
      if (raw === undefined) return ws.send(JSON.stringify({ error: 'expected a JSON text frame' }));
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return ws.send(JSON.stringify({ error: 'invalid JSON' }));
      }
      const action = typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : undefined;
      if (typeof action !== 'string') return ws.send(JSON.stringify({ error: 'expected {"action": string}' }));
      ws.send(JSON.stringify({ ok: true, action }));
    },
  })),
);

app.get(
  '/ws/rooms/:room',
  upgradeWebSocket((c) => {
    const room = c.req.param('room');
    return {
      onMessage(event, ws) {
        const raw = text(event.data);
        ws.send(raw === undefined ? (event.data as ArrayBuffer) : `[${room}] ${raw}`);
      },
    };
  }),
);

app.get(
  '/ws/sink',
  upgradeWebSocket(() => {
    let received = 0;
    return { onMessage: () => void received++ };
  }),
);

app.get(
  '/ws/slow',
  upgradeWebSocket(() => ({
    onMessage(event, ws) {
      setTimeout(() => {
        if (ws.readyState === 1) ws.send(event.data as string | ArrayBuffer);
      }, 50);
    },
  })),
);

app.get(
  '/ws/drop',
  upgradeWebSocket(() => ({
    onMessage(event, ws: WSContext) {
      const data = event.data;
      // "An empty frame means the client is gone": dropped without a close frame.
      if (data instanceof ArrayBuffer && data.byteLength === 0) return (ws.raw as { terminate(): void }).terminate();
      ws.send(data as string | ArrayBuffer);
    },
  })),
);

/** Depth of a JSON value: 0 for a scalar, 1 + the deepest child for a container. */
const depthOf = (value: unknown): number =>
  value === null || typeof value !== 'object' ? 0 : 1 + Math.max(0, ...Object.values(value).map(depthOf));

app.get(
  '/ws/deep',
  upgradeWebSocket(() => ({
    onMessage(event, ws) {
      const raw = text(event.data);
      if (raw === undefined) return ws.send(JSON.stringify({ error: 'expected JSON text' }));
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        return ws.send(JSON.stringify({ error: 'invalid JSON' }));
      }
      // The bug: 1011 says "server error" for what is the client's mistake.
      if (depthOf(value) > 3) return ws.close(1011, 'too deep');
      ws.send(JSON.stringify({ depth: depthOf(value) }));
    },
  })),
);

const profiles = new Map<string, { name: string }>();
/** Finds or creates a profile; an empty name is never stored, so it finds nothing. */
async function findOrCreateProfile(name: string) {
  await new Promise((resolve) => setImmediate(resolve)); // stands in for a database round trip
  if (name && !profiles.has(name)) profiles.set(name, { name });
  return profiles.get(name);
}

app.get(
  '/ws/profile',
  upgradeWebSocket(() => ({
    async onMessage(event, ws) {
      const name = typeof event.data === 'string' ? event.data : new TextDecoder().decode(event.data as ArrayBuffer);
      const profile = await findOrCreateProfile(name.trim());
      const reply = JSON.stringify({ hello: profile!.name });
      if (ws.readyState === 1) ws.send(reply);
    },
  })),
);

export default app;
