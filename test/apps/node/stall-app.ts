/**
 * A server that stops reading after accepting: no pong ever comes.
 * route       behaviour                         expected verdict
 * /ws/stall   pauses its socket on connect      timeout at message 0
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server, path: '/ws/stall' });
wss.on('connection', (ws) => {
  // Simulates a handler stuck in a synchronous loop elsewhere: the socket is never read again.
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
});
export default server;
