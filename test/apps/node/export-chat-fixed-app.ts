/**
 * The fixed twin of export-chat-app.ts: a message that is not JSON with a string `text`
 * gets an error reply instead of crashing the handler. Same routes, same auth.
 *
 * route            verdict
 * /rooms/:room     passed
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

function parseChat(raw: string): { text: string } | undefined {
  try {
    const message: unknown = JSON.parse(raw);
    if (typeof message === 'object' && message !== null && typeof (message as { text?: unknown }).text === 'string') {
      return message as { text: string };
    }
  } catch {
    // not JSON: answered below
  }
  return undefined;
}

fastify.get('/rooms/:room', { websocket: true }, (socket, req) => {
  const { room } = req.params as { room: string };
  socket.on('message', (raw) => {
    const message = parseChat(raw.toString());
    if (!message) socket.send(JSON.stringify({ error: 'expected {"text": "..."}' }));
    else socket.send(JSON.stringify({ room, text: message.text.trim() }));
  });
});

export default fastify;
