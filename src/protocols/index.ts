/**
 * The protocols wsroutes speaks on a WebSocket route, and how a route gets its own: the
 * framework adapter names it where it knows (a Socket.IO namespace, a GraphQL router), else
 * the configuration (`--graphql`, a subprotocol rule), else the wire: each protocol's
 * `detect` is tried in `DETECTED`'s order on the live route; a route none claims is plain.
 * Adding a protocol is one module of this folder, one line here, and a test app.
 */
import type { Options } from '../config/options.js';
import type { ProtocolName, Route } from '../discovery/route.js';
import { configuredGraphql, detectGraphql, graphqlTransportWs, graphqlWs } from './graphql.js';
import { nestWs } from './nest-ws.js';
import { plain } from './plain.js';
import type { Probe, Protocol } from './protocol.js';
import { detectNes, nes } from './nes.js';
import { socketio } from './socketio.js';
import { detectSocketio } from './socketio-detect.js';
import { detectTrpc, trpc } from './trpc.js';
import { detectYjs, yjs } from './yjs.js';

export type { Probe, Protocol, ProtocolPlan } from './protocol.js';

const PROTOCOLS: Record<ProtocolName, Protocol | undefined> = {
  plain,
  socketio,
  'graphql-transport-ws': graphqlTransportWs,
  'graphql-ws': graphqlWs,
  trpc,
  yjs,
  nes,
  'nest-ws': nestWs,
};

/**
 * Detectors in the order they are tried on a route of unknown protocol: each costs a probe
 * connection or two. Those that only listen go first (Yjs: a y-websocket server speaks
 * first; Socket.IO: an Engine.IO endpoint sends its open packet), then those that send a
 * message (nes' hello, tRPC's query for an unknown path).
 */
const DETECTED: Array<(route: Route, probe: Probe) => Promise<Route | undefined>> = [detectGraphql, detectYjs, detectSocketio, detectNes, detectTrpc];

/** The protocol a route runs with (plain until something names another). */
export function protocolOf(route: Route): Protocol {
  const name = route.protocol ?? (route.socketio ? 'socketio' : 'plain');
  return PROTOCOLS[name] ?? plain;
}

/**
 * The route with its protocol named: as the framework gave it, else as the configuration
 * says, else as the wire shows it, else plain.
 */
export async function resolveProtocol(route: Route, options: Options, probe: Probe): Promise<Route> {
  const named = await nameProtocol(route, options, probe);
  // What the live route then tells about itself (a GraphQL schema by introspection).
  return (await protocolOf(named).learn?.(named, options, probe)) ?? named;
}

async function nameProtocol(route: Route, options: Options, probe: Probe): Promise<Route> {
  if (route.protocol || route.socketio) return { ...route, protocol: route.protocol ?? 'socketio' };
  const configured = await configuredGraphql(route, options, probe);
  if (configured) return configured;
  for (const detect of DETECTED) {
    const found = await detect(route, probe);
    if (found) return found;
  }
  return { ...route, protocol: 'plain' };
}
