/**
 * graphql-ws on `ws` with introspection turned off, as production setups do: the
 * validation rules include graphql's NoSchemaIntrospectionCustomRule, so the introspection
 * query is answered with an `error` message. wsroutes then has no schema and builds its
 * documents from a field vocabulary and the route's literals.
 *
 * route      verdict
 * /graphql   server_error: stock graphql-ws closes 4500 on a document that does not parse
 *            (what matters here is the route's protocol and its missing schema)
 */
import { createServer } from 'node:http';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, NoSchemaIntrospectionCustomRule, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      greetings: {
        type: GraphQLString,
        subscribe: async function* () {
          for (const hi of ['Hi', 'Bonjour', 'Hola']) yield { greetings: hi };
        },
      },
    },
  }),
});

const server = createServer((_req, res) => res.writeHead(404).end());
const wsServer = new WebSocketServer({ server, path: '/graphql' });
useServer({ schema, validate: (s, document) => validate(s, document, [...specifiedRules, NoSchemaIntrospectionCustomRule]) }, wsServer);

server.listen(4000);
