/**
 * A Node http.Server with `ws` WebSocketServers attached, as the ws README's "multiple
 * servers sharing a single HTTP server" example: routes at several depths for the
 * fnmatch globs, and a chat route that wants a login message first.
 *
 * route                   behaviour                                                   verdict
 * /nested/ws/inner        echoes                                                      passed
 * /ws/admin/users/feed    echoes                                                      passed
 * /ws/feed                echoes                                                      passed
 * /ws/login               first message must be {"type":"login","token":WSR_LOGIN_TOKEN},  skipped (1008) without --ws-prelude;
 *                         else close 1008; after login, a message that is not a JSON  server_error with it
 *                         object with a string "text" crashes (TypeError)
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer((_req, res) => res.writeHead(426).end());

const servers: WebSocketServer[] = [];
for (const path of ['/nested/ws/inner', '/ws/admin/users/feed', '/ws/feed']) {
  const wss = new WebSocketServer({ noServer: true, path });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  servers.push(wss);
}

const login = new WebSocketServer({ noServer: true, path: '/ws/login' });
servers.push(login);
login.on('connection', (ws) => {
  let user: string | undefined;
  ws.on('message', (data) => {
    if (!user) {
      let hello: { type?: unknown; token?: unknown } = {};
      try {
        hello = JSON.parse(data.toString());
      } catch {
        // not JSON: refused below
      }
      if (hello?.type !== 'login' || hello.token !== process.env.WSR_LOGIN_TOKEN) return ws.close(1008, 'login first');
      user = 'alice';
      return ws.send(JSON.stringify({ type: 'welcome', user }));
    }
    // The planted bug: no check of the message's shape.
    const message = JSON.parse(data.toString()) as { text: string };
    ws.send(JSON.stringify({ from: user, text: message.text.toUpperCase() }));
  });
});

server.on('upgrade', (req, socket, head) => {
  const wss = servers.find((candidate) => candidate.shouldHandle(req));
  if (!wss) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

export default server;
