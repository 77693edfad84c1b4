/**
 * Hostile app (issue 15, item 3): a worker recycled after a number of sessions, as a
 * leaky service is kept alive: a timer, outside any connection, ends the process once 5
 * connections have been served. Its one route is healthy.
 *
 * route            behaviour                                              verdict
 * /ws/echo         echoes text and binary                                 passed
 * (timer)          process.exit(3) after the 5th connection               an orphan trace, not an exit
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const MAX_SESSIONS = 5;
let sessions = 0;

const recycle = setInterval(() => {
  if (sessions >= MAX_SESSIONS) {
    console.log(`served ${sessions} sessions, exiting for a restart`);
    clearInterval(recycle);
    process.exit(3);
  }
}, 20);

const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws/echo' });
wss.on('connection', (ws) => {
  sessions++;
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

export default server;
