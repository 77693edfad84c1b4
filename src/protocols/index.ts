/**
 * The protocols wsroutes speaks on a WebSocket route, and how a route gets its own: the
 * framework adapter names it where it knows (a Socket.IO namespace, a GraphQL router), else
 * the configuration (`--graphql`, a subprotocol rule), else the wire: each protocol's
 * `detect` is tried in `DETECTED`'s order on the live route; a route none claims is plain.
 * Adding a protocol is one module of this folder, one line here, and a test app.
 */
import type { Options } from '../config/options.js';
import { appSourceTexts } from '../targets/app-sources.js';
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
const DETECTED: Detector[] = [
  { detect: detectGraphql },
  { detect: detectYjs },
  { detect: detectSocketio },
  { detect: detectNes, library: '@hapi/nes' },
  { detect: detectTrpc, library: '@trpc/server' },
];

/**
 * A detector, and the library whose protocol it probes for when that protocol is one
 * library's own. Such a probe sends a message a plain route would take as its input (a chat
 * would broadcast nes' hello), which no report's history shows: where the app's source is
 * there, it is sent only when the source names the library; with `--url`, always.
 */
interface Detector {
  detect: (route: Route, probe: Probe) => Promise<Route | undefined>;
  library?: string;
}

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
  // No source with --url: every detector may probe.
  const source = options.app ? appSourceTexts(options) : undefined;
  for (const { detect, library } of DETECTED) {
    if (library && source && !source.some((text) => text.includes(library))) continue;
    const found = await detect(route, probe);
    if (found) return found;
  }
  return { ...route, protocol: 'plain' };
}
