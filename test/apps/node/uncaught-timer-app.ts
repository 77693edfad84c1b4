/**
 * A job queue on `ws`, written as the ws README's "multiple servers sharing a single HTTP
 * server" example: `noServer` servers without a `path`, the upgrade routed by pathname, so
 * the routes are named with --ws-include. Each job runs a moment after it is queued, in a
 * timer, as work handed to the event loop does.
 *
 * route          behaviour                                                      verdict
 * /jobs          acks the job, then in a timer `JSON.parse(job).task.trim()`:   server_error, uncaught: true
 *                any job that is not JSON with a string task throws out of       (it would end the server
 *                the timer, where nothing catches it                             process)
 * /jobs-logged   the same work inside try/catch, the error logged with          server_error, no uncaught
 *                console.error and the job dropped                               (the process goes on)
 * /status        answers every message with the queue length                    passed
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const jobs = new WebSocketServer({ noServer: true });
const logged = new WebSocketServer({ noServer: true });
const status = new WebSocketServer({ noServer: true });
let queued = 0;

function run(job: string): string {
  return (JSON.parse(job) as { task: string }).task.trim();
}

jobs.on('connection', (ws) => {
  ws.on('error', console.error);
  ws.on('message', (data) => {
    queued++;
    ws.send('queued');
    setTimeout(() => {
      queued--;
      ws.send(`done: ${run(data.toString())}`);
    }, 5);
  });
});

logged.on('connection', (ws) => {
  ws.on('error', console.error);
  ws.on('message', (data) => {
    queued++;
    ws.send('queued');
    setTimeout(() => {
      queued--;
      try {
        ws.send(`done: ${run(data.toString())}`);
      } catch (err) {
        console.error(err);
      }
    }, 5);
  });
});

status.on('connection', (ws) => {
  ws.on('error', console.error);
  ws.on('message', () => ws.send(JSON.stringify({ queued })));
});

server.on('upgrade', (request, socket, head) => {
  const { pathname } = new URL(request.url ?? '/', 'ws://base.url');
  const wss = { '/jobs': jobs, '/jobs-logged': logged, '/status': status }[pathname];
  if (!wss) return socket.destroy();
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

export default server;
