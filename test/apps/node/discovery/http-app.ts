/**
 * http.Server fixtures: WebSocketServers attached by `path` (one, and two: ws 8 lets
 * the first refuse every other path with 400, so only the first works, a real bug
 * wsroutes reports), and one that routes upgrades itself to a noServer WebSocketServer
 * (its routes come from --ws-include).
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

function withAttached(paths: string[]) {
  const server = createServer((_req, res) => res.end('http'));
  for (const path of paths) {
    new WebSocketServer({ server, path }).on('connection', (socket) => socket.send(path));
  }
  return server;
}

export const attachedServer = () => withAttached(['/ws/alpha']);
export const twoAttachedServers = () => withAttached(['/ws/alpha', '/ws/beta']);

export function routedServer() {
  const server = createServer((_req, res) => res.end('http'));
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (socket) => socket.send('manual'));
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/ws/manual')) wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    else socket.destroy();
  });
  return server;
}

/** A server whose listen fails (as with EADDRINUSE or EACCES). */
export function cannotListen() {
  const server = createServer();
  server.listen = function listen() {
    process.nextTick(() => server.emit('error', new Error('listen EACCES: permission denied 127.0.0.1')));
    return server;
  } as typeof server.listen;
  return server;
}
