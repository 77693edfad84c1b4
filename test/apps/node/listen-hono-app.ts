/**
 * Hono + @hono/node-ws as its README writes a server: `serve({ fetch: app.fetch, port: 3000 })`,
 * then `injectWebSocket(server)`, nothing exported.
 *
 * route       behaviour                                          verdict (errorType, minimal sequence)
 * /ws         echoes every message                               passed
 * /ws/parse   async onMessage: JSON.parse with no guard          server_error (unhandled rejection), [text ""]
 */
import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';

const app = new Hono();
const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app });

app.get('/', (c) => c.text('Hello Hono!'));

app.get(
  '/ws',
  upgradeWebSocket(() => ({
    onMessage(event, ws) {
      ws.send(event.data as string);
    },
  })),
);

app.get(
  '/ws/parse',
  upgradeWebSocket(() => ({
    async onMessage(event, ws) {
      if (typeof event.data !== 'string') return;
      const body = JSON.parse(event.data);
      ws.send(JSON.stringify({ ok: body }));
    },
  })),
);

const server = serve({ fetch: app.fetch, port: 3000 });
injectWebSocket(server);
