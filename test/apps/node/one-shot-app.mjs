/**
 * Conversations of one message, as small `ws` apps write them: the server greets, reads
 * one message, answers it and closes (`ws.close()`: no status code, 1005). That is the
 * route working, not a route refusing strangers.
 *
 * route         behaviour                                                  verdict
 * /hello        greets, reads a name, answers, closes                      passed (tested, never skipped)
 * /signup       greets, reads JSON {"name"}, answers name.trim(), closes   server_error (a message without a string name)
 * /members      closes 4401 at once unless a ?token= is given              skipped (credentials), as before
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const hello = new WebSocketServer({ noServer: true });
const signup = new WebSocketServer({ noServer: true });
const members = new WebSocketServer({ noServer: true });

hello.on('connection', (ws) => {
  ws.send('Hello! What is your name?');
  ws.once('message', (data) => {
    ws.send(`Nice to meet you, ${data}`);
    ws.close();
  });
});

signup.on('connection', (ws) => {
  ws.send('Welcome! Send {"name": "..."} to sign up.');
  ws.once('message', (data) => {
    const { name } = JSON.parse(data.toString());
    ws.send(`Signed up as ${name.trim()}`);
    ws.close();
  });
});

members.on('connection', (ws, request) => {
  const token = new URL(request.url, 'http://localhost').searchParams.get('token');
  if (!token) {
    ws.close(4401, 'token required');
    return;
  }
  ws.on('message', (data) => ws.send(data));
});

const routes = { '/hello': hello, '/signup': signup, '/members': members };
server.on('upgrade', (request, socket, head) => {
  const wss = routes[new URL(request.url, 'http://localhost').pathname];
  if (!wss) {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

export default server;
