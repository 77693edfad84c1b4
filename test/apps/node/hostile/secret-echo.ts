/**
 * Hostile app (issue 27, items 4-7 and 9): echoes the handshake's secrets in the ways a
 * per-value, per-write redactor misses. Every route throws on the first message, so its
 * failure block prints last_response.
 *
 * route         sends back, then throws                                            item
 * /ws/binary    a binary frame `key:` + X-Token + `!` (printed as hex)             4
 * /ws/long      190 `x`, X-Token, 100 `y` (the 200-character preview cuts inside it) 5
 * /ws/bare      the bare token of `Authorization: Bearer TOKEN`, also in the error 6
 * /ws/fd        nothing; writes X-Token with fs.writeSync(1), (2) and fs.write(1)  7
 */
import { write, writeSync } from 'node:fs';
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer((_req, res) => res.writeHead(426).end());
const routes = ['/ws/binary', '/ws/long', '/ws/bare', '/ws/fd'].map((path) => new WebSocketServer({ noServer: true, path }));

server.on('upgrade', (req, socket, head) => {
  const wss = routes.find((w) => w.shouldHandle(req));
  if (!wss) return socket.destroy();
  const path = wss.options.path;
  wss.handleUpgrade(req, socket, head, (ws) => {
    const token = String(req.headers['x-token'] ?? '');
    const bare = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    ws.on('message', () => {
      if (path === '/ws/binary') ws.send(Buffer.from(`key:${token}!`), { binary: true });
      if (path === '/ws/long') ws.send(`${'x'.repeat(190)}${token}${'y'.repeat(100)}`);
      if (path === '/ws/bare') ws.send(`you are ${bare}`);
      if (path === '/ws/fd') {
        writeSync(1, `fd1 ${token}\n`);
        writeSync(2, Buffer.from(`fd2 ${token}\n`));
        write(1, `fd1 async ${token}\n`, () => undefined);
      }
      throw new Error(`rejected ${path === '/ws/bare' ? bare : 'frame'}`);
    });
  });
});

export default server;
