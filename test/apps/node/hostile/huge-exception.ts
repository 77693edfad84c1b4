/**
 * Hostile app (issue 27, item 12): every message makes the handler throw an Error with
 * a 20 MB message. Kept whole, the trace made every output (terminal, JSON, JUnit, HTML)
 * 20 MB and wsroutes use over a gigabyte.
 *
 * route          behaviour                                          verdict
 * /ws/huge       throws Error("payload rejected: " + 20 MB of "x")  server_error
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws/huge' });

wss.on('connection', (ws) => {
  ws.on('message', () => {
    throw new Error(`payload rejected: ${'x'.repeat(20_000_000)} (end of message)`);
  });
});

export default server;
