/**
 * A handler that blocks the event loop for good on the text "spin" (any text, really:
 * it spins on every text message). In-process, it freezes wsroutes too.
 * route        behaviour                               expected outcome
 * /ws/frozen   `while (true) {}` on a text message     one line on stderr, process killed, port freed
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
new WebSocketServer({ server, path: '/ws/frozen' }).on('connection', (ws) => {
  ws.on('message', (_data, isBinary) => {
    if (!isBinary) for (;;) {
      // a parser that never advances
    }
  });
});
export default server;
