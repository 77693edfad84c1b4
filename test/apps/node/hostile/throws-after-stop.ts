/**
 * Hostile app (issue 27, item 1): its shutdown goes wrong. Once its server closes (the
 * run is over, wsroutes stops it), an interval throws on every tick: the exceptions land
 * while the summary is printed and the reports are written.
 *
 * route            behaviour                                              verdict
 * /ws/echo         echoes text and binary                                 passed; the reports are written, exit 0
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws/echo' });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

let closed = false;
server.on('close', () => {
  closed = true;
});
setInterval(() => {
  if (closed) throw new Error('shutdown failed: connections still open');
}, 1);

export default server;
