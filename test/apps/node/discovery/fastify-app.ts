/**
 * Fastify fixture for route discovery: a route added at the top level before the module
 * hands the instance over, routes in a prefixed plugin (one with :room, one at the
 * prefix itself), a route with both handler and wsHandler, an HTTP route that is not a
 * WebSocket route, and two buggy routes for traces (sync JSON.parse, async rejection).
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';

const app = Fastify();
await app.register(websocket);

app.get('/ws/root', { websocket: true }, (socket) => {
  socket.send('root');
});

app.get('/health', async () => ({ ok: true }));

app.route({
  method: 'GET',
  url: '/ws/both',
  handler: async () => 'plain http',
  wsHandler: (socket) => socket.send('both'),
});

app.get('/ws/parse', { websocket: true }, (socket) => {
  socket.on('message', (data) => {
    const value: unknown = JSON.parse(data.toString());
    socket.send(JSON.stringify(value));
  });
});

app.get('/ws/reject', { websocket: true }, (socket) => {
  socket.on('message', async (data) => {
    await Promise.resolve();
    if (data.toString() === 'boom') throw new Error('async boom in listener');
    socket.send('ok');
  });
});

await app.register(
  async (chat) => {
    chat.get('/', { websocket: true }, (socket) => socket.send('lobby'));
    chat.get<{ Params: { room: string } }>('/:room', { websocket: true }, (socket, req) => socket.send(`room ${req.params.room}`));
  },
  { prefix: '/ws/chat' },
);

export default app;
