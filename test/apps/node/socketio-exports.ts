/**
 * Socket.IO servers exported the other ways the Socket.IO docs show, none listening:
 * the http server Socket.IO is attached to (`httpServer`), the Server itself (`io`),
 * a Server never attached to anything (`detached`), one whose middleware refuses every
 * connection (`guarded`), one that offers only HTTP long-polling (`pollingOnly`), and
 * dynamic namespaces (`rooms`: `io.of(/^\/room-\d+$/)`, named only by --ws-include).
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

export const httpServer = createServer();
export const io = new Server(httpServer, { path: '/live' });

io.of('/admin').on('connection', (socket) => {
  socket.on('kick', async (user, reason, ack) => {
    await Promise.resolve();
    ack?.({ kicked: String(user), reason: String(reason) });
  });
  socket.on('status', function (callback) {
    callback('up');
  });
  socket.on('note', (...parts) => {
    void parts;
  });
});

export const detached = new Server();
detached.on('connection', (socket) => {
  socket.on('hello', (name) => socket.emit('hello', `hi ${String(name)}`));
});

export const guarded = new Server(createServer());
guarded.use((_socket, next) => next(new Error('not authorized')));
guarded.on('connection', (socket) => {
  socket.on('secret', () => {});
});

export const pollingOnly = new Server(createServer(), { transports: ['polling'] });

export const rooms = new Server(createServer());
rooms.of(/^\/room-\d+$/).on('connection', (socket) => {
  socket.on('say', (text, callback) => callback(`${socket.nsp.name}: ${String(text)}`));
});
