/**
 * A discovered route: its template in the framework's own syntax and its path
 * parameters with their declared types, so generation can fill them.
 */
import type { HttpOperation } from './http-route.js';

export type ParamType = 'str' | 'int' | 'float' | 'uuid' | 'path';

/**
 * The protocol a WebSocket route speaks on top of WebSocket (src/protocols/): named by the
 * framework adapter where it knows, by configuration, or detected on the wire when the
 * route's run starts.
 */
export type ProtocolName = 'plain' | 'socketio' | 'graphql-transport-ws' | 'graphql-ws' | 'trpc' | 'yjs' | 'nes' | 'nest-ws';

/** How a route was found: its framework's routing, a handshake probe of a candidate path, an AsyncAPI channel, or `--ws-include` alone. */
export type DiscoveredBy = 'framework' | 'probe' | 'asyncapi' | 'include';

export interface PathParam {
  name: string;
  type: ParamType;
  /**
   * The regular expression the app matches the value with, where it has one narrower than
   * the type (Django's `re_path` groups, `(?P<room_name>\w+)`, in Python's syntax, whose
   * `\w` takes any letter): values are drawn from it (generation/path-params.ts).
   */
  pattern?: string;
}

export interface Route {
  /** The template as the framework spells it: `/ws/chat/:room`, `/ws/{room_id:str}`. */
  path: string;
  kind: 'websocket' | 'http';
  params: PathParam[];
  /** HTTP methods, for kind 'http'. */
  methods?: string[];
  /** Kind 'http': the one operation (method + path) this route is; one Route per method. */
  http?: HttpOperation;
  /**
   * Literals the route's handler code compares messages with, and the keys it reads
   * (issue 10): generation mixes them into messages so dispatch on them is reached.
   */
  literals?: RouteLiterals;
  /**
   * Event names the app's handlers are registered for (NestJS `@SubscribeMessage`,
   * Socket.IO listeners): generation sends messages naming them beside the defaults,
   * so the handlers behind a dispatch on the name are reached.
   */
  events?: string[];
  /**
   * Set on a Socket.IO namespace: `path` is the namespace, the connection goes to the
   * engine.io endpoint, and messages are emits (Socket.IO packets) of `events`.
   */
  socketio?: SocketIoRoute;
  /**
   * A GraphQL route's schema as SDL, where the app's own schema object tells it (Python:
   * Strawberry, Ariadne): operations are generated from it. Without it, from introspection
   * over the route itself, else from literals.
   */
  graphqlSchema?: string;
  /**
   * tRPC procedures the app's router declares, where its source tells them
   * (`t.router({ post: { add: t.procedure.mutation(...) } })`, procedures-node.ts): the
   * requests of a route that speaks tRPC call them.
   */
  procedures?: Procedure[];
  /** Its protocol; unset until the adapter, the configuration or a probe names it (protocols/index.ts). */
  protocol?: ProtocolName;
  /** How it was found (reported as `discoveredBy`). */
  discoveredBy?: DiscoveredBy;
}

export interface RouteLiterals {
  /** String literals compared with a message or a field of one (`data == "goodbye"`, `case 'join':`). */
  strings: string[];
  /** Number literals compared the same way. */
  numbers: number[];
  /** Keys the handler reads from a parsed message (`msg["type"]`, `data.room`). */
  keys: string[];
}

/** A tRPC procedure: its dotted path and its type (a request must name the type it was declared with). */
export interface Procedure {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
}

export interface SocketIoRoute {
  /** The namespace, `/` or `/chat`. */
  namespace: string;
  /** The engine.io endpoint the server listens on (`/socket.io/` by default). */
  endpoint: string;
  /** Events whose handler takes an acknowledgement callback: their emits carry an ack id and the ack is awaited. */
  acks: string[];
  /**
   * How many data arguments each event's handler declares (its parameters, less the ack),
   * where its source tells: emits mostly carry that many, and an ack emit always does, so
   * the ack lands on the handler's callback parameter.
   */
  args?: Record<string, number>;
}

/**
 * Parses the parameters out of a template. Understands `:name` (Express, Fastify,
 * Hono; `:name?` optional and `:name{regex}` accepted), `{name}` and `{name:type}`
 * (Starlette, Litestar, FastAPI, Falcon), and `*` / `**` wildcards as `path`.
 */
export function paramsOf(template: string): PathParam[] {
  const params: PathParam[] = [];
  const re = /\{([A-Za-z_][\w]*)(?::([A-Za-z_]+)[^}]*)?\}|:([A-Za-z_][\w]*)(\{[^}]*\})?\??|(\*+)/g;
  let wildcard = 0;
  for (const m of template.matchAll(re)) {
    if (m[1]) params.push({ name: m[1], type: normalizeType(m[2]) });
    else if (m[3]) params.push({ name: m[3], type: 'str' });
    else if (m[5]) params.push({ name: `*${wildcard++}`, type: 'path' });
  }
  return params;
}

function normalizeType(t: string | undefined): ParamType {
  switch ((t ?? 'str').toLowerCase()) {
    case 'int':
    case 'integer':
      return 'int';
    case 'float':
    case 'decimal':
      return 'float';
    case 'uuid':
      return 'uuid';
    case 'path':
      return 'path';
    default:
      return 'str';
  }
}

/** Fills a template's parameters with values (already URL-safe strings), in order. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  let wildcard = 0;
  return template.replace(
    /\{([A-Za-z_][\w]*)(?::[^}]*)?\}|:([A-Za-z_][\w]*)(\{[^}]*\})?\??|(\*+)/g,
    (_all, brace?: string, colon?: string, _re?: string, star?: string) => {
      const key = brace ?? colon ?? (star ? `*${wildcard++}` : '');
      return values[key] ?? '';
    },
  );
}

export function websocketRoute(path: string, params: PathParam[] = paramsOf(path)): Route {
  return { path, kind: 'websocket', params };
}

/** The routes with how they were found, where a WebSocket route does not say already (one a probe or `--ws-include` gave). */
export function foundBy(routes: Route[], how: DiscoveredBy): Route[] {
  return routes.map((r) => (r.kind === 'websocket' && !r.discoveredBy ? { ...r, discoveredBy: how } : r));
}
