/**
 * A `ws` WebSocketServer that listens by itself, as the ws README's "Simple server" writes
 * it: `new WebSocketServer({ port: 8080 })`, nothing exported. Its one route is `/`.
 * It answers `{"type":"ping"}` and echoes other JSON commands, and reads `.type` of
 * whatever JSON.parse returns, so a `null` message throws.
 *
 * route   behaviour                                                  verdict (errorType, minimal sequence)
 * /       JSON.parse then .type: TypeError on null, SyntaxError on text  server_error, 1 message
 */
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', function connection(ws) {
  ws.on('error', console.error);

  ws.on('message', function message(data) {
    const command = JSON.parse(data.toString());
    if (command.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    else ws.send(JSON.stringify(command));
  });

  ws.send('something');
});
