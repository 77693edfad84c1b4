/**
 * Express 5 + express-ws fixture, CommonJS TypeScript, as a named factory: a root ws
 * route, a router mounted at /ws/rooms with a :room route and its own root, HTTP
 * routes that must not be listed, a buggy JSON.parse route, and an HTTP route that
 * throws outside any connection (an orphan trace).
 */
import express from 'express';
import expressWs from 'express-ws';

export function createApp() {
  const app = express();
  const wsInstance = expressWs(app);
  const ws = wsInstance.app;

  ws.ws('/ws/echo', (socket) => {
    socket.on('message', (data) => socket.send(data.toString()));
  });

  ws.ws('/ws/parse', (socket) => {
    socket.on('message', (data) => {
      const value: unknown = JSON.parse(data.toString());
      socket.send(JSON.stringify(value));
    });
  });

  const rooms = express.Router();
  wsInstance.applyTo(rooms);
  (rooms as unknown as expressWs.Router).ws('/:room', (socket, req) => socket.send(`room ${req.params.room}`));
  (rooms as unknown as expressWs.Router).ws('/', (socket) => socket.send('lobby'));
  rooms.get('/list', (_req, res) => void res.json([]));
  app.use('/ws/rooms', rooms);

  app.get('/health', (_req, res) => void res.send('ok'));
  app.get('/boom-later', (_req, res) => {
    queueMicrotask(() => {
      throw new Error('thrown outside any connection');
    });
    res.send('scheduled');
  });
  return app;
}

/** An Express app without express-ws. */
export function withoutExpressWs() {
  const app = express();
  app.get('/', (_req, res) => void res.send('hi'));
  return app;
}
