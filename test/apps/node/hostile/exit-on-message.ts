/**
 * Hostile app (issue 15, item 3): a `ws` server whose handlers end the process, as a
 * worker written for a supervisor that restarts it might. In-process, a real exit would
 * end wsroutes with it (exit 0 = a green CI run with no report).
 *
 * route            behaviour                                              verdict (errorType, minimal sequence)
 * /ws/echo         echoes text and binary                                 passed
 * /ws/drain        an empty text message means "drain and shut down":     server_error, [text ""]
 *                  process.exit(0)
 * /ws/strict       a message that is not JSON is a fatal protocol error:  server_error, 1 message
 *                  logs it and process.exit(7)
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const echo = new WebSocketServer({ noServer: true });
const drain = new WebSocketServer({ noServer: true });
const strict = new WebSocketServer({ noServer: true });

server.on('upgrade', (req, socket, head) => {
  const wss = { '/ws/echo': echo, '/ws/drain': drain, '/ws/strict': strict }[req.url ?? ''];
  if (!wss) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

echo.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

drain.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === '') {
      console.log('drain requested, shutting down');
      ws.close(1001, 'shutting down');
      process.exit(0);
    }
    ws.send(data, { binary: isBinary });
  });
});

strict.on('connection', (ws) => {
  ws.on('message', (data) => {
    let command: unknown;
    try {
      command = JSON.parse(data.toString());
    } catch {
      console.log('protocol violation: message is not JSON');
      process.exit(7);
    }
    ws.send(JSON.stringify({ ok: true, command }));
  });
});

export default server;
