import fc from 'fast-check';
import { buildSchema, executeSync, type GraphQLSchema, graphqlSync, parse, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import { graphqlMessagesArb } from './graphql.js';
import { operationPayloadArbOf } from './graphql-query.js';
import { answersIntrospection, INTROSPECTION_ID, introspectionPayload, schemaOf, schemaPayloadArb, sdlFromIntrospection } from './graphql-schema.js';

const SDL = /* GraphQL */ `
  enum Mood { HAPPY SAD }
  input Filter { mood: Mood, tags: [String!], nested: Filter, limit: Int! }
  interface Node { id: ID! }
  type User implements Node { id: ID! name: String friends(first: Int = 3): [User!]! mood: Mood }
  type Post implements Node { id: ID! title: String! author: User }
  union SearchResult = User | Post
  type Query {
    node(id: ID!): Node
    search(text: String!, filter: Filter): [SearchResult!]!
    users: [User]
  }
  type Mutation { createPost(title: String!, score: Float, draft: Boolean): Post }
  type Subscription {
    postCreated(authorId: ID): Post
    countdown(from: Int!): Int!
    moodChanged(filter: Filter!): User
  }
`;

type Payload = { query: string; variables?: Record<string, unknown>; operationName?: string };

function problems(schema: GraphQLSchema, p: Payload): string[] {
  const document = parse(p.query);
  const errors = validate(schema, document).map((e) => e.message);
  if (errors.length) return errors;
  // Executed with no resolvers (every field null): what fails is the variables' coercion.
  const result = executeSync({ schema, document, variableValues: p.variables ?? {}, operationName: p.operationName });
  return (result.errors ?? []).map((e) => e.message).filter((m) => !/^Cannot return null for non-nullable field/.test(m));
}

describe('operations from a schema', () => {
  const schema = schemaOf(SDL)!;
  const arb = schemaPayloadArb(schema)!;

  test('every drawn operation is valid on the schema, variables included', () => {
    fc.assert(
      fc.property(arb, (p) => {
        expect(problems(schema, p as Payload)).toEqual([]);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  test('they reach every root field of every operation type, with variables and inline arguments', () => {
    const drawn = fc.sample(arb, { numRuns: 600, seed: 3 }) as Payload[];
    const queries = drawn.map((p) => p.query);
    for (const field of ['node', 'search', 'users', 'createPost', 'postCreated', 'countdown', 'moodChanged']) {
      expect(
        queries.some((q) => q.includes(`{ ${field}`)),
        field,
      ).toBe(true);
    }
    expect(queries.some((q) => q.startsWith('subscription'))).toBe(true);
    expect(queries.some((q) => q.startsWith('mutation'))).toBe(true);
    expect(drawn.some((p) => p.variables && Object.keys(p.variables).length > 0)).toBe(true);
    expect(queries.some((q) => /countdown\(from: -?\d+\)/.test(q))).toBe(true);
    expect(queries.some((q) => q.includes('... on User'))).toBe(true);
    // Integers at the edges of Int.
    expect(drawn.some((p) => p.query.includes('2147483647') || Object.values(p.variables ?? {}).includes(2147483647))).toBe(true);
  });

  test('the same seed draws the same operations', () => {
    expect(fc.sample(arb, { numRuns: 50, seed: 11 })).toEqual(fc.sample(schemaPayloadArb(schemaOf(SDL)!)!, { numRuns: 50, seed: 11 }));
  });

  test('SDL that does not build gives no schema; a schema with no root field no operations', () => {
    expect(schemaOf('type Query {')).toBeUndefined();
    expect(schemaPayloadArb(buildSchema('scalar X'))).toBeUndefined();
  });

  test('GraphQL messages with the schema: most subscribes carry a valid operation, the malformed variants stay', () => {
    const seqs = fc.sample(graphqlMessagesArb('graphql-transport-ws', 10, { operations: arb }), { numRuns: 200, seed: 5 });
    const subscribes = seqs.flat().flatMap((m) => {
      const d = m.data as { type?: string; id?: unknown; payload?: unknown };
      return d && d.type === 'subscribe' && typeof d.id === 'string' && typeof d.payload === 'object' && d.payload !== null ? [d.payload as Payload] : [];
    });
    const valid = subscribes.filter((p) => {
      try {
        return typeof p.query === 'string' && problems(schema, p).length === 0;
      } catch {
        return false;
      }
    });
    expect(valid.length / subscribes.length).toBeGreaterThan(0.6);
    expect(valid.length).toBeLessThan(subscribes.length);
  });
});

describe('introspection over the route', () => {
  test('the answer to the introspection payload gives the schema back as SDL', () => {
    const schema = buildSchema(SDL);
    const result = graphqlSync({ schema, source: introspectionPayload().query });
    const frame = JSON.stringify({ id: INTROSPECTION_ID, type: 'next', payload: result });
    expect(answersIntrospection(frame)).toBe(true);
    const sdl = sdlFromIntrospection(frame)!;
    expect(sdl).toContain('countdown(from: Int!): Int!');
    expect(sdl).toContain('union SearchResult = User | Post');
  });

  test('an error, another id or a keep-alive is no schema', () => {
    const error = JSON.stringify({ id: INTROSPECTION_ID, type: 'error', payload: [{ message: 'introspection is disabled' }] });
    expect(answersIntrospection(error)).toBe(true);
    expect(sdlFromIntrospection(error)).toBeUndefined();
    expect(answersIntrospection(JSON.stringify({ id: '1', type: 'next', payload: {} }))).toBe(false);
    expect(answersIntrospection(JSON.stringify({ type: 'ka' }))).toBe(false);
    expect(answersIntrospection('not json')).toBe(false);
  });
});

describe('operations from literals', () => {
  test("the route's names come first in the vocabulary; names that are not GraphQL names are left out", () => {
    const drawn = fc.sample(operationPayloadArbOf(['postCreated', 'not a name', '']), { numRuns: 100, seed: 1 }) as Payload[];
    expect(drawn.filter((p) => typeof p.query === 'string' && p.query.includes('postCreated')).length).toBeGreaterThan(30);
    expect(drawn.some((p) => typeof p.query === 'string' && p.query.includes('not a name'))).toBe(false);
  });
});
