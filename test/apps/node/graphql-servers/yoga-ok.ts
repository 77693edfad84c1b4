/**
 * yoga.ts done right, as a careful user writes it from Yoga's graphql-ws recipe: the
 * countdown has a word for every step, and `onSubscribe` answers a query that does not parse
 * with an `error` message instead of throwing. Bad operations get `error` messages and
 * nothing escapes.
 *
 * route      verdict
 * /graphql   passed
 */
import { createServer } from 'node:http';
import { type DocumentNode, GraphQLError } from 'graphql';
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
                push({ countdown: (WORDS[n] ?? String(n)).toUpperCase() });
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

      let document: DocumentNode;
      try {
        document = parse(params.query);
      } catch (err) {
        return [err instanceof GraphQLError ? err : new GraphQLError(String(err))];
      }
      const args = {
        schema,
        operationName: params.operationName,
        document,
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
