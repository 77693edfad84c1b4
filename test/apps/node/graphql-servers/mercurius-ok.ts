/**
 * mercurius.ts done right: the greeting names the channel only when the subscriber gave
 * one. Mercurius answers bad operations with `error` messages and nothing escapes.
 *
 * route      verdict
 * /graphql   passed
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
            payload: { notificationAdded: { id: 0, message: channel ? `Welcome to ${channel.toUpperCase()}` : 'Welcome' } },
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
