/**
 * Hono on Node, both ways hono.dev documents: @hono/node-server 2's own
 * `upgradeWebSocket` (served with `serve({ fetch, websocket: { server: wss } })`), and
 * @hono/node-ws on @hono/node-server 1 (`createNodeWebSocket({ app })`, then
 * `injectWebSocket(server)`). WebSocket routes are the routes whose handler is the
 * middleware `upgradeWebSocket(...)` returns (a function of that name; `app.route()` may
 * wrap it, keeping the original under `__COMPOSED_HANDLER`).
 *
 * An exported app is served here: with its `injectWebSocket` when it has one, else with
 * the node-server 2 the app resolves (its own copy: the hand-over to `upgradeWebSocket`
 * goes through a module-private Symbol). A module that serves its app at import and
 * exports nothing is seen through its routers: while it loads, `add` of Hono's router
 * classes (the app's copies) records each route, and the captured server serves them.
 *
 * With `--http`, the other routes (`app.routes` but `ALL`-method middleware and upgrade
 * routes) are HTTP routes. Hono answers a handler's error through `app.errorHandler`;
 * the default one logs it with console.error (a trace of its request, traces.ts), and a
 * served app's handler is wrapped so a 5xx answer of the app's own `onError` is too.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import type { HttpOperation } from '../../discovery/http-route.js';
import { bag, hasMethods, type AppRecorder, type NodeAdapter, type RecordContext } from './adapter.js';
import { handlerName, httpRoutes, httpWanted, plainOperation } from './http-routes.js';
import { dependencyNames, loadAsApp, packageOf } from './app-packages.js';
import { listening } from './listen.js';
import { errorMessage } from './load-module.js';
import { reportRequestError } from './traces.js';
import { closeWebSocketServer, type WebSocketServerLike } from './ws.js';
import { WebSocketServer } from 'ws';

type Serve = (options: Record<string, unknown>) => Server;
type Handler = (c: unknown, next: () => Promise<void>) => unknown;

const COMPOSED = '__COMPOSED_HANDLER';
const ROUTERS = ['smart-router', 'reg-exp-router', 'trie-router', 'linear-router', 'pattern-router'];
const RECORDED = Symbol('wsroutes.recordedHonoRoutes');

/** The routes of a Hono app its module never exported, as its routers saw them. */
interface RecordedHono {
  [RECORDED]: true;
  routes: unknown[];
}

const isRecorded = (value: unknown): value is RecordedHono => bag(value) !== undefined && (value as Partial<RecordedHono>)[RECORDED] === true;

const original = (handler: unknown): unknown => bag(handler)?.[COMPOSED] ?? handler;

function upgradeHandler(handler: unknown, depth = 0): Handler | undefined {
  if (typeof handler !== 'function' || depth > 4) return undefined;
  return handler.name === 'upgradeWebSocket' ? (handler as Handler) : upgradeHandler(bag(handler)?.[COMPOSED], depth + 1);
}

function wsRouteRecords(routes: unknown): Array<{ path: string; handler: Handler }> {
  const out: Array<{ path: string; handler: Handler }> = [];
  for (const r of Array.isArray(routes) ? routes : []) {
    const { path, method } = bag(r) ?? {};
    const handler = upgradeHandler(bag(r)?.handler);
    if (typeof path === 'string' && (method === 'GET' || method === 'ALL') && handler) out.push({ path, handler });
  }
  return out;
}

/** The WebSocket routes of a Hono app, in declaration order. */
export function honoRoutes(app: unknown): Route[] {
  const out = new Map<string, Route>();
  for (const { path } of wsRouteRecords(bag(app)?.routes)) out.set(path, websocketRoute(path));
  return [...out.values()];
}

/** The HTTP routes of a Hono app (or of what its routers recorded), in declaration order. */
export function honoHttpRoutes(app: unknown): Route[] {
  const ops: HttpOperation[] = [];
  const routes = bag(app)?.routes;
  for (const r of Array.isArray(routes) ? routes : []) {
    const { path, method, handler } = bag(r) ?? {};
    if (typeof path !== 'string' || typeof method !== 'string' || method === 'ALL' || upgradeHandler(handler)) continue;
    ops.push(plainOperation(method, path, handlerName(original(handler))));
  }
  return httpRoutes(ops);
}

