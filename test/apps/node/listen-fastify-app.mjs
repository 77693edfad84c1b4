/**
 * Fastify + @fastify/websocket as the Fastify docs write a server: register the plugin,
 * declare the routes, `await fastify.listen({ port: 3000 })`, exit on failure, no export.
 *
 * route        behaviour                                          verdict (errorType, minimal sequence)
 * /ws/echo     echoes every message                               passed
 * /ws/orders   JSON.parse on every text message, no try/catch     server_error, [text ""]
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';

const fastify = Fastify({ logger: false });
await fastify.register(websocket);

fastify.register(async function (fastify) {
  fastify.get('/ws/echo', { websocket: true }, (socket) => {
    socket.on('message', (message, isBinary) => socket.send(message, { binary: isBinary }));
  });

  fastify.get('/ws/orders', { websocket: true }, (socket) => {
    socket.on('message', (message, isBinary) => {
      if (isBinary) return;
      const order = JSON.parse(message.toString());
      socket.send(JSON.stringify({ accepted: order }));
    });
  });
});

try {
  await fastify.listen({ port: 3000 });
} catch (err) {
  fastify.log.error(err);
  process.exit(1);
}
