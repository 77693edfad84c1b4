/**
 * A legacy subscriptions-transport-ws style server (subprotocol `graphql-ws`), written
 * by hand on `ws` as that package did it: connection_init -> connection_ack (+ ka),
 * start -> data... complete (or error), stop -> complete, connection_terminate ->
 * close without a status code. Like the original, a connection without the
 * subprotocol is closed with 1002, so wsroutes is told it is GraphQL (`graphql` glob).
 *
 * route            behaviour                                  verdict
 * /subscriptions   a correct legacy server                    passed (with graphql: ['/subscriptions'])
 */
import http from 'node:http';
import {
  GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse, subscribe, validate,
  type DocumentNode, type ExecutionResult,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';

const PROTOCOL = 'graphql-ws';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      greetings: {
        type: GraphQLString,
        subscribe: async function* () {
          for (const hi of ['Hi', 'Bonjour']) yield { greetings: hi };
        },
      },
    },
  }),
});

type Operation = AsyncGenerator<ExecutionResult>;

function handle(socket: WebSocket): void {
  const send = (msg: object): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };
  const operations = new Map<string, Operation>();
  let initialised = false;

  const stop = (id: string): void => {
    void operations.get(id)?.return(undefined);
    operations.delete(id);
  };

  async function start(id: string, payload: Record<string, unknown>): Promise<void> {
    if (typeof payload.query !== 'string') return send({ type: 'error', id, payload: { message: 'query must be a string' } });
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (err) {
      return send({ type: 'error', id, payload: { message: (err as Error).message } });
    }
    const errors = validate(schema, document);
    if (errors.length) return send({ type: 'error', id, payload: errors.map((e) => ({ message: e.message })) });
    const variableValues = payload.variables && typeof payload.variables === 'object' ? (payload.variables as Record<string, unknown>) : undefined;
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : undefined;
    const args = { schema, document, variableValues, operationName };
    const isSubscription = document.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'subscription');
    stop(id); // a start with a live id replaces that operation
    if (!isSubscription) {
      const result = await execute(args);
      send({ type: 'data', id, payload: result });
      return send({ type: 'complete', id });
    }
    const result = await subscribe(args);
    if (!(Symbol.asyncIterator in result)) return send({ type: 'data', id, payload: result });
    const iterator = result as AsyncGenerator<ExecutionResult>;
    operations.set(id, iterator);
    for await (const value of iterator) send({ type: 'data', id, payload: value });
    if (operations.get(id) === iterator) operations.delete(id);
    send({ type: 'complete', id });
  }

  socket.on('message', (data) => {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(data.toString());
      if (!msg || typeof msg !== 'object' || Array.isArray(msg)) throw new Error('Message must be an object');
    } catch (err) {
      return send({ type: 'error', payload: { message: (err as Error).message } });
    }
    const id = msg.id;
    switch (msg.type) {
      case 'connection_init':
        initialised = true;
        send({ type: 'connection_ack' });
        return send({ type: 'ka' });
      case 'connection_terminate':
        return socket.close();
      case 'start':
        if (typeof id !== 'string' || !id) return send({ type: 'error', payload: { message: 'start needs an id' } });
        if (!initialised) return send({ type: 'error', id, payload: { message: 'connection_init first' } });
        if (!msg.payload || typeof msg.payload !== 'object') return send({ type: 'error', id, payload: { message: 'start needs a payload' } });
        void start(id, msg.payload as Record<string, unknown>).catch((err: Error) => send({ type: 'error', id, payload: { message: err.message } }));
        return;
      case 'stop':
        if (typeof id === 'string') {
          stop(id);
          send({ type: 'complete', id });
        }
        return;
      default:
        return send({ type: 'error', id, payload: { message: 'Invalid message type!' } });
    }
  });
  socket.on('close', () => {
    for (const id of [...operations.keys()]) stop(id);
  });
}

const wss = new WebSocketServer({
  noServer: true,
  path: '/subscriptions',
  handleProtocols: (offered) => (offered.has(PROTOCOL) ? PROTOCOL : false),
});
wss.on('connection', (socket) => {
  if (socket.protocol !== PROTOCOL) return socket.close(1002);
  handle(socket);
});

const server = http.createServer((_req, res) => res.writeHead(426).end());
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {});
  if (!wss.shouldHandle(req)) return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

export default server;
