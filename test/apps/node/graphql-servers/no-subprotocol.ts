/**
 * A hand-written graphql-transport-ws server that negotiates no subprotocol at all (it
 * selects none, whatever the client offers), as small servers behind a proxy that drops the
 * header end up: nothing on the wire says it speaks GraphQL, so only configuration
 * (`--graphql /graphql`) makes wsroutes speak it.
 *
 * The planted bug: a subscribe's document is parsed and its operation's name logged,
 * assuming every client names its operations; an unnamed one (`subscription { tick }`)
 * throws a TypeError out of the message handler. Plain messages never carry a document
 * that parses, so without `--graphql` the route passes.
 *
 * route      verdict
 * /graphql   passed (plain); with --graphql /graphql: server_error (TypeError), after
 *            [connection_init, subscribe of an unnamed operation]
 */
import { parse } from 'graphql';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 8080, path: '/graphql', handleProtocols: () => false });

export const operations: string[] = [];

wss.on('connection', (socket) => {
  let acknowledged = false;
  socket.on('message', (raw) => {
    let message: { type?: unknown; id?: unknown; payload?: { query?: unknown } };
    try {
      message = JSON.parse(String(raw));
    } catch {
      return socket.close(4400, 'Invalid message received');
    }
    if (typeof message !== 'object' || message === null) return socket.close(4400, 'Invalid message received');
    if (message.type === 'connection_init') {
      acknowledged = true;
      return socket.send(JSON.stringify({ type: 'connection_ack' }));
    }
    if (message.type === 'ping') return socket.send(JSON.stringify({ type: 'pong' }));
    if (message.type !== 'subscribe') return;
    if (!acknowledged) return socket.close(4401, 'Unauthorized');
    const { id, payload } = message;
    if (typeof id !== 'string' || typeof payload?.query !== 'string') return socket.close(4400, 'Invalid message received');
    let document: ReturnType<typeof parse>;
    try {
      document = parse(payload.query);
    } catch (err) {
      return socket.send(JSON.stringify({ id, type: 'error', payload: [{ message: (err as Error).message }] }));
    }
    const operation = document.definitions[0] as { name?: { value: string } };
    operations.push(operation.name!.value);
    socket.send(JSON.stringify({ id, type: 'next', payload: { data: { tick: 1 } } }));
    socket.send(JSON.stringify({ id, type: 'complete' }));
  });
});
