/**
 * Mercurius with subscriptions, as its docs write them: a Fastify app, `mercurius`
 * registered with the schema, its resolvers and `subscription: true`, subscriptions on
 * Mercurius' own pubsub (`pubsub.subscribe(topic)`, `pubsub.publish({ topic, payload })`),
 * and `app.listen({ port: 3000 })` at top level; nothing exported. Mercurius serves both
 * GraphQL subprotocols on /graphql and runs only subscriptions over it; wsroutes reads the
 * schema from the app's `graphql` decorator.
 *
 * The planted bug: `notificationAdded(channel: String)` greets each new subscriber on its
 * channel from a `setImmediate`, upper-casing the channel's name; the channel is optional,
 * and without it `channel.toUpperCase()` throws a TypeError nothing catches (it would end
 * the server process).
 *
 * route      verdict
 * /graphql   server_error (uncaught TypeError in the greeting), after
 *            [connection_init, subscribe notificationAdded without a channel]
 */
import Fastify from 'fastify';
import mercurius, { type IResolvers } from 'mercurius';

const app = Fastify();

const schema = `
  type Notification {
    id: ID!
    message: String
  }

  type Query {
    notifications: [Notification]
  }

  type Mutation {
    addNotification(message: String): Notification
  }

  type Subscription {
    notificationAdded(channel: String): Notification
  }
`;

let idCount = 1;
const notifications = [{ id: idCount, message: 'Notification message' }];

const resolvers: IResolvers = {
  Query: {
    notifications: () => notifications,
  },
  Mutation: {
    addNotification: async (_, { message }: { message: string }, { pubsub }) => {
      const id = idCount++;
      const notification = { id, message };
      notifications.push(notification);
      await pubsub.publish({ topic: 'NOTIFICATION_ADDED', payload: { notificationAdded: notification } });
      return notification;
    },
  },
  Subscription: {
    notificationAdded: {
      subscribe: async (_, { channel }: { channel?: string | null }, { pubsub }) => {
        const subscription = await pubsub.subscribe('NOTIFICATION_ADDED');
        // Greet the new subscriber once it listens.
        setImmediate(() => {
          void pubsub.publish({
            topic: 'NOTIFICATION_ADDED',
            payload: { notificationAdded: { id: 0, message: `Welcome to ${channel!.toUpperCase()}` } },
          });
        });
        return subscription;
      },
    },
  },
};

app.register(mercurius, {
  schema,
  resolvers,
  subscription: true,
});

app.listen({ port: 3000 });
