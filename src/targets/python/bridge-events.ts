/**
 * The JSON lines the Python bridge prints on stdout (python/wsroutes_bridge/protocol.py
 * documents them); each line is parsed and checked here, so the rest reads typed events.
 */
import type { ParamType, Route } from '../../discovery/route.js';

export interface ReadyEvent {
  event: 'ready';
  port: number;
  framework: string;
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
      const { name, type } = p as Json;
      if (typeof name !== 'string') return [];
      return [{ name, type: (PARAM_TYPES.has(str(type)) ? type : 'str') as ParamType }];
    }),
  };
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
      return {
        event: 'ready',
        port,
        framework: str(e.framework, 'asgi'),
        routes: (Array.isArray(e.routes) ? e.routes : []).map(toRoute).filter((r): r is Route => r !== undefined),
        python: str(e.python),
        pid: num(e.pid) ?? 0,
        warnings: (Array.isArray(e.warnings) ? e.warnings : []).filter((w): w is string => typeof w === 'string'),
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
      };
    case 'read':
      return { event: 'read', clientPort: num(e.client_port), received: num(e.received) ?? 0, idle: e.idle === true };
    case 'conn_end':
      return { event: 'conn_end', clientPort: num(e.client_port), received: num(e.received) ?? 0, lingering: e.lingering === true };
    default:
      return undefined;
  }
}
