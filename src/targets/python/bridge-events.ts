/**
 * The JSON lines the Python bridge prints on stdout (python/wsroutes_bridge/protocol.py
 * documents them); each line is parsed and checked here, so the rest reads typed events.
 */
import type { ParamType, ProtocolName, Route, RouteLiterals, SocketIoRoute } from '../../discovery/route.js';
import { httpRoutesOfReady } from './http-routes.js';

export interface ReadyEvent {
  event: 'ready';
  port: number;
  framework: string;
  /** WebSocket routes, then HTTP routes (kind 'http', one per method: `http-routes.ts`). */
  routes: Route[];
  python: string;
  pid: number;
  warnings: string[];
}

export interface ErrorEvent {
  event: 'error';
  code: string;
  message: string;
  detail?: string;
}

export interface TraceEvent {
  event: 'trace';
  clientPort: number | null;
  traceback: string;
  exception: string;
  received: number;
  /** The app or framework logged it and went on (python/wsroutes_bridge/traces.py); false or absent when it escaped. */
  logged?: boolean;
}

export interface ConnEndEvent {
  event: 'conn_end';
  clientPort: number | null;
  received: number;
  lingering: boolean;
}

export interface ReadEvent {
  event: 'read';
  clientPort: number | null;
  /** Messages the app has taken on that connection. */
  received: number;
  /** The app is waiting for a message and none is queued. */
  idle: boolean;
}

export type BridgeEvent = ReadyEvent | ErrorEvent | TraceEvent | ConnEndEvent | ReadEvent;

const PARAM_TYPES: ReadonlySet<string> = new Set<ParamType>(['str', 'int', 'float', 'uuid', 'path']);

type Json = Record<string, unknown>;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toRoute(raw: unknown): Route | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Json;
  if (typeof r.path !== 'string') return undefined;
  const params = Array.isArray(r.params) ? r.params : [];
  return {
    path: r.path,
    kind: r.kind === 'http' ? 'http' : 'websocket',
    params: params.flatMap((p) => {
      if (typeof p !== 'object' || p === null) return [];
      const { name, type, pattern } = p as Json;
      if (typeof name !== 'string') return [];
      return [{ name, type: (PARAM_TYPES.has(str(type)) ? type : 'str') as ParamType, ...(typeof pattern === 'string' && pattern ? { pattern } : {}) }];
    }),
    ...literalsOf(r.literals),
    ...graphqlOf(r),
    ...socketioOf(r.events, r.socketio),
  };
}

/** The subprotocols a Python adapter may name for a route (python/wsroutes_bridge/discover/graphql_apps.py). */
const BRIDGE_PROTOCOLS: ReadonlySet<string> = new Set<ProtocolName>(['graphql-transport-ws', 'graphql-ws']);

/** A GraphQL server's route: its subprotocol and its schema as SDL, where the adapter knows them. */
function graphqlOf(r: Json): Pick<Route, 'protocol' | 'graphqlSchema'> {
  return {
    ...(typeof r.protocol === 'string' && BRIDGE_PROTOCOLS.has(r.protocol) ? { protocol: r.protocol as ProtocolName } : {}),
    ...(typeof r.graphqlSchema === 'string' && r.graphqlSchema.trim() ? { graphqlSchema: r.graphqlSchema } : {}),
  };
}

/**
 * A python-socketio namespace's `events` and `socketio` (discover/socketio.py), checked; absent
 * unless `socketio` names a namespace and an endpoint.
 */
function socketioOf(rawEvents: unknown, raw: unknown): { events?: string[]; socketio?: SocketIoRoute; protocol?: 'socketio' } {
  if (typeof raw !== 'object' || raw === null) return {};
  const s = raw as Json;
  if (typeof s.namespace !== 'string' || typeof s.endpoint !== 'string') return {};
  const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const args: Record<string, number> = {};
  if (typeof s.args === 'object' && s.args !== null) {
    for (const [event, n] of Object.entries(s.args)) if (Number.isInteger(n) && (n as number) >= 0) args[event] = n as number;
  }
  return {
    events: names(rawEvents),
    socketio: { namespace: s.namespace, endpoint: s.endpoint, acks: names(s.acks), args },
    protocol: 'socketio',
  };
}

/** `literals` as the bridge mines them (python/wsroutes_bridge/literals.py), checked; absent when empty. */
function literalsOf(raw: unknown): { literals?: RouteLiterals } {
  if (typeof raw !== 'object' || raw === null) return {};
  const l = raw as Json;
  const list = <T>(v: unknown, keep: (x: unknown) => x is T): T[] => (Array.isArray(v) ? v.filter(keep) : []);
  const literals = {
    strings: list(l.strings, (x): x is string => typeof x === 'string'),
    numbers: list(l.numbers, (x): x is number => typeof x === 'number' && Number.isFinite(x)),
    keys: list(l.keys, (x): x is string => typeof x === 'string' && x !== ''),
  };
  return literals.strings.length + literals.numbers.length + literals.keys.length ? { literals } : {};
}

/** One stdout line -> an event; undefined for a line that is not one of ours. */
export function parseEvent(line: string): BridgeEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Json;
  switch (e.event) {
    case 'ready': {
      const port = num(e.port);
      if (port === null) return undefined;
      const warnings = (Array.isArray(e.warnings) ? e.warnings : []).filter((w): w is string => typeof w === 'string');
      const websocket = (Array.isArray(e.routes) ? e.routes : []).map(toRoute).filter((r): r is Route => r !== undefined);
      return {
        event: 'ready',
        port,
        framework: str(e.framework, 'asgi'),
        routes: [...websocket, ...httpRoutesOfReady(e, warnings)],
        python: str(e.python),
        pid: num(e.pid) ?? 0,
        warnings,
      };
    }
    case 'error':
      return { event: 'error', code: str(e.code, 'internal'), message: str(e.message), detail: str(e.detail) || undefined };
    case 'trace':
      return {
        event: 'trace',
        clientPort: num(e.client_port),
        traceback: str(e.traceback),
        exception: str(e.exception),
        received: num(e.received) ?? 0,
        ...(e.logged === true ? { logged: true } : {}),
      };
    case 'read':
      return { event: 'read', clientPort: num(e.client_port), received: num(e.received) ?? 0, idle: e.idle === true };
    case 'conn_end':
      return { event: 'conn_end', clientPort: num(e.client_port), received: num(e.received) ?? 0, lingering: e.lingering === true };
    default:
      return undefined;
  }
}
