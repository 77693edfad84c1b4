/**
 * Which arbitrary a route is tested with: the default messages (or the user's
 * strategies) with subprotocol offers, GraphQL-over-WebSocket sequences when a
 * rule, a `graphql` glob or a probe says the route speaks it, or emits of a
 * Socket.IO namespace's events. A route whose handlers dispatch on event names (NestJS
 * gateways) gets `{ event, data }` messages beside the default ones (generation/events.ts), and
 * one whose handler code compares messages with literals gets messages carrying them
 * (generation/literals.ts; not with the user's own strategies).
 */
import fc from 'fast-check';
import type { Options } from '../../config/options.js';
import { globMatch } from '../../discovery/filter.js';
import type { Route } from '../../discovery/route.js';
import { probeGraphqlProtocol } from './graphql-detect.js';
import type { SequenceRunner } from '../judged-runners.js';
import { eventMessageArb } from '../../generation/events.js';
import type { GraphqlProtocol } from '../../generation/graphql.js';
import { graphqlMessagesArb, isGraphqlProtocol } from '../../generation/graphql.js';
import { literalMessageArb } from '../../generation/literals.js';
import type { Message } from '../../generation/message.js';
import { pathParamsArb } from '../../generation/path-params.js';
import { socketioMessagesArb } from '../../generation/socketio.js';
import type { Example } from '../../generation/script.js';
import { exampleArb } from '../../generation/script.js';
import type { Sequence } from '../../generation/sequence.js';
import { sequenceArb } from '../../generation/sequence.js';
import { strategiesFor } from '../../generation/strategies.js';
import type { SubprotocolOffer } from '../../generation/subprotocols.js';
import { ruleFor, subprotocolOfferArb } from '../../generation/subprotocols.js';

/** A route's arbitrary, and whether the JSON-to-text pass may rewrite its messages. */
export interface RoutePlan {
  arb: fc.Arbitrary<Sequence>;
  /** What exploration draws: `arb`, or with --ws-max-clients above 1 sequences and multi-client scripts. */
  examples: fc.Arbitrary<Example>;
  normalizable: boolean;
  graphql?: GraphqlProtocol;
}

export interface GraphqlMode {
  protocol: GraphqlProtocol;
  offer: SubprotocolOffer;
}

export function routePlan(route: Route, options: Options, graphql: GraphqlMode | undefined): RoutePlan {
  const plan = sequencePlan(route, options, graphql);
  // Socket.IO emits and GraphQL frames are protocols of one connection: no scripts there.
  // A script's clients are open at once: never more of them than --concurrency allows.
  const maxClients = Math.min(options.maxClients, options.concurrency ?? options.maxClients);
  const scripts = maxClients > 1 && !route.socketio && !plan.graphql;
  return {
    ...plan,
    examples: scripts ? exampleArb(plan.arb, { maxClients, maxMessages: options.maxMessages, twoUrls: route.params.length > 0 }) : plan.arb,
  };
}

function sequencePlan(route: Route, options: Options, graphql: GraphqlMode | undefined): Omit<RoutePlan, 'examples'> {
  const base = { maxMessages: options.maxMessages, maxMessageSize: options.maxMessageSize, closeCodes: options.testCloseCodes };
  if (route.socketio) {
    const arb = sequenceArb(route, { ...base, messageList: socketioMessagesArb(route, options.maxMessages, options.maxMessageSize) });
    // Emits are Socket.IO packets: rewriting them as free text would leave the protocol.
    return { arb, normalizable: false };
  }
  if (graphql) {
    const arb = sequenceArb(route, {
      ...base,
      messageList: graphqlMessagesArb(graphql.protocol, options.maxMessages),
      subprotocols: fc.constant(graphql.offer),
    }).map((seq): Sequence => ({ ...seq, awaitReplies: true }));
    // GraphQL messages are protocol frames: rewriting them as free text would leave the protocol.
    return { arb, normalizable: false, graphql: graphql.protocol };
  }
  const strategies = strategiesFor(route.path);
  const events = strategies ? undefined : eventsOf(route, options);
  const arb = sequenceArb(route, {
    ...base,
    strategies,
    kinds: options.messageKinds,
    events,
    literals: strategies ? undefined : literalMessageArb(route.literals, { kinds: options.messageKinds, maxMessageSize: options.maxMessageSize }),
    subprotocols: subprotocolOfferArb(route.path, { validate: options.validateSubprotocols, rules: options.subprotocols }),
  });
  // The JSON-to-text pass would send text the route's own strategies (or --ws-message-kinds) never produce,
  // and would shrink an event message's envelope as free text instead of shrinking its data.
  return { arb, normalizable: !strategies && !events && (options.messageKinds?.includes('text') ?? true) };
}

/** `{ event, data }` messages for a route whose handlers dispatch on event names (JSON, so not when the kinds leave JSON out). */
function eventsOf(route: Route, options: Options): fc.Arbitrary<Message> | undefined {
  if (!route.events?.length || !(options.messageKinds?.includes('json') ?? true)) return undefined;
  return eventMessageArb(route.events, { maxMessageSize: options.maxMessageSize });
}

/**
 * GraphQL by configuration: a subprotocol rule offering a GraphQL protocol, or a
 * `graphql` glob, whose protocol is then probed (graphql-transport-ws by default).
 */
export async function configuredGraphql(route: Route, options: Options, run: SequenceRunner, seed: number): Promise<GraphqlMode | undefined> {
  const rule = ruleFor(options.subprotocols, route.path);
  const ruled = rule?.offer.find(isGraphqlProtocol);
  if (rule && ruled) return { protocol: ruled, offer: { offer: [...rule.offer], required: rule.required } };
  if (!options.graphql.some((g) => globMatch(g, route.path))) return undefined;
  const protocol = (await probeGraphqlProtocol(run, firstParams(route, seed))) ?? 'graphql-transport-ws';
  return { protocol, offer: { offer: [protocol], required: false } };
}

/** Path parameters for probes: the route's first drawn values. */
export function firstParams(route: Route, seed: number): Record<string, string> {
  return fc.sample(pathParamsArb(route.params), { seed, numRuns: 1 })[0]!;
}
