/**
 * GraphQL over WebSocket, in both subprotocols: graphql-ws' `graphql-transport-ws` and the
 * legacy subscriptions-transport-ws `graphql-ws` (generation/graphql.ts makes the frames).
 *
 * Detected on the wire: offer `graphql-transport-ws`, then `graphql-ws`, and take the first
 * one the server selects and keeps open (graphql-ws servers close 4406 on a connection
 * without their subprotocol; RFC 6455 section 4.2.2 leaves the choice to the server). A
 * server that also selects a token nobody speaks selects whatever it is offered: that is
 * no sign of GraphQL (and is the subprotocol_violation the plain protocol looks for).
 *
 * Handled errors are answers: an `error` message, a `next`/`data` whose payload carries
 * `errors`, and the spec's deliberate 44xx closes (4400 bad message, 4401, 4403, 4406,
 * 4409 duplicate id, 4429 too many inits ...). 4500 (an internal error) is not one.
 *
 * Operations come from the route's schema: the SDL its app's schema object gave
 * (`route.graphqlSchema`), else the answer to an introspection query sent over the route
 * itself on one probe connection (connection_init, then a subscribe/start of it); a server
 * that refuses introspection answers an error, and the route's literals then lend their
 * names to the generic documents.
 */
import fc from 'fast-check';
import type { Options } from '../config/options.js';
import { globMatch } from '../discovery/filter.js';
import type { Route } from '../discovery/route.js';
import type { HandledErrors } from '../execution/answers.js';
import { GRAPHQL_PROTOCOLS, type GraphqlOperations, type GraphqlProtocol, graphqlMessagesArb, isGraphqlProtocol } from '../generation/graphql.js';
import {
  answersIntrospection,
  INTROSPECTION_ID,
  introspectionPayload,
  schemaOf,
  schemaPayloadArb,
  sdlFromIntrospection,
} from '../generation/graphql-schema.js';
import type { Sequence } from '../generation/sequence.js';
import { sequenceArb } from '../generation/sequence.js';
import { ruleFor, type SubprotocolOffer } from '../generation/subprotocols.js';
import { jsonObjectFrame } from './json-frame.js';
import type { Probe, Protocol } from './protocol.js';
import { sequenceBase } from './sequence-base.js';

/** A subprotocol token no server speaks: a server that selects it echoes any offer. */
const NOBODY_SPEAKS = 'wsroutes-probe-unknown';

const answers: HandledErrors = {
  frame(data) {
    const m = jsonObjectFrame(data);
    if (!m) return false;
    const { type, payload } = m as { type?: unknown; payload?: unknown };
    // An `error` carries the operation's errors as its payload (graphql-transport-ws), one per field or rule.
    if (type === 'error' || type === 'connection_error') return Array.isArray(payload) && payload.length > 0 ? payload.length : 1;
    const errors = typeof payload === 'object' && payload !== null ? (payload as { errors?: unknown }).errors : undefined;
    return (type === 'next' || type === 'data') && Array.isArray(errors) ? errors.length : 0;
  },
  close: (code) => code >= 4400 && code <= 4499,
};

/** The offer a route of this protocol makes: the configured rule's, else the protocol's name. */
function offerOf(route: Route, options: Options, protocol: GraphqlProtocol): SubprotocolOffer {
  const rule = ruleFor(options.subprotocols, route.path);
  return rule?.offer.includes(protocol) ? { offer: [...rule.offer], required: rule.required } : { offer: [protocol], required: false };
}

/** The route's operations: from its schema when it has one that builds, else its literals' names. */
function operationsOf(route: Route): GraphqlOperations {
  const schema = route.graphqlSchema === undefined ? undefined : schemaOf(route.graphqlSchema);
  const operations = schema ? schemaPayloadArb(schema) : undefined;
  if (operations) return { operations };
  return { names: [...(route.literals?.keys ?? []), ...(route.literals?.strings ?? [])] };
}

/**
 * The route with its schema, by introspection over the route when its app did not give one:
 * the route as it was when the server refuses introspection (an error), answers something
 * else, or nothing.
 */
async function withSchema(route: Route, probe: Probe, protocol: GraphqlProtocol, options: Options): Promise<Route> {
  if (route.graphqlSchema !== undefined) return route;
  const operation = { id: INTROSPECTION_ID, type: protocol === 'graphql-ws' ? 'start' : 'subscribe', payload: introspectionPayload() };
  const t = await probe({
    // An empty payload, as clients that pass connectionParams send it: the probe asks for the schema, not for trouble.
    messages: [
      { type: 'json', data: { type: 'connection_init', payload: {} } },
      { type: 'json', data: operation },
    ],
    offer: offerOf(route, options, protocol),
    answer: answersIntrospection,
  });
  const sdl = t.answer === undefined ? undefined : sdlFromIntrospection(t.answer);
  return sdl === undefined ? route : { ...route, graphqlSchema: sdl };
}

function graphqlProtocol(name: GraphqlProtocol): Protocol {
  return {
    name,
    plan(route, options) {
      const arb = sequenceArb(route, {
        ...sequenceBase(options),
        messageList: graphqlMessagesArb(name, options.maxMessages, operationsOf(route)),
        subprotocols: fc.constant(offerOf(route, options, name)),
      }).map((seq): Sequence => ({ ...seq, awaitReplies: true }));
      // GraphQL messages are protocol frames: rewriting them as free text would leave the protocol.
      return { arb, normalizable: false, scripts: false };
    },
    learn: (route, options, probe) => withSchema(route, probe, name, options),
    answers,
  };
}

export const graphqlTransportWs = graphqlProtocol('graphql-transport-ws');
export const graphqlWs = graphqlProtocol('graphql-ws');

/**
 * Whether the server selects `protocol` when offered it alone and keeps the connection: one
 * that closes it with a code of its own before any message (graphql-ws' 4406; Mercurius'
 * 1002 after `ws` selected an offer its handler then refuses) did not take it. (The probe
 * closes with 1000 at once, so a refusal may cross our close: the code tells it apart.)
 */
async function selects(probe: Probe, protocol: string): Promise<boolean> {
  const t = await probe({ messages: [], offer: { offer: [protocol], required: false } });
  const close = t.serverClose;
  const refused = close !== undefined && (!close.answeredOurs || (close.frame && close.code !== 1000));
  return t.handshake.outcome === 'accepted' && t.handshake.subprotocol === protocol && !refused;
}

/** The GraphQL protocol the route's server selects, as the route runs with it; undefined when it selects neither. */
export async function detectGraphql(route: Route, probe: Probe): Promise<Route | undefined> {
  for (const protocol of GRAPHQL_PROTOCOLS) {
    if (!(await selects(probe, protocol))) continue;
    if (await selects(probe, NOBODY_SPEAKS)) return undefined;
    return { ...route, protocol };
  }
  return undefined;
}

/**
 * GraphQL by configuration: a subprotocol rule offering a GraphQL protocol, or a `graphql`
 * glob (`--graphql`), whose protocol is then probed (graphql-transport-ws when the server
 * selects neither). Undefined when the configuration says nothing about the route.
 */
export async function configuredGraphql(route: Route, options: Options, probe: Probe): Promise<Route | undefined> {
  const ruled = ruleFor(options.subprotocols, route.path)?.offer.find(isGraphqlProtocol);
  if (ruled) return { ...route, protocol: ruled };
  if (!options.graphql.some((g) => globMatch(g, route.path))) return undefined;
  for (const protocol of GRAPHQL_PROTOCOLS) if (await selects(probe, protocol)) return { ...route, protocol };
  return { ...route, protocol: 'graphql-transport-ws' };
}
