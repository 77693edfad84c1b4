/**
 * The factory form: the default export is an async function returning a Fastify
 * instance, as apps that read configuration before building themselves are written.
 *
 * route            behaviour                                              verdict (errorType, minimal sequence)
 * /ws/echo         echoes text and binary exactly                         passed
 * /ws/rooms/:room  "[room] text", binary as is                            passed
 * /ws/limited      rate limiter off by one: TypeError at the 4th message  server_error, 4 messages
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';

const BURST = 3; // messages allowed per second

export default async function createApp() {
  const app = Fastify({ logger: false });
  await app.register(websocket);

  app.get('/ws/echo', { websocket: true }, (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });

  app.get<{ Params: { room: string } }>('/ws/rooms/:room', { websocket: true }, (socket, req) => {
    socket.on('message', (data, isBinary) => {
      if (isBinary) socket.send(data, { binary: true });
      else socket.send(`[${req.params.room}] ${data.toString()}`);
    });
  });

  app.get('/ws/limited', { websocket: true }, (socket) => {
    const recent: { at: number }[] = [];
    socket.on('message', (data, isBinary) => {
      const now = Date.now();
      if (recent.length >= BURST) {
        const windowStart = recent[recent.length - BURST - 1]!; // off by one: should be length - BURST
        if (now - windowStart.at < 1000) return socket.send(JSON.stringify({ error: 'rate limited' }));
      }
      recent.push({ at: now });
      if (recent.length > BURST) recent.shift();
      socket.send(data, { binary: isBinary });
    });
  });

  return app;
}
