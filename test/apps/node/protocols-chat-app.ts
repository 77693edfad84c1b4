/**
 * Routes that speak one protocol and close 1011 on anything else (the author trusts
 * the client): they pass only when wsroutes sends the shapes registered by
 * test/fixtures/setup/chat-strategies.ts.
 *
 * route          accepts                                                       verdict without / with the setup
 * /ws/chat       JSON {type: message|typing|presence, content: 1..500 chars,  server_error 1011 / passed
 *                timestamp: integer >= 0}, nothing else
 * /ws/binary     binary frames of exactly 4 bytes (a command)                  server_error 1011 / passed
 */
import http from 'node:http';
import { WebSocketServer, type RawData } from 'ws';

function isChatMessage(data: RawData, isBinary: boolean): boolean {
  if (isBinary) return false;
  let m: unknown;
  try {
    m = JSON.parse(data.toString());
  } catch {
    return false;
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) return false;
  const { type, content, timestamp, ...rest } = m as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    ['message', 'typing', 'presence'].includes(type as string) &&
    typeof content === 'string' && [...content].length >= 1 && [...content].length <= 500 &&
    Number.isInteger(timestamp) && (timestamp as number) >= 0
  );
}

const chat = new WebSocketServer({ noServer: true, path: '/ws/chat' });
chat.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (!isChatMessage(data, isBinary)) return socket.close(1011, 'unexpected message');
    socket.send(data.toString());
  });
});

const binary = new WebSocketServer({ noServer: true, path: '/ws/binary' });
binary.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (!isBinary || (data as Buffer).length !== 4) return socket.close(1011, 'bad command');
    socket.send(Buffer.from([0, 0, 0, 0]), { binary: true }); // ack
  });
});

const server = http.createServer((_req, res) => res.writeHead(426).end());
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {});
  const wss = [chat, binary].find((candidate) => candidate.shouldHandle(req));
  if (!wss) return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

export default server;
