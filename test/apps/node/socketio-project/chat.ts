import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';

export function attachChat(httpServer: HttpServer): Server {
  const io = new Server(httpServer);
  io.on('connection', (socket) => {
    socket.on('hello', (name) => socket.emit('hello', `hi ${String(name)}`));
  });
  return io;
}
