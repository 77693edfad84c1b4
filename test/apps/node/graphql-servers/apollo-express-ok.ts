/**
 * apollo-express.ts done right, as a careful user writes it: the context reads the
 * connection's params only when the client sent some, and `onSubscribe` answers a query
 * that does not parse with an `error` message (graphql-ws would otherwise close 4500 on it).
 * Bad operations get `error` messages and nothing escapes.
 *
 * route      verdict
 * /graphql   passed
 */
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import cors from 'cors';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { resolvers, typeDefs } from './apollo-schema.js';

const schema = makeExecutableSchema({ typeDefs, resolvers });

const app = express();
const httpServer = createServer(app);

const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });

// As the docs write it: the context of each subscription comes from the connection's params.
const getDynamicContext = async (ctx: Context<{ authentication?: string }>) => {
  if (ctx.connectionParams?.authentication) {
    return { currentUser: ctx.connectionParams.authentication };
  }
  return { currentUser: null };
};

const serverCleanup = useServer(
  {
    schema,
    context: (ctx) => getDynamicContext(ctx),
    onSubscribe: (_ctx, _id, payload) => {
      try {
        parse(payload.query);
        return undefined;
      } catch (err) {
        return [err instanceof GraphQLError ? err : new GraphQLError(String(err))];
      }
    },
  },
  wsServer,
);

const server = new ApolloServer({
  schema,
  plugins: [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    {
      async serverWillStart() {
        return {
          async drainServer() {
            await serverCleanup.dispose();
          },
        };
      },
    },
  ],
});

await server.start();
app.use('/graphql', cors<cors.CorsRequest>(), express.json(), expressMiddleware(server));

const PORT = 4000;
httpServer.listen(PORT, () => {
  console.log(`Server is now running on http://localhost:${PORT}/graphql`);
});
