/**
 * Socket.IO detected on the wire, for a route whose server wsroutes cannot read: `--url`, an
 * opaque ASGI app, a Socket.IO server mounted where no adapter looks. A route that accepts the
 * handshake costs one probe connection; one that refuses it up to four, each opened and
 * closed without a message but the namespace join's:
 *
 * 1. The route's own path as an Engine.IO endpoint (`<path>?EIO=4&transport=websocket`): an
 *    Engine.IO server's first frame is its open packet, `0{"sid":"...",...}`, which nothing
 *    else sends (or, refused there, `<path>/`: Node's engine.io answers only below the
 *    slash). Then the route is that endpoint's default namespace `/`. A route that
 *    accepts the handshake without one is a WebSocket route of its own: never claimed.
 * 2. A route only `--ws-include` named (`--url`, an app that routes upgrades itself) whose
 *    path refuses the handshake (an HTTP status), on a server whose default
 *    endpoint (`/socket.io/`) opens Engine.IO and joins the path as a namespace there (a
 *    probe as a Socket.IO client: `--ws-include /chat`). A namespace the server does
 *    not have answers `connect_error`: the route stays as it was (its refused handshake).
 *
 * The namespace's events are what its source compares messages with (`route.literals`), where
 * wsroutes had the source; else only generated event names are emitted, without acks.
 */
import type { Route, SocketIoRoute } from '../discovery/route.js';
import { ENGINE_IO_QUERY } from '../execution/socketio-framing.js';
import { CONNECT_ERROR_CLOSE } from '../execution/socketio-socket.js';
import type { Transcript } from '../execution/transcript.js';
import type { Message } from '../generation/message.js';
import { RESERVED_EVENTS } from '../generation/socketio.js';
import type { Probe } from './protocol.js';

/** Where Socket.IO servers listen unless told otherwise (`path` in Node, `socketio_path` in Python). */
export const DEFAULT_ENDPOINT = '/socket.io/';

/**
 * How long an Engine.IO probe waits for the open packet (it comes at once: Node's before the
 * upgrade's answer is read, Python's a few event-loop turns after the accept). A silent plain
 * route costs this once per run.
 */
const FIRST_FRAME_MS = 300;

/** Longest literal taken for an event name: longer strings are messages, not names. */
const MAX_EVENT_NAME = 64;

/** `/chat` -> `/chat?EIO=4&transport=websocket` (a query the path already has is kept). */
export function engineIoProbePath(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${ENGINE_IO_QUERY}`;
}

/** Whether the last frame the server sent is an Engine.IO open packet (`0{"sid":...}`). */
export function opensEngineIo(t: Transcript): boolean {
  const last = t.received.last;
  if (t.handshake.outcome !== 'accepted' || last?.type !== 'text' || !last.preview.startsWith('0{')) return false;
  // The preview is cut at a few hundred characters: the sid comes first in every server's packet.
  const sid = /^0\{\s*"sid"\s*:\s*"([^"]+)"/.exec(last.preview);
  return sid !== null;
}

/** Event names from the route's literals: strings that can name an event. */
export function eventsFromLiterals(route: Route): string[] {
  const strings = route.literals?.strings ?? [];
  return [...new Set(strings.filter((s) => s.length > 0 && s.length <= MAX_EVENT_NAME && !RESERVED_EVENTS.has(s)))];
}

function asSocketio(route: Route, socketio: SocketIoRoute): Route {
  const events = eventsFromLiterals(route);
  return { ...route, protocol: 'socketio', socketio, ...(events.length ? { events } : {}) };
}

/** The route as a Socket.IO namespace, when the wire shows one; undefined otherwise. */
export async function detectSocketio(route: Route, probe: Probe): Promise<Route | undefined> {
  // A route its framework listed is that framework's: Socket.IO servers in the app are found by
  // their own adapters (Node's socket.io, python-socketio), so only a route named by
  // --ws-include or found by probing may be an Engine.IO endpoint nobody listed. Each probe
  // here waits for a first frame, a cost no framework route should pay.
  if (route.discoveredBy === 'framework') return undefined;
  const own = await probe({ messages: [], path: engineIoProbePath(route.path), firstFrameMs: FIRST_FRAME_MS });
  if (opensEngineIo(own)) return asSocketio(route, { namespace: '/', endpoint: route.path, acks: [] });
  // A route that answers the handshake itself is its own; one the network failed says nothing;
  // no namespace has path parameters.
  if (own.handshake.outcome === 'accepted' || own.handshake.status === undefined) return undefined;
  // Clients always ask for the endpoint with its trailing slash, and Node's engine.io answers only that.
  if (!route.path.endsWith('/') && route.params.length === 0) {
    const slashed = `${route.path}/`;
    if (opensEngineIo(await probe({ messages: [], path: engineIoProbePath(slashed), firstFrameMs: FIRST_FRAME_MS }))) {
      return asSocketio(route, { namespace: '/', endpoint: slashed, acks: [] });
    }
  }
  // Only a path `--ws-include` alone named can be a namespace: a route its framework found is
  // that route, whose failed handshake must be tested as such (a server taking any namespace
  // would join it too).
  if (route.discoveredBy !== 'include' || route.params.length > 0 || !route.path.startsWith('/')) return undefined;
  if (!opensEngineIo(await probe({ messages: [], path: engineIoProbePath(DEFAULT_ENDPOINT), firstFrameMs: FIRST_FRAME_MS }))) return undefined;
  const socketio: SocketIoRoute = { namespace: route.path, endpoint: DEFAULT_ENDPOINT, acks: [] };
  // The server must have the namespace: a route that only failed its handshake (a crash before
  // accept, a 404) is not one because the server also speaks Socket.IO elsewhere.
  return joins(await probe({ messages: [JOIN_PROBE], socketio })) ? asSocketio(route, socketio) : undefined;
}

/**
 * The emit a namespace probe sends once joined (an event no handler has, no arguments, no ack):
 * with it a refused namespace shows as its `connect_error` close (4403), which a connection
 * without messages would cross with its own close.
 */
const JOIN_PROBE: Message = { type: 'json', data: ['wsroutes-probe'] };

/** The Socket.IO client joined the namespace, sent its emit and closed normally: no `connect_error` (4403), no timeout. */
export function joins(t: Transcript): boolean {
  return t.handshake.outcome === 'accepted' && t.sentCount === 1 && t.clientClose?.code === 1000 && t.serverClose?.code !== CONNECT_ERROR_CLOSE;
}
