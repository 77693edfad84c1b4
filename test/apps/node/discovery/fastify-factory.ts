/** Fastify fixture as an async factory: every route lives in plugins loaded by ready(). */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';

export async function createApp() {
  const app = Fastify();
  app.register(websocket);
  app.register(async (f) => {
    f.get('/ws/echo', { websocket: true }, (socket) => {
      socket.on('message', (d) => socket.send(d.toString()));
    });
    f.get('/page', async () => 'html');
  });
  return app;
}

/** A Fastify instance without @fastify/websocket: not an app for wsroutes. */
export function withoutWebsocket() {
  const app = Fastify();
  app.get('/ws', async () => 'no websocket here');
  return app;
}

/** A plugin that fails: ready() rejects. */
export function failingPlugin() {
  const app = Fastify();
  app.register(websocket);
  app.register(async () => {
    throw new Error('plugin could not connect to redis');
  });
  return app;
}
