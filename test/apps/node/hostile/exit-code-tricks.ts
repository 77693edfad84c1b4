/**
 * Hostile app (issue 27, item 2): code that decides the process's exit status itself, as
 * a worker written for a supervisor might. Its exit listener forces status 0 ("we always
 * shut down cleanly"), and a route ends the process through `process.reallyExit`, the
 * call under `process.exit`, after spawning a helper process.
 *
 * route            behaviour                                              verdict
 * /ws/boom         any message: throws in the handler                   server_error (exit status 1, not the listener's 0)
 * /ws/halt         on connect: spawn('sleep 100'); an empty text message: server_error, [text ""]; nothing left running
 *                  process.reallyExit(0)
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { WebSocketServer } from 'ws';

process.on('exit', () => {
  process.exitCode = 0;
});

const server = http.createServer();
const boom = new WebSocketServer({ noServer: true });
const halt = new WebSocketServer({ noServer: true });

server.on('upgrade', (req, socket, head) => {
  const wss = { '/ws/boom': boom, '/ws/halt': halt }[req.url ?? ''];
  if (!wss) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

boom.on('connection', (ws) => {
  ws.on('message', () => {
    throw new Error('boom: the handler always fails');
  });
});

halt.on('connection', (ws) => {
  spawn('sleep', ['100'], { stdio: 'ignore' }).on('error', () => {});
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === '') (process as unknown as { reallyExit(code: number): never }).reallyExit(0);
    ws.send(data, { binary: isBinary });
  });
});

export default server;