const wrappedErrorHandlers = new WeakSet<object>();

/**
 * Wraps the app's `errorHandler` (what `app.onError` sets) once: an error it answers
 * with a 5xx is a trace of the Node request in the context's env (`c.env.incoming`).
 */
function recordHonoErrors(app: unknown): void {
  const h = bag(app);
  const handler = h?.errorHandler;
  if (!h || typeof handler !== 'function' || wrappedErrorHandlers.has(h)) return;
  wrappedErrorHandlers.add(h);
  h.errorHandler = function (this: unknown, err: unknown, c: unknown): unknown {
    const answered = (res: unknown): unknown => {
      const status = bag(res)?.status;
      if (typeof status === 'number' && status >= 500) reportRequestError(bag(bag(c)?.env)?.incoming, err);
      return res;
    };
    const res = (handler as (this: unknown, err: unknown, c: unknown) => unknown).call(this, err, c);
    return res instanceof Promise ? res.then(answered) : answered(res);
  };
}

/**
 * Records the route objects Hono's routers are given while the module loads. A route
 * of a sub-app that `app.route(prefix, sub)` mounted elsewhere is dropped: its mounted
 * copy (same handler, longer path) is the one served.
 */
function recordHonoRoutes({ appFile, fromApp = () => true }: RecordContext): AppRecorder {
  const records = new Set<Record<string, unknown>>();
  const hooked = new Map<Record<string, unknown>, unknown>();
  let stopped = false;
  const hook = (mod: unknown): void => {
    for (const value of Object.values(bag(mod) ?? {})) {
      const proto = bag(bag(value)?.prototype);
      if (!proto || typeof proto.add !== 'function' || hooked.has(proto)) continue;
      const add = proto.add as (this: unknown, ...args: unknown[]) => unknown;
      hooked.set(proto, add);
      proto.add = function (this: unknown, ...args: unknown[]) {
        const record = bag(Array.isArray(args[2]) ? args[2][1] : undefined);
        if (!stopped && record && typeof record.path === 'string' && fromApp()) records.add(record);
        return add.apply(this, args);
      };
    }
  };
  const require = createRequire(appFile);
  for (const name of ROUTERS) {
    try {
      hook(require(`hono/router/${name}`));
    } catch {
      // the app has no hono (or not this router)
    }
  }
  // The app's ESM copy, which an ESM app uses.
  const esm = Promise.all(ROUTERS.map(async (name) => hook(await loadAsApp(appFile, `hono/router/${name}`)))).then(() => {});
  return {
    found: () => {
      const all = [...records];
      const mountedElsewhere = (r: Record<string, unknown>): boolean =>
        all.some(
          (o) => o.basePath !== r.basePath && o.path !== r.path && String(o.path).endsWith(String(r.path)) && original(o.handler) === original(r.handler),
        );
      const routes = all.filter((r) => !mountedElsewhere(r));
      if (wsRouteRecords(routes).length === 0) return [];
      const recorded: RecordedHono = { [RECORDED]: true, routes };
      return [recorded];
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      for (const [proto, add] of hooked) proto.add = add;
    },
    ready: () => esm,
  };
}

async function loadServe(appFile: string): Promise<Serve> {
  const fromApp = (): unknown => bag(createRequire(appFile)('@hono/node-server'))?.serve;
  const ours = async (): Promise<unknown> => bag(await import('@hono/node-server'))?.serve;
  for (const attempt of [fromApp, ours]) {
    try {
      const serve = await attempt();
      if (typeof serve === 'function') return serve as Serve;
    } catch {
      // try the next place
    }
  }
  throw new WsroutesError('APP_START_FAILED', 'Serving a Hono app needs @hono/node-server: npm install @hono/node-server');
}

/** The @hono/node-server 2 the app resolves (its own `upgradeWebSocket`), under any alias it depends on. */
async function nodeServer2(appFile: string): Promise<{ serve: Serve } | undefined> {
  const names = ['@hono/node-server', ...dependencyNames(appFile).filter((n) => n !== '@hono/node-server')];
  for (const name of names) {
    const pkg = packageOf(appFile, name);
    if (pkg?.json.name !== '@hono/node-server') continue;
    const mod = await loadAsApp(appFile, name);
    if (typeof mod?.upgradeWebSocket === 'function' && typeof mod.serve === 'function') return { serve: mod.serve as Serve };
  }
  return undefined;
}

