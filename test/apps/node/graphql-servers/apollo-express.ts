/**
 * Apollo Server 5 with subscriptions, as Apollo's "Subscriptions in Apollo Server" page sets
 * it up: an Express app served by `http.createServer(app)`, a `ws` WebSocketServer attached
 * to that http server on `/graphql`, graphql-ws's `useServer` on it, `expressMiddleware` for
 * queries and mutations over HTTP, and `httpServer.listen(4000)` at top level. Nothing is
 * exported: wsroutes finds the server the module starts.
 *
 * The planted bug is the docs' own `getDynamicContext`, which reads
 * `ctx.connectionParams.authentication`: a client whose connection_init carries no payload
 * (graphql-ws leaves `connectionParams` undefined then) makes every subscribe throw a
 * TypeError, which graphql-ws turns into a 4500 close. A subscribe after a connection_init
 * with a payload runs, and bad operations are answered with `error` messages (no failure).
 *
 * route      verdict
 * /graphql   server_error (4500, TypeError in getDynamicContext), after [connection_init, subscribe]
 */
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import cors from 'cors';
import express from 'express';
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
  if (ctx.connectionParams!.authentication) {
    return { currentUser: ctx.connectionParams!.authentication };
  }
  return { currentUser: null };
};

const serverCleanup = useServer({ schema, context: (ctx) => getDynamicContext(ctx) }, wsServer);

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
