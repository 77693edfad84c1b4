/**
 * Hono on @hono/node-server 2 exactly as its README writes a WebSocket server: routes with
 * its `upgradeWebSocket`, a `ws` WebSocketServer({ noServer: true }) handed to
 * `serve({ fetch, websocket: { server: wss } })` on the default port 3000, nothing exported.
 * wsroutes captures that server (on a free port) and finds the routes through Hono's router.
 * (Installed here under the alias @hono/node-server-2; an app imports '@hono/node-server'.)
 *
 * route        behaviour                                          verdict (errorType, minimal sequence)
 * /ws          echoes every message                               passed
 * /api/chat    sub-app mounted with app.route('/api', api): JSON.parse with no guard
 *                                                                  server_error (unhandled rejection), [text ""]
 */
import { serve, upgradeWebSocket } from '@hono/node-server-2';
import { Hono } from 'hono';
import { WebSocketServer } from 'ws';

const app = new Hono();

app.get(
  '/ws',
  upgradeWebSocket(() => ({
    onMessage(event, ws) {
      ws.send(event.data as string | ArrayBuffer);
    },
  })),
);

const api = new Hono();
api.get(
  '/chat',
  upgradeWebSocket(() => ({
    async onMessage(event, ws) {
      if (typeof event.data !== 'string') return;
      const { user, text } = JSON.parse(event.data) as { user: string; text: string };
      ws.send(`${user}: ${text}`);
    },
  })),
);
app.route('/api', api);

const wss = new WebSocketServer({ noServer: true });
serve({
  fetch: app.fetch,
  websocket: { server: wss },
});
