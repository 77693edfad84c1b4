/**
 * GraphQL over WebSocket with the graphql-ws server (protocol graphql-transport-ws)
 * on `ws`, one schema, two routes. Neither offers anything to a client without the
 * subprotocol: graphql-ws closes such connections with 4406, so wsroutes must
 * find the protocol itself.
 *
 * route          behaviour                                                        verdict
 * /graphql       onSubscribe writes an audit line with payload.operationName.trim(): server_error, 4500 and the
 *                a subscribe without an operation name (only reachable after         TypeError; shrunk to
 *                connection_init: before the ack graphql-ws closes 4401) throws     [connection_init, subscribe]
 * /graphql-ok    the same server without the audit line                           passed
 * /graphql-private  onConnect refuses connection_init (4403) unless the upgrade     skipped (connection_init refused
 *                carried `Authorization: Bearer let-me-in`                         with 4403) / passed with --auth
 * /graphql-acme  speaks only its own subprotocol, acme-graphql: closes every other   skipped (4406)
 *                connection with 4406, GraphQL ones included
 */
import http from 'node:http';
import { GraphQLError, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { hello: { type: GraphQLString, resolve: () => 'world' } },
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      greetings: {
        type: GraphQLString,
        subscribe: async function* () {
          for (const hi of ['Hi', 'Bonjour', 'Hola']) yield { greetings: hi };
        },
      },
      countdown: {
        type: GraphQLInt,
        args: { from: { type: GraphQLInt } },
        subscribe: async function* (_root: unknown, args: { from?: number | null }) {
          for (let i = Math.min(args.from ?? 3, 3); i >= 0; i--) yield { countdown: i };
        },
      },
    },
  }),
});

export const audit: string[] = [];

/**
 * graphql-ws parses the document itself when onSubscribe returns nothing, and a syntax
 * error then escapes as 4500: both routes parse first and answer an error message instead.
 */
function syntaxErrors(payload: SubscribePayload): readonly GraphQLError[] | undefined {
  try {
    parse(payload.query);
    return undefined;
  } catch (err) {
    return [err instanceof GraphQLError ? err : new GraphQLError(String(err))];
  }
}

const buggy = new WebSocketServer({ noServer: true, path: '/graphql' });
useServer(
  {
    schema,
    onSubscribe: (_ctx, id, payload) => {
      // The author's client always names its operations.
      audit.push(`${id}: ${(payload.operationName as string).trim()}`);
      return syntaxErrors(payload);
    },
  },
  buggy,
);

const ok = new WebSocketServer({ noServer: true, path: '/graphql-ok' });
useServer({ schema, onSubscribe: (_ctx, _id, payload) => syntaxErrors(payload) }, ok);

const privateRoute = new WebSocketServer({ noServer: true, path: '/graphql-private' });
useServer(
  {
    schema,
    onConnect: (ctx) => ctx.extra.request.headers.authorization === 'Bearer let-me-in',
    onSubscribe: (_ctx, _id, payload) => syntaxErrors(payload),
  },
  privateRoute,
);

const acme = new WebSocketServer({
  noServer: true,
  path: '/graphql-acme',
  handleProtocols: (offered) => (offered.has('acme-graphql') ? 'acme-graphql' : false),
});
acme.on('connection', (socket) => {
  if (socket.protocol !== 'acme-graphql') return socket.close(4406, 'Subprotocol not acceptable');
  socket.on('message', (data) => socket.send(data.toString()));
});

const server = http.createServer((_req, res) => res.writeHead(426).end());
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {});
  const wss = [buggy, ok, privateRoute, acme].find((candidate) => candidate.shouldHandle(req));
  if (!wss) return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

export default server;
