/**
 * An http.Server with several `ws` WebSocketServers, each with its own `path`.
 * ws 8 cannot attach two servers with `{ server, path }` to one http.Server (each
 * answers 400 to the other's upgrades), so, as ws's README shows, they are
 * `noServer` and the http.Server routes each upgrade to the one whose path matches.
 *
 * route            behaviour                                              verdict (errorType, minimal sequence)
 * /ws/echo         echoes text and binary exactly                         passed
 * /ws/parse        JSON.parse without try/catch (binary ignored)          server_error, [text ""]
 * /ws/drop         terminate() on an empty binary frame (1006)            server_error, [bytes <empty>]
 * anything else    upgrade refused with 404                               (not a route)
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const echo = new WebSocketServer({ noServer: true, path: '/ws/echo' });
echo.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});

const parse = new WebSocketServer({ noServer: true, path: '/ws/parse' });
parse.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary) return; // commands are JSON text; binary frames are ignored
    const command: unknown = JSON.parse(data.toString());
    socket.send(JSON.stringify({ received: command }));
  });
});

const drop = new WebSocketServer({ noServer: true, path: '/ws/drop' });
drop.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    // "An empty frame means the client is gone": dropped without a close frame.
    if (isBinary && (data as Buffer).length === 0) return socket.terminate();
    socket.send(data, { binary: isBinary });
  });
});

const server = http.createServer((_req, res) => {
  res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only');
});

server.on('upgrade', (req, socket, head) => {
  const wss = [echo, parse, drop].find((candidate) => candidate.shouldHandle(req));
  if (!wss) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

export default server;
