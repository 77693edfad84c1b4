/**
 * Hostile app (issue 27, item 1): handlers that fail after answering, as code that
 * finishes its work in the background does. The exception lands 150 ms after the
 * message, when the client may have closed and been judged already.
 *
 * route            behaviour                                              verdict
 * /ws/echo         echoes text and binary                                 passed
 * /ws/save         async handler: echoes, awaits 150 ms ("the write"),    server_error (the rejection's trace)
 *                  then rejects
 * /ws/notify       echoes, and a timer throws 150 ms later                server_error (the timer's trace)
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer } from 'ws';

const LATE_MS = 150;
const server = http.createServer();
const echo = new WebSocketServer({ noServer: true });
const save = new WebSocketServer({ noServer: true });
const notify = new WebSocketServer({ noServer: true });

server.on('upgrade', (req, socket, head) => {
  const wss = { '/ws/echo': echo, '/ws/save': save, '/ws/notify': notify }[req.url ?? ''];
  if (!wss) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

echo.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

save.on('connection', (ws) => {
  ws.on('message', async (data, isBinary) => {
    ws.send(data, { binary: isBinary });
    await sleep(LATE_MS);
    throw new Error('save failed: the store is read-only');
  });
});

notify.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    ws.send(data, { binary: isBinary });
    setTimeout(() => {
      throw new TypeError('notify failed: no subscriber list');
    }, LATE_MS);
  });
});

export default server;
