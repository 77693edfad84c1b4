/**
 * Hono + @hono/node-ws fixture: a root ws route, a sub-app mounted at /api with its own
 * error handler (so app.route() wraps its handlers) holding a :room route, HTTP routes
 * that must not be listed, and a JSON.parse route whose exception @hono/node-ws hands to
 * console.error. `createApp` is the factory variant returning { app, injectWebSocket }.
 */
import { Hono } from 'hono';
import { createNodeWebSocket } from '@hono/node-ws';

function build() {
  const app = new Hono();
  const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app });

  app.get('/health', (c) => c.text('ok'));
  app.get(
    '/ws/echo',
    upgradeWebSocket(() => ({
      onMessage: (evt, ws) => ws.send(String(evt.data)),
    })),
  );
  app.get(
    '/ws/parse',
    upgradeWebSocket(() => ({
      onMessage: (evt, ws) => {
        const value: unknown = JSON.parse(String(evt.data));
        ws.send(JSON.stringify(value));
      },
    })),
  );

  const api = new Hono();
  api.onError((err, c) => c.text(err.message, 500));
  api.get('/rooms/:room', upgradeWebSocket((c) => ({ onOpen: (_evt, ws) => ws.send(`room ${c.req.param('room')}`) })));
  api.get('/items', (c) => c.json([]));
  app.route('/api', api);
  return { app, injectWebSocket };
}

const built = build();
export default built.app;
export const injectWebSocket = built.injectWebSocket;

export function createApp() {
  return build();
}
