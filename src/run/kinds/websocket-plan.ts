/**
 * Which arbitrary a route is tested with: its protocol's sequences (protocols/: plain
 * messages with the user's strategies, events, literals and subprotocol offers; GraphQL
 * frames; Socket.IO emits; ...), and with --ws-max-clients above 1 multi-client scripts of
 * them where the protocol allows. The route's protocol is named first (`resolveProtocol`),
 * from its framework, the configuration or probe connections on the live route.
 */
import fc from 'fast-check';
import type { Options } from '../../config/options.js';
import type { Route } from '../../discovery/route.js';
import { pathParamsArb } from '../../generation/path-params.js';
import type { Example } from '../../generation/script.js';
import { exampleArb } from '../../generation/script.js';
import type { Sequence } from '../../generation/sequence.js';
import type { GraphqlProtocol } from '../../generation/graphql.js';
import { isGraphqlProtocol } from '../../generation/graphql.js';
import { type Probe, protocolOf, resolveProtocol } from '../../protocols/index.js';
import type { SequenceRunner } from '../judged-runners.js';

/** A route's arbitrary, and whether the JSON-to-text pass may rewrite its messages. */
export interface RoutePlan {
  arb: fc.Arbitrary<Sequence>;
  /** What exploration draws: `arb`, or with --ws-max-clients above 1 sequences and multi-client scripts. */
  examples: fc.Arbitrary<Example>;
  normalizable: boolean;
  graphql?: GraphqlProtocol;
}

export function routePlan(route: Route, options: Options): RoutePlan {
  const protocol = protocolOf(route);
  const plan = protocol.plan(route, options);
  // A script's clients are open at once: never more of them than --concurrency allows.
  const maxClients = Math.min(options.maxClients, options.concurrency ?? options.maxClients);
  const scripts = maxClients > 1 && plan.scripts;
  return {
    arb: plan.arb,
    normalizable: plan.normalizable,
    ...(isGraphqlProtocol(protocol.name) ? { graphql: protocol.name } : {}),
    examples: scripts ? exampleArb(plan.arb, { maxClients, maxMessages: options.maxMessages, twoUrls: route.params.length > 0 }) : plan.arb,
  };
}

/**
 * The route with its protocol named (protocols/index.ts), probing with the route's first drawn
 * parameters through the runner `runnerOf` gives for the route (or, for a probe elsewhere on the
 * server, for the route at the probe's `path`, or as the probe's Socket.IO namespace).
 */
export function routeWithProtocol(route: Route, options: Options, runnerOf: (route: Route) => SequenceRunner, seed: number): Promise<Route> {
  const params = firstParams(route, seed);
  const own = runnerOf(route);
  const probe: Probe = async ({ messages, offer, path, socketio, firstFrameMs, answer }) => {
    const elsewhere = path !== undefined || socketio !== undefined;
    const run = elsewhere ? runnerOf({ ...route, ...(path !== undefined ? { path } : {}), ...(socketio ? { socketio } : {}) }) : own;
    const seq: Sequence = {
      params,
      messages,
      closeCode: 1000,
      ...(offer ? { subprotocols: offer } : {}),
      ...(firstFrameMs ? { firstFrameMs } : {}),
      ...(answer ? { awaitReplies: true } : {}),
    };
    return (await run(seq, answer ? { stepwise: true, awaitAnswer: answer } : undefined)).transcript;
  };
  return resolveProtocol(route, options, probe);
}

/** Path parameters for probes: the route's first drawn values. */
export function firstParams(route: Route, seed: number): Record<string, string> {
  return fc.sample(pathParamsArb(route.params), { seed, numRuns: 1 })[0]!;
}
