/**
 * Fastify + @fastify/websocket. Routes are those declared with `{ websocket: true }`
 * (or a `wsHandler`), prefixes included. They are seen through an `onRoute` hook that
 * must be on the instance before its first route, so the hook is added from Fastify's
 * own `fastify.initialization` diagnostics channel while the app module loads: that
 * catches routes added at the top level before we get the instance as well as routes
 * of plugins loaded by `ready()`. An instance created outside that window (a cached
 * module) gets the hook late and is seen only from then on.
 *
 * A Mercurius GraphQL route (mercurius.ts) gets its schema as SDL from the app.
 *
 * The same hook lists its HTTP routes (`--http`) with their schemas; an `onError` hook
 * keeps each request's error, and `onSend` makes it that request's trace when Fastify
 * answered 5xx (its default handler replies 500 and logs only through its own logger).
 */
import dc from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import type { HttpOperation } from '../../discovery/http-route.js';
import { bag, hasMethods, type AppRecorder, type NodeAdapter, type RecordContext } from './adapter.js';
import { fastifyOperation, handlerName, httpRoutes, httpWanted } from './http-routes.js';
import { listening } from './listen.js';
import { errorMessage } from './load-module.js';
import { mercuriusOf, mercuriusSdl } from './mercurius.js';
import { reportRequestError } from './traces.js';

interface FastifyLike {
  server: Server;
  addHook(name: 'onRoute', hook: (this: unknown, opts: Record<string, unknown>) => void): unknown;
  addHook(name: 'onError', hook: (request: FastifyRequestLike, reply: unknown, error: unknown, done: () => void) => void): unknown;
  addHook(name: 'onSend', hook: (request: FastifyRequestLike, reply: { statusCode: number }, payload: unknown, done: () => void) => void): unknown;
  getSchemas?(): Record<string, unknown>;
  ready(): Promise<unknown>;
  listen(opts: { port: number; host: string }): Promise<unknown>;
  close(): Promise<unknown>;
  hasDecorator(name: string): boolean;
}

interface FastifyRequestLike {
  raw: object;
}

const CHANNEL = 'fastify.initialization';
/** How long a listen the module started itself may take to listen. */
const SELF_LISTEN_WAIT_MS = 5_000;
const routesOf = new WeakMap<object, Map<string, Route>>();
/** The Mercurius `graphql` decorator behind a route (mercurius.ts). */
const mercuriusRoutes = new WeakMap<Route, unknown>();
/** Routes declared on an instance that has @fastify/websocket (a plugin may register it in its own context, as Mercurius does). */
const servedRoutes = new WeakSet<Route>();

function isWebsocketRoute(opts: Record<string, unknown>): boolean {
  const methods = ([] as unknown[]).concat(opts.method);
  return (opts.websocket === true || typeof opts.wsHandler === 'function') && methods.includes('GET');
}

/** Adds our onRoute hook once; false when the instance no longer takes hooks. */
function hookRoutes(app: FastifyLike): boolean {
  if (routesOf.has(app)) return true;
  const routes = new Map<string, Route>();
  try {
    app.addHook('onRoute', function (this: unknown, opts) {
      if (!isWebsocketRoute(opts) || typeof opts.url !== 'string') return;
      const route = websocketRoute(opts.url);
      const graphql = mercuriusOf(this, opts);
      if (graphql) mercuriusRoutes.set(route, graphql);
      if (hasMethods(this, 'hasDecorator') && (this as FastifyLike).hasDecorator('websocketServer')) servedRoutes.add(route);
      routes.set(opts.url, route);
    });
  } catch {
    return false;
  }
  routesOf.set(app, routes);
  return true;
}

/** Hooks every Fastify instance created until `stop()`, and lists them (the adapter's `record`). */
function recordFastifyApps({ fromApp = () => true }: RecordContext): AppRecorder {
  const found: unknown[] = [];
  const onInit = (message: unknown): void => {
    const app = bag(message)?.fastify;
    if (!fastifyAdapter.matches(app)) return;
    hookRoutes(app as FastifyLike);
    hookHttp(app as FastifyLike);
    if (fromApp()) found.push(app);
  };
  dc.subscribe(CHANNEL, onInit);
  let stopped = false;
  return {
    found: () => found,
    stop: () => {
      if (stopped) return;
      stopped = true;
      dc.unsubscribe(CHANNEL, onInit);
    },
  };
}

/** A route's methods and schema as onRoute gave them: turned into operations once every shared schema is known. */
interface DeclaredHttpRoute {
  methods: string[];
  url: string;
  schema: unknown;
  name?: string;
}

const httpDeclared = new WeakMap<object, DeclaredHttpRoute[]>();
/** A request's error (onError), until its reply shows whether it is answered 5xx (a validation error is a 400). */
const requestErrors = new WeakMap<object, unknown>();

