/**
 * Hono on @hono/node-server 2 with its own `upgradeWebSocket`, as hono.dev documents it
 * now, the app exported (its tests import it). wsroutes serves it with the
 * @hono/node-server 2 the app resolves and a `ws` WebSocketServer({ noServer: true }).
 * (Installed here under the alias @hono/node-server-2; an app imports '@hono/node-server'.)
 *
 * route            behaviour                                          verdict (errorType, minimal sequence)
 * /ws              echoes every message                               passed
 * /ws/rooms/:room  "[room] text", binary as is                        passed
 * /ws/score        async onMessage: JSON.parse, reads .points         server_error (unhandled rejection), [text ""]
 */
import { upgradeWebSocket } from '@hono/node-server-2';
import { Hono } from 'hono';

const app = new Hono();

app.get('/', (c) => c.text('Hello Hono!'));

app.get(
  '/ws',
  upgradeWebSocket(() => ({
    onMessage(event, ws) {
      ws.send(event.data as string | ArrayBuffer);
    },
  })),
);

app.get(
  '/ws/rooms/:room',
  upgradeWebSocket((c) => {
    const room = c.req.param('room');
    return {
      onMessage(event, ws) {
        ws.send(typeof event.data === 'string' ? `[${room}] ${event.data}` : (event.data as ArrayBuffer));
      },
    };
  }),
);

app.get(
  '/ws/score',
  upgradeWebSocket(() => ({
    async onMessage(event, ws) {
      if (typeof event.data !== 'string') return;
      const { points } = JSON.parse(event.data) as { points: number };
      ws.send(JSON.stringify({ total: points * 2 }));
    },
  })),
);

export default app;
