/**
 * The bench target: a plain `ws` server with a correct echo route, a silent
 * sink route and a route with one planted crash (`/crash`). A factory, so the bench can start a second copy for the hand-written loop.
 */
import { createServer, type Server } from 'node:http';
import { WebSocketServer } from 'ws';

export default function createBenchServer(): Server {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const echo = new WebSocketServer({ noServer: true, path: '/echo' });
  const sink = new WebSocketServer({ noServer: true, path: '/sink' });
  // One planted crash: the handler assumes short messages.
  const crash = new WebSocketServer({ noServer: true, path: '/crash' });
  crash.on('connection', (ws) =>
    ws.on('message', (data) => {
      if (data.toString().length > 30) throw new Error('message too long');
      ws.send(data);
    }),
  );
  echo.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  sink.on('connection', (ws) => ws.on('message', () => {}));
  server.on('upgrade', (req, socket, head) => {
    const wss = [echo, sink, crash].find((w) => w.shouldHandle(req));
    if (!wss) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  return server;
}
