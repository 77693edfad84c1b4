/**
 * The schema of Apollo's subscriptions page: a number that a timer increments and a
 * subscription that publishes it, plus a mutation to set it and a message feed, on
 * graphql-subscriptions' PubSub. Shared by apollo-express.ts and apollo-express-ok.ts.
 */
import { PubSub } from 'graphql-subscriptions';

const pubsub = new PubSub();
let currentNumber = 0;
const posts: Array<{ author: string; comment: string }> = [];

export const typeDefs = `#graphql
  type Post {
    author: String
    comment: String
  }

  type Query {
    currentNumber: Int
    posts(limit: Int = 10): [Post]
  }

  type Mutation {
    createPost(author: String!, comment: String!): Post
  }

  type Subscription {
    numberIncremented: Int
    postCreated: Post
  }
`;

export const resolvers = {
  Query: {
    currentNumber: () => currentNumber,
    posts: (_: unknown, { limit }: { limit: number }) => posts.slice(-Math.max(0, limit)),
  },
  Mutation: {
    createPost: (_: unknown, post: { author: string; comment: string }) => {
      posts.push(post);
      void pubsub.publish('POST_CREATED', { postCreated: post });
      return post;
    },
  },
  Subscription: {
    numberIncremented: {
      subscribe: () => pubsub.asyncIterableIterator(['NUMBER_INCREMENTED']),
    },
    postCreated: {
      subscribe: () => pubsub.asyncIterableIterator(['POST_CREATED']),
    },
  },
};

function incrementNumber(): void {
  currentNumber++;
  void pubsub.publish('NUMBER_INCREMENTED', { numberIncremented: currentNumber });
  setTimeout(incrementNumber, 1000).unref();
}
incrementNumber();
