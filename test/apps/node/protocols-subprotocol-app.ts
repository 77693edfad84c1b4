/**
 * Subprotocol negotiation done right and wrong, on `ws`.
 *
 * route             behaviour                                                        verdict
 * /ws/negotiates    selects the first offered protocol it speaks (chat, json), else  passed
 *                   none (RFC 6455 section 4.2.2)
 * /ws/fixed         always answers "v2.legacy", offered or not (a hard-coded header)  subprotocol_violation
 * /ws/ignores       never selects one, even when the client offers only its own      subprotocol_violation when a rule
 *                   protocol                                                          says chat.v2 is required; else passed
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const echo = (socket: WebSocket): void => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
};

const negotiates = new WebSocketServer({
  noServer: true,
  path: '/ws/negotiates',
  handleProtocols: (offered) => [...offered].find((p) => p === 'chat' || p === 'json') ?? false,
});
const fixed = new WebSocketServer({ noServer: true, path: '/ws/fixed', handleProtocols: () => false });
// Written before the negotiation existed: the header is always added.
fixed.on('headers', (headers) => headers.push('Sec-WebSocket-Protocol: v2.legacy'));
const ignores = new WebSocketServer({ noServer: true, path: '/ws/ignores', handleProtocols: () => false });
for (const wss of [negotiates, fixed, ignores]) wss.on('connection', echo);

const server = http.createServer((_req, res) => res.writeHead(426).end());
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {});
  const wss = [negotiates, fixed, ignores].find((candidate) => candidate.shouldHandle(req));
  if (!wss) return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

export default server;
