/**
 * GraphQL Yoga with subscriptions over WebSocket, as Yoga's "Subscriptions" docs set it up
 * for graphql-ws: `createServer(yoga)`, a `ws` WebSocketServer on the same http server at
 * `yoga.graphqlEndpoint`, and graphql-ws's `useServer` whose `onSubscribe` runs each
 * operation through Yoga's envelop (`yoga.getEnveloped`). `httpServer.listen(4000)` at top
 * level; nothing exported.
 *
 * The planted bug: `countdown(from: Int!)` pushes its steps from a timer, as Yoga's docs
 * write subscriptions with a Repeater, and reads each step's word from a table of four,
 * assuming `from` never exceeds 3. From 4 up, `WORDS[n]` is undefined and the timer throws a
 * TypeError nothing catches: it would end the server process.
 * (The docs' `onSubscribe` also parses the query without a try: a syntax error closes 4500.)
 *
 * route      verdict
 * /graphql   server_error (uncaught TypeError in the countdown timer), after
 *            [connection_init, subscribe countdown(from: >3)]
 */
import { createServer } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { createSchema, createYoga, Repeater } from 'graphql-yoga';
import { WebSocketServer } from 'ws';

const WORDS = ['liftoff', 'one', 'two', 'three'];

const yoga = createYoga({
  schema: createSchema({
    typeDefs: /* GraphQL */ `
      type Query {
        hello: String
      }
      type Subscription {
        countdown(from: Int!): String!
        greetings: String!
      }
    `,
    resolvers: {
      Query: {
        hello: () => 'world',
      },
      Subscription: {
        countdown: {
          subscribe: (_, { from }: { from: number }) =>
            new Repeater(async (push, stop) => {
              let n = from;
              const tick = (): void => {
                if (n < 0) return void stop();
                push({ countdown: WORDS[n]!.toUpperCase() });
                n--;
              };
              setImmediate(tick);
              const timer = setInterval(tick, 1000);
              await stop;
              clearInterval(timer);
            }),
        },
        greetings: {
          subscribe: async function* () {
            for (const hi of ['Hi', 'Bonjour', 'Hola']) yield { greetings: hi };
          },
        },
      },
    },
  }),
  graphiql: {
    subscriptionsProtocol: 'WS',
  },
});

const httpServer = createServer(yoga);

const wsServer = new WebSocketServer({
  server: httpServer,
  path: yoga.graphqlEndpoint,
});

useServer(
  {
    execute: (args: any) => args.rootValue.execute(args),
    subscribe: (args: any) => args.rootValue.subscribe(args),
    onSubscribe: async (ctx, _id, params) => {
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        ...ctx,
        req: ctx.extra.request,
        socket: ctx.extra.socket,
        params,
      });

      const args = {
        schema,
        operationName: params.operationName,
        document: parse(params.query),
        variableValues: params.variables,
        contextValue: await contextFactory(),
        rootValue: {
          execute,
          subscribe,
        },
      };

      const errors = validate(args.schema, args.document);
      if (errors.length) return errors;
      return args;
    },
  },
  wsServer,
);

httpServer.listen(4000, () => {
  console.info('Server is running on http://localhost:4000/graphql');
});
