/**
 * A Fastify chat room written as @fastify/websocket's README writes one (a preValidation
 * hook for auth, a `{ websocket: true }` route), with one bug; export-chat-fixed-app.ts is
 * its fixed twin. The pair is what the exported regression tests run against
 * (test/e2e/ci-export.test.ts): the exported test must fail here and pass on the twin.
 *
 * route            bug                                                        verdict
 * /rooms/:room     JSON.parse and `message.text.trim()` on every message      server_error (SyntaxError / TypeError)
 *
 * Every connection needs `Authorization: Bearer $CHAT_TOKEN` (401 otherwise).
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';

const fastify = Fastify();
await fastify.register(websocket);

fastify.addHook('preValidation', async (request, reply) => {
  if (request.headers.authorization !== `Bearer ${process.env.CHAT_TOKEN}`) {
    await reply.code(401).send('not authenticated');
  }
});

fastify.get('/rooms/:room', { websocket: true }, (socket, req) => {
  const { room } = req.params as { room: string };
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString());
    socket.send(JSON.stringify({ room, text: message.text.trim() }));
  });
});

export default fastify;
