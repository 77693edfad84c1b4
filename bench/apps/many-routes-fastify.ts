/**
 * A Fastify app with many correct WebSocket routes, registered in a loop the way an
 * app with a handler per resource does (`/ws/<resource>/echo`, `/ws/<resource>/feed`).
 * How many: $BENCH_ROUTES (default 20), so the bench runs the same app at 20 and 200.
 *
 * Half the routes echo, half acknowledge each message with a small JSON reply.
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';

const count = Number(process.env.BENCH_ROUTES) || 20;

const app = Fastify();
await app.register(websocket);

for (let i = 0; i < count / 2; i++) {
  const resource = `resource${i}`;
  app.get(`/ws/${resource}/echo`, { websocket: true }, (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  app.get(`/ws/${resource}/feed`, { websocket: true }, (socket) => {
    let seen = 0;
    socket.on('message', () => socket.send(JSON.stringify({ resource, seen: ++seen })));
  });
}

export default app;