/** Adds the hooks of the HTTP side once: routes other than WebSocket ones, and request errors. */
function hookHttp(app: FastifyLike): void {
  if (httpDeclared.has(app)) return;
  const declared: DeclaredHttpRoute[] = [];
  try {
    app.addHook('onRoute', (opts) => {
      if (typeof opts.url !== 'string') return;
      // The HEAD clone Fastify adds beside a GET keeps its `websocket` flag.
      const websocket = opts.websocket === true || typeof opts.wsHandler === 'function';
      // A WebSocket route's GET and HEAD are no HTTP routes.
      const methods = ([] as unknown[]).concat(opts.method).filter((m): m is string => typeof m === 'string' && !(websocket && (m === 'GET' || m === 'HEAD')));
      if (methods.length > 0) declared.push({ methods, url: opts.url, schema: opts.schema, name: handlerName(opts.handler) });
    });
    app.addHook('onError', (request, _reply, error, done) => {
      requestErrors.set(request.raw, error);
      done();
    });
    // onSend: the status is final, and the trace is in before the client reads the answer.
    app.addHook('onSend', (request, reply, _payload, done) => {
      const error = requestErrors.get(request.raw);
      if (error !== undefined && reply.statusCode >= 500) reportRequestError(request.raw, error);
      done();
    });
  } catch {
    return; // booted already: its HTTP routes and errors are not seen
  }
  httpDeclared.set(app, declared);
}

/** The app's HTTP routes (after ready: shared schemas resolved), HEAD auto-routes left out. */
function httpRoutesOf(app: FastifyLike): Route[] {
  let shared: Record<string, unknown> = {};
  try {
    shared = app.getSchemas?.() ?? {};
  } catch {
    // no shared schemas
  }
  const ops: HttpOperation[] = [];
  for (const r of httpDeclared.get(app) ?? []) for (const m of r.methods) ops.push(fastifyOperation(m, r.url, r.schema, shared, r.name));
  return httpRoutes(ops);
}

async function closeQuietly(app: FastifyLike): Promise<void> {
  try {
    await app.close();
  } catch {
    // Closing is best effort: stop() never throws.
  }
}

/** A Mercurius route with its schema's SDL (read once the app is ready: plugins may extend the schema). */
async function withSchema(route: Route): Promise<Route> {
  const graphql = mercuriusRoutes.get(route);
  const sdl = graphql === undefined ? undefined : await mercuriusSdl(graphql);
  return sdl === undefined ? route : { ...route, graphqlSchema: sdl };
}

export const fastifyAdapter: NodeAdapter = {
  framework: 'fastify',
  matches: (value) => hasMethods(value, 'register', 'ready', 'listen', 'close', 'addHook', 'route', 'printRoutes') && bag(value)?.server !== undefined,
  record: recordFastifyApps,
  async start(value, ctx) {
    const app = value as FastifyLike;
    hookRoutes(app);
    hookHttp(app);
    try {
      await app.ready();
    } catch (err) {
      await closeQuietly(app);
      throw new WsroutesError('APP_START_FAILED', `The Fastify app failed to start: ${errorMessage(err)}`, { cause: err });
    }
    const declared = [...(routesOf.get(app)?.values() ?? [])];
    const served = declared.length > 0 && declared.every((r) => servedRoutes.has(r));
    const wsRoutes = await Promise.all(declared.map(withSchema));
    const http = httpRoutesOf(app);
    // An HTTP-only app needs no @fastify/websocket under --http; { websocket: true } routes do.
    // Nor one whose server has `ws` servers attached (their routes are added by the start path).
    if (!app.hasDecorator('websocketServer') && !served && (wsRoutes.length > 0 || (!ctx.wsAttached && (http.length === 0 || !httpWanted(ctx))))) {
      await closeQuietly(app);
      throw new WsroutesError(
        'NOT_AN_APP',
        'This Fastify instance has no @fastify/websocket: `await app.register(websocket)` before declaring its { websocket: true } routes',
      );
    }
    if (!app.server.listening) {
      try {
        await app.listen({ port: 0, host: '127.0.0.1' });
      } catch (err) {
        // The module's own `app.listen(...)` got there first, after its plugins loaded (Mercurius takes a while):
        // that listen is moved to a loopback port; wait for it.
        if (
          bag(err)?.code === 'ERR_SERVER_ALREADY_LISTEN' &&
          (await listening(app.server, undefined, SELF_LISTEN_WAIT_MS).then(
            () => true,
            () => false,
          ))
        ) {
          return { server: app.server, routes: [...wsRoutes, ...http], close: () => closeQuietly(app) };
        }
        await closeQuietly(app);
        throw new WsroutesError('APP_START_FAILED', `The Fastify app could not listen on 127.0.0.1: ${errorMessage(err)}`, { cause: err });
      }
    }
    return { server: app.server, routes: [...wsRoutes, ...http], close: () => closeQuietly(app) };
  },
};
