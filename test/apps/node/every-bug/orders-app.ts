/**
 * An order desk on a bare `ws` server, as the ws README writes one. Its bugs:
 *
 * route          bug                                                          verdict
 * /ws/orders     JSON.parse on every message (text that is not JSON)          server_error SyntaxError
 *                an order without `items` (`order.items.length`)              server_error TypeError
 * /ws/greeter    greets a new client with the last thing anyone said,         server_error TypeError, only after an
 *                upper-cased: a message that parsed to a number or object      earlier connection sent one (history)
 *                breaks the next client's greeting
 * /ws/ticker     assumes one message at a time: two messages handled in the   server_error Error, only when messages
 *                same turn of the event loop throw                            arrive together (flaky on replay)
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const orders = new WebSocketServer({ noServer: true });
const greeter = new WebSocketServer({ noServer: true });
const ticker = new WebSocketServer({ noServer: true });

orders.on('connection', (socket) => {
  socket.on('message', (data) => {
    const order = JSON.parse(data.toString());
    socket.send(JSON.stringify({ accepted: order.items.length }));
  });
});

// What the last client said, parsed when it is JSON.
let lastSaid: unknown = 'nothing yet';

greeter.on('connection', (socket) => {
  socket.send(`welcome! last said: ${(lastSaid as string).toUpperCase()}`);
  socket.on('message', (data) => {
    const text = data.toString();
    try {
      lastSaid = JSON.parse(text);
    } catch {
      lastSaid = text;
    }
    socket.send('noted');
  });
});

ticker.on('connection', (socket) => {
  let busy = false;
  socket.on('message', (data) => {
    if (busy) throw new Error('a tick is already being processed');
    busy = true;
    setImmediate(() => {
      busy = false;
      socket.send(`tick ${data.toString().length}`);
    });
  });
});

server.on('upgrade', (request, socket, head) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const wss = pathname === '/ws/orders' ? orders : pathname === '/ws/greeter' ? greeter : pathname === '/ws/ticker' ? ticker : undefined;
  if (!wss) {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

server.listen(8080);
