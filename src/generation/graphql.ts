/**
 * GraphQL over WebSocket messages, sent as JSON text frames: the graphql-ws
 * protocol (`graphql-transport-ws`: connection_init, subscribe, ping, pong,
 * complete) and the legacy subscriptions-transport-ws one (`graphql-ws`:
 * connection_init, start, stop, connection_terminate). A sequence usually opens
 * with connection_init; ids come from a pool of three so duplicate subscribes and
 * completes of live ids happen; malformed variants (missing id, wrong types,
 * unknown type, not an object) come up too. Operations come from the route's schema when it
 * is known (graphql-schema.ts: valid ones, beside the generic documents of graphql-query.ts),
 * else from a vocabulary of common field names and the route's literals.
 */
import fc from 'fast-check';
import { graphqlNameArb, operationPayloadArb, operationPayloadArbOf } from './graphql-query.js';
import { jsonArb } from './json.js';
import type { Message } from './message.js';

export type GraphqlProtocol = 'graphql-transport-ws' | 'graphql-ws';
export const GRAPHQL_PROTOCOLS: readonly GraphqlProtocol[] = ['graphql-transport-ws', 'graphql-ws'];

export function isGraphqlProtocol(p: string): p is GraphqlProtocol {
  return (GRAPHQL_PROTOCOLS as readonly string[]).includes(p);
}

type Json = fc.JsonValue;

const idArb = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('1', '2', '3') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const smallObjectArb = fc.dictionary(graphqlNameArb, jsonArb({ maxDepth: 1, deepDepth: 3 }), { maxKeys: 2 });

const initArb: fc.Arbitrary<Json> = fc.record({ type: fc.constant('connection_init'), payload: smallObjectArb }, { requiredKeys: ['type'] });

/** Shapes both protocols refuse: each a single misstep from a valid message. */
function malformedArb(operationType: string): fc.Arbitrary<Json> {
  return fc.oneof<fc.Arbitrary<Json>[]>(
    fc.record({ type: fc.constant(operationType), payload: operationPayloadArb }), // missing id
    fc.record({ id: fc.integer(), type: fc.constant(operationType), payload: operationPayloadArb }), // id not a string
    fc.record({ id: idArb, type: fc.constant(operationType), payload: fc.constantFrom<Json>(null, 'query', []) }),
    fc.record({ id: idArb, type: fc.constant(operationType), payload: fc.record({ query: fc.oneof(fc.integer(), fc.constant(null)) }) }),
    fc.record({
      id: idArb,
      type: fc.constant(operationType),
      payload: fc.record({ query: fc.constant('{ id }'), variables: fc.constantFrom<Json>('x', [1]) }),
    }),
    fc.record(
      { type: fc.oneof(fc.constantFrom('start', 'subscribe', 'next', 'data', 'ka', 'connection_ack', 'error'), graphqlNameArb), id: idArb },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.oneof(fc.integer(), fc.constant(null)) }),
    fc.constantFrom<Json>(null, [], 'connection_init', {}, 0),
  );
}

function transportMessageArb(payload: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ id: idArb, type: fc.constant('subscribe'), payload }) },
    { weight: 2, arbitrary: fc.record({ id: idArb, type: fc.constant('complete') }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('ping'), payload: smallObjectArb }, { requiredKeys: ['type'] }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('pong'), payload: smallObjectArb }, { requiredKeys: ['type'] }) },
    { weight: 1, arbitrary: initArb },
    { weight: 2, arbitrary: malformedArb('subscribe') },
  );
}

function legacyMessageArb(payload: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ id: idArb, type: fc.constant('start'), payload }) },
    { weight: 2, arbitrary: fc.record({ id: idArb, type: fc.constant('stop') }) },
    { weight: 1, arbitrary: initArb },
    { weight: 1, arbitrary: fc.constant<Json>({ type: 'connection_terminate' }) },
    { weight: 2, arbitrary: malformedArb('start') },
  );
}

/**
 * Where a route's operations come from: `operations`, payloads of valid operations on its
 * schema (graphql-schema.ts), drawn four times in five beside the generic documents; `names`,
 * field names the route's code mentions (its literals), mixed into the generic vocabulary
 * when there is no schema.
 */
export interface GraphqlOperations {
  operations?: fc.Arbitrary<Json>;
  names?: readonly string[];
}

function payloadArb(from: GraphqlOperations = {}): fc.Arbitrary<Json> {
  const generic = from.names?.length ? operationPayloadArbOf(from.names) : operationPayloadArb;
  return from.operations ? fc.oneof({ weight: 4, arbitrary: from.operations }, { weight: 1, arbitrary: generic }) : generic;
}

/** One message of the protocol, any position. */
export function graphqlMessageArb(protocol: GraphqlProtocol, from?: GraphqlOperations): fc.Arbitrary<Message> {
  const payload = payloadArb(from);
  return (protocol === 'graphql-ws' ? legacyMessageArb(payload) : transportMessageArb(payload)).map((data): Message => ({ type: 'json', data }));
}

/** The first message a client of either protocol sends. */
export const connectionInit: Message = { type: 'json', data: { type: 'connection_init' } };

/**
 * A whole sequence: connection_init first four times in five, then up to
 * maxMessages - 1 messages. Shrinking drops the init only when the failure does not need it.
 */
export function graphqlMessagesArb(protocol: GraphqlProtocol, maxMessages: number, from?: GraphqlOperations): fc.Arbitrary<Message[]> {
  const max = Math.max(1, maxMessages);
  return fc
    .tuple(fc.nat({ max: 4 }), initArb, fc.array(graphqlMessageArb(protocol, from), { maxLength: Math.max(1, max - 1) }))
    .map(([n, init, rest]) => (n > 0 ? [{ type: 'json', data: init } as Message, ...rest] : rest).slice(0, max));
}

/** A message the server owes a reply to before the client goes on (connection_ack). */
export function owesReply(m: Message): boolean {
  return m.type === 'json' && typeof m.data === 'object' && m.data !== null && !Array.isArray(m.data) && m.data.type === 'connection_init';
}
