/**
 * Hostile server: answers every upgrade with a 101 status line, then sends its headers
 * one byte at a time, never finishing them. ws's handshakeTimeout is an idle timer, so
 * each byte resets it; only a deadline on the whole handshake ends such a connection.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface TrickleServer {
  port: number;
  /** Sockets still open on the server side. */
  openSockets(): number;
  close(): Promise<void>;
}

export async function startTrickleServer(byteEveryMs = 200): Promise<TrickleServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let timer: NodeJS.Timeout | undefined;
    socket.on('error', () => {});
    socket.once('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
    });
    socket.once('data', () => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\n');
      timer = setInterval(() => socket.write('X'), byteEveryMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    openSockets: () => sockets.size,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
