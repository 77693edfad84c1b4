/**
 * Hostile app (issue 27, item 10) for `--url http://user:PASSWORD@host`: closes 1011 on
 * the first message, so the run fails and prints its target, reproduce line and URLs,
 * each of which could carry the URL's password.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer((_req, res) => res.writeHead(426).end());
const wss = new WebSocketServer({ server, path: '/ws/close' });
wss.on('connection', (ws) => ws.on('message', () => ws.close(1011, 'internal error')));

export default server;
