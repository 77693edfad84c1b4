/**
 * An http.Server with two `ws` WebSocketServers, as the ws README's "Multiple servers
 * sharing a single HTTP/S server" writes it: `noServer`, the upgrade routed by pathname,
 * `server.listen(8080)`, nothing exported. The servers have no `path`, so the routes are
 * named with --ws-include /foo --ws-include /bar.
 *
 * route   behaviour                                          verdict (errorType, minimal sequence)
 * /foo    echoes every message                               passed
 * /bar    JSON.parse on every text message, no try/catch     server_error, [text ""]
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
const wss1 = new WebSocketServer({ noServer: true });
const wss2 = new WebSocketServer({ noServer: true });

wss1.on('connection', function connection(ws) {
  ws.on('error', console.error);
  ws.on('message', function message(data, isBinary) {
    ws.send(data, { binary: isBinary });
  });
});

wss2.on('connection', function connection(ws) {
  ws.on('error', console.error);
  ws.on('message', function message(data, isBinary) {
    if (isBinary) return;
    const msg = JSON.parse(data.toString());
    ws.send(JSON.stringify({ echo: msg }));
  });
});

server.on('upgrade', function upgrade(request, socket, head) {
  const { pathname } = new URL(request.url, 'wss://base.url');

  if (pathname === '/foo') {
    wss1.handleUpgrade(request, socket, head, function done(ws) {
      wss1.emit('connection', ws, request);
    });
  } else if (pathname === '/bar') {
    wss2.handleUpgrade(request, socket, head, function done(ws) {
      wss2.emit('connection', ws, request);
    });
  } else {
    socket.destroy();
  }
});

server.listen(8080);
