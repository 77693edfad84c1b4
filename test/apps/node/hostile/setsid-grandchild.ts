/**
 * Hostile app (issue 27, item 22): the first connection starts a shell that puts a job
 * in a session of its own (`setsid sleep 100 &`) and exits, with wsroutes' own stdout
 * and stderr inherited, as a script that daemonises a helper does. The job's parent is
 * then init and its group its own: the reaper, which followed groups and descent, never
 * saw it, it outlived the run, and it held wsroutes' stdout open (`wsroutes | cat` never
 * ended).
 *
 * route          behaviour                                           verdict
 * /ws/echo       first connection: sh -c 'setsid sleep 100 &'; echoes  passed
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws/echo' });
let started = false;

wss.on('connection', (ws) => {
  if (!started) {
    started = true;
    spawn('sh', ['-c', 'setsid sleep 100 &'], { stdio: 'inherit' });
  }
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

export default server;
