/**
 * Hostile app (issue 27, item 23): the first message starts a helper process and then
 * blocks the event loop for good. wsroutes' freeze watchdog kills the process (exit
 * status 137), ending the app's children first, but it learned them from the main thread
 * once a second: a child spawned just before the freeze was unknown to it and outlived
 * the run.
 *
 * route          behaviour                                         verdict
 * /ws/freeze     first message: spawn('sleep', ['100']), then      the run ends (137)
 *                an endless synchronous loop
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws/freeze' });

wss.on('connection', (ws) => {
  ws.on('message', () => {
    spawn('sleep', ['100'], { stdio: 'ignore' });
    for (;;) {
      // frozen: the helper above was started a moment ago
    }
  });
});

export default server;
