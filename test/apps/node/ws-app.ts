/**
 * A bare `ws` WebSocketServer attached to an http.Server by `path` (not listening:
 * wsroutes listens on port 0 itself). One route, with one bug.
 *
 * route            behaviour                                              verdict (errorType, minimal sequence)
 * /ws/sanitize     echoes; sanitize() throws on NUL in text               server_error, [text "\u0000"]
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

/** Strips control characters; the author thought a NUL could only come from an attacker. */
function sanitize(text: string): string {
  if (text.includes('\u0000')) throw new Error('NUL byte in message');
  return text.replace(/[\u0001-\u0008\u000b-\u001f]/g, '');
}

const wss = new WebSocketServer({ server: http.createServer(), path: '/ws/sanitize' });

wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary) socket.send(data, { binary: true });
    else socket.send(sanitize(data.toString()));
  });
});

export default wss;
