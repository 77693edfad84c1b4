/**
 * Hostile app (issue 27, item 3): it takes Ctrl-C and SIGTERM over, as apps with their
 * own graceful shutdown do, by removing every listener first (the host's included), at
 * start and again on each connection. Each connection spawns a helper process.
 *
 * route            behaviour                                              verdict
 * /ws/jobs         on connect: drops every SIGINT/SIGTERM listener and    passed; on Ctrl-C exit 130 with nothing left running
 *                  spawn('sleep 100'); echoes
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { WebSocketServer } from 'ws';

function takeSignalsOver(): void {
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
}
takeSignalsOver();

const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws/jobs' });
wss.on('connection', (ws) => {
  takeSignalsOver();
  spawn('sleep', ['100'], { stdio: 'ignore' }).on('error', () => {});
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

export default server;
