// ws WebSocketServer fixtures, plain ESM JavaScript: one attached to an http server
// that does not listen yet, one noServer, and a factory for one that listens by itself.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

function echo(wss) {
  wss.on('connection', (socket) => socket.on('message', (d) => socket.send(d.toString())));
  return wss;
}

export const attached = echo(new WebSocketServer({ server: createServer(), path: '/ws/attached' }));

export const detached = echo(new WebSocketServer({ noServer: true }));

export function selfListening() {
  return echo(new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/ws/self' }));
}