/**
 * Whether a route's `upgradeWebSocket` is @hono/node-ws's: given a context with no
 * server behind it, node-ws marks the env with its connection Symbol, while
 * node-server 2's answers 500 without touching it.
 */
async function isNodeWsHandler(handler: Handler): Promise<boolean> {
  const env: Record<PropertyKey, unknown> = {};
  const url = 'http://127.0.0.1/';
  const header = (name?: string): string | Record<string, string> | undefined =>
    name === undefined ? { upgrade: 'websocket' } : name.toLowerCase() === 'upgrade' ? 'websocket' : undefined;
  const c = { env, req: { header, url, raw: new Request(url), param: () => undefined, query: () => undefined }, get: () => undefined, set: () => {} };
  try {
    await handler(c, async () => {});
  } catch {
    // the app's createEvents needs more than this context: no answer from it
  }
  return Object.getOwnPropertySymbols(env).length > 0;
}

function noServing(): WsroutesError {
  return new WsroutesError(
    'NOT_AN_APP',
    'This Hono app cannot be served with its WebSockets: with @hono/node-ws, export its injectWebSocket too ' +
      '(`export const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app })`, or return { app, injectWebSocket } ' +
      'from the factory); with @hono/node-server 2, use its `upgradeWebSocket` and have @hono/node-server 2 installed',
  );
}

async function serveWith(serve: Serve, options: Record<string, unknown>): Promise<Server> {
  let server: Server;
  try {
    server = serve({ ...options, port: 0, hostname: '127.0.0.1' });
  } catch (err) {
    throw new WsroutesError('APP_START_FAILED', `The Hono app could not listen on 127.0.0.1: ${errorMessage(err)}`, { cause: err });
  }
  await listening(server);
  return server;
}

function webSocketServerFor(appFile: string): WebSocketServerLike {
  let Wss: unknown = WebSocketServer;
  try {
    const ws = bag(createRequire(appFile)('ws'));
    Wss = ws?.WebSocketServer ?? ws?.Server ?? Wss;
  } catch {
    // the app has no ws of its own; ours does the same job
  }
  return new (Wss as new (o: object) => WebSocketServerLike)({ noServer: true });
}

export const honoAdapter: NodeAdapter = {
  framework: 'hono',
  matches: (value) => isRecorded(value) || (hasMethods(value, 'fetch', 'request', 'route', 'basePath') && Array.isArray(bag(value)?.routes)),
  record: recordHonoRoutes,
  async start(value, ctx) {
    const http = honoHttpRoutes(value);
    const routes = [...honoRoutes(value), ...http];
    recordHonoErrors(value);
    // Served (and injected) by the module itself.
    if (ctx.listening) return { server: ctx.listening, routes, close: async () => {} };
    if (isRecorded(value)) {
      throw new WsroutesError('NOT_AN_APP', 'The module makes a Hono app but neither exports it nor serves it: `export default app`');
    }
    const fetch = bag(value)?.fetch;
    const inject = ctx.exports?.injectWebSocket;
    if (typeof inject === 'function') {
      const server = await serveWith(await loadServe(ctx.appFile), { fetch });
      try {
        inject(server);
      } catch (err) {
        server.close();
        throw new WsroutesError('APP_START_FAILED', `injectWebSocket(server) threw: ${errorMessage(err)}`, { cause: err });
      }
      return { server, routes, close: async () => {} };
    }
    const first = wsRouteRecords(bag(value)?.routes)[0];
    // An HTTP-only app under --http: served as it is.
    if (!first && http.length > 0 && httpWanted(ctx)) {
      const server = await serveWith(await loadServe(ctx.appFile), { fetch });
      return { server, routes, close: async () => {} };
    }
    const v2 = await nodeServer2(ctx.appFile);
    if (!v2 || (first && (await isNodeWsHandler(first.handler)))) throw noServing();
    const wss = webSocketServerFor(ctx.appFile);
    const server = await serveWith(v2.serve, { fetch, websocket: { server: wss } });
    return { server, routes, close: () => closeWebSocketServer(wss) };
  },
};
