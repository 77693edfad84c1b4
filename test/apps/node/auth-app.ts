/**
 * Two routes that want a credential: `WSR_AUTH_SECRET` from the environment, as a
 * bearer token, an `X-Api-Key` header or a `token` query parameter (any of the three).
 *
 * route            behaviour without the credential                      verdict without --auth / with it
 * /ws/private      upgrade refused with HTTP 401                         handshake_rejected / passed
 * /ws/after        accepts, then closes 4401 before reading anything     skipped (4401)      / passed
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

function authorised(req: http.IncomingMessage): boolean {
  const secret = process.env.WSR_AUTH_SECRET;
  if (!secret) return false;
  const query = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
  return req.headers.authorization === `Bearer ${secret}` || req.headers['x-api-key'] === secret || query === secret;
}

const privateRoute = new WebSocketServer({ noServer: true, path: '/ws/private' });
const afterRoute = new WebSocketServer({ noServer: true, path: '/ws/after' });
for (const wss of [privateRoute, afterRoute]) {
  wss.on('connection', (socket, req) => {
    if (!authorised(req)) return socket.close(4401, 'unauthorized');
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
}

const server = http.createServer((_req, res) => res.writeHead(426).end());

server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {}); // a client that hangs up on our 401/404 is not our error
  const wss = [privateRoute, afterRoute].find((candidate) => candidate.shouldHandle(req));
  if (!wss) return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  if (wss === privateRoute && !authorised(req)) {
    return socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

export default server;
