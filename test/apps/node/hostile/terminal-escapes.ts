/**
 * Hostile app (issue 27, item 11): app-supplied text carrying terminal control
 * sequences. Printed raw, `ESC ] 0 ; ... BEL` retitles the user's terminal, `ESC [ 2 J`
 * clears it and `ESC [ 2 K` + `CR` hide the line they sit on.
 *
 * route                     behaviour                                        verdict
 * /ws/boom                  throws an Error whose message holds the sequences server_error
 * /ws/close                 closes 1011 with the sequences as the reason     server_error
 * /ws/<sequences>           its path holds them (the client cannot reach it) handshake failure
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

export const SEQUENCES = '\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[2K\r\x9b31m';

const server = http.createServer();
const boom = new WebSocketServer({ noServer: true, path: '/ws/boom' });
const close = new WebSocketServer({ noServer: true, path: '/ws/close' });
const titled = new WebSocketServer({ noServer: true, path: `/ws/${SEQUENCES}` });

server.on('upgrade', (req, socket, head) => {
  const wss = [boom, close, titled].find((w) => w.shouldHandle(req));
  if (!wss) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

boom.on('connection', (ws) => {
  ws.on('message', () => {
    throw new Error(`bad frame ${SEQUENCES}hidden`);
  });
});

close.on('connection', (ws) => {
  ws.on('message', () => ws.close(1011, SEQUENCES));
});

export default server;
