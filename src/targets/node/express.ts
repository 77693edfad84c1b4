/**
 * Express 4 and 5 + express-ws. `app.ws(path)` registers a GET route at `path/.websocket`
 * (express-ws rewrites upgrade URLs to match), so WebSocket routes are the GET routes
 * ending in `/.websocket`, found by walking the router stack. Express 5's router (the
 * `router` package) keeps a mounted router's path as `layer.rawPath`; Express 4 keeps
 * only its RegExp, read back into a template (`app._router`: Express 4 throws on a read
 * of `app.router`). Sub-apps mounted with `app.use(path, subApp)` hide behind a wrapper
 * function and are not followed. express-ws patches `app.listen` to its own server,
 * which carries the upgrade handler; a server the module started is used as it is.
 *
 * With `--http`, the other routes of the same stack are HTTP routes (one per method;
 * `app.all` has no method to send). An error that reaches Express's final handler is
 * its request's trace when that handler answers 5xx: an error middleware appended at
 * start sees it first and passes it on (Express prints it only outside NODE_ENV=test,
 * and Express 4 prints only its stack text). One it answers 4xx (a malformed JSON body)
 * is no trace, and its printed stack is not echoed.
 */
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import type { HttpOperation } from '../../discovery/http-route.js';
import { bag, hasMethods, type NodeAdapter } from './adapter.js';
import { handlerName, httpRoutes, httpWanted, plainOperation } from './http-routes.js';
import { listening } from './listen.js';
import { errorMessage } from './load-module.js';
import { excuseRequestError, reportRequestError } from './traces.js';

const WS_SUFFIX = '/.websocket';

function pathsOf(path: unknown): string[] {
  if (typeof path === 'string') return [path];
  if (Array.isArray(path)) return path.flat(Infinity).filter((p): p is string => typeof p === 'string');
  return []; // a RegExp path has no template
}

function joinPath(prefix: string, path: string): string {
  const left = prefix.replace(/\/+$/, '');
  if (path === '' || path === '/') return left || '/';
  return left + (path.startsWith('/') ? path : `/${path}`);
}

/**
 * The mount path of an Express 4 layer, from its RegExp (path-to-regexp 0.1): literal
 * segments and `:name` parameters; undefined for anything else (a RegExp mount).
 */
export function mountPathFromRegExp(regexp: unknown, keys: unknown): string | undefined {
  if (!(regexp instanceof RegExp)) return undefined;
  if ((regexp as { fast_slash?: boolean }).fast_slash) return '/';
  const names = (Array.isArray(keys) ? keys : []).map((k) => String(bag(k)?.name ?? ''));
  let i = 0;
  const path = regexp.source
    .replace(/^\^/, '')
    .replace(/\\\/\?\(\?=\\\/\|\$\)$/, '')
    .replace(/\(\?:\\\/\(\[\^\\?\/\]\+\?\)\)/g, () => `/:${names[i++] ?? 'param'}`)
    .replace(/\\(.)/g, '$1');
  return /^[\w\-.~:/%@!$&'=]*$/.test(path) ? path || '/' : undefined;
}

/** Where a layer is mounted: Express 5's rawPath, else Express 4's RegExp. */
function mountPaths(layer: Record<string, unknown> | undefined): string[] {
  if (layer?.rawPath !== undefined) return pathsOf(layer.rawPath);
  if (layer?.regexp === undefined) return ['/'];
  const fromRegExp = mountPathFromRegExp(layer.regexp, layer.keys);
  return fromRegExp === undefined ? [] : [fromRegExp];
}

function walk(stack: unknown, prefix: string, out: Map<string, Route>): void {
  if (!Array.isArray(stack)) return;
  for (const layer of stack) {
    const route = bag(bag(layer)?.route);
    if (route) {
      if (bag(route.methods)?.get !== true) continue;
      for (const p of pathsOf(route.path)) {
        if (!p.endsWith(WS_SUFFIX)) continue;
        const template = joinPath(prefix, p.slice(0, -WS_SUFFIX.length));
        out.set(template, websocketRoute(template));
      }
      continue;
    }
    const sub = bag(bag(layer)?.handle)?.stack;
    if (!Array.isArray(sub)) continue;
    for (const mount of mountPaths(bag(layer))) walk(sub, joinPath(prefix, mount), out);
  }
}

/** The WebSocket routes of an Express app with express-ws, in declaration order. */
export function expressRoutes(app: unknown): Route[] {
  const out = new Map<string, Route>();
  const own = bag(app);
  // Express 4 keeps its router in `_router` and throws on a read of `router`.
  const router = own && Object.hasOwn(own, '_router') ? own._router : own?.router;
  walk(bag(router)?.stack, '', out);
  return [...out.values()];
}

/** The HTTP operations of a stack: every route method but express-ws's `/.websocket` GETs. */
function walkHttp(stack: unknown, prefix: string, out: HttpOperation[]): void {
  if (!Array.isArray(stack)) return;
  for (const layer of stack) {
    const route = bag(bag(layer)?.route);
    if (route) {
      const methods = Object.entries(bag(route.methods) ?? {}).filter(([m, on]) => on === true && m !== '_all');
      const handlers = Array.isArray(route.stack) ? route.stack : [];
      const name = handlerName(bag(handlers.at(-1))?.handle);
      for (const p of pathsOf(route.path)) {
        if (p.endsWith(WS_SUFFIX)) continue;
        for (const [method] of methods) out.push(plainOperation(method, joinPath(prefix, p), name));
      }
      continue;
    }
    const sub = bag(bag(layer)?.handle)?.stack;
    if (!Array.isArray(sub)) continue;
    for (const mount of mountPaths(bag(layer))) walkHttp(sub, joinPath(prefix, mount), out);
  }
}

/** The HTTP routes of an Express app, nested Routers with their mount paths, in declaration order. */
export function expressHttpRoutes(app: unknown): Route[] {
  const own = bag(app);
  const router = own && Object.hasOwn(own, '_router') ? own._router : own?.router;
  const ops: HttpOperation[] = [];
  walkHttp(bag(router)?.stack, '', ops);
  return httpRoutes(ops);
}

/** The status Express's final handler answers an error with (the error's own 4xx/5xx, else the response's, else 500). */
function finalStatus(err: unknown, res: unknown): number {
  const inRange = (n: unknown): n is number => typeof n === 'number' && n >= 400 && n < 600;
  const e = bag(err);
  const own = [e?.status, e?.statusCode].find(inRange);
  if (own !== undefined) return own;
  const current = bag(res)?.statusCode;
  return inRange(current) ? current : 500;
}

const recordingErrors = new WeakSet<object>();

/**
 * Appends the error middleware that reports what reaches Express's final handler (the
 * app's own error handlers come first: an error they answer is theirs), once per app.
 */
function recordFinalErrors(app: { use?: unknown }): void {
  if (recordingErrors.has(app) || typeof app.use !== 'function') return;
  recordingErrors.add(app);
  // Four parameters: Express calls it with errors only.
  const wsroutesFinalErrors = (err: unknown, req: unknown, res: unknown, next: (err: unknown) => void): void => {
    if (finalStatus(err, res) >= 500) reportRequestError(req, err);
    else excuseRequestError(req, err);
    next(err);
  };
  (app.use as (fn: unknown) => unknown).call(app, wsroutesFinalErrors);
}

export const expressAdapter: NodeAdapter = {
  framework: 'express',
  matches: (value) => typeof value === 'function' && hasMethods(value, 'handle', 'use', 'listen', 'set', 'get'),
  async start(value, ctx) {
    const app = value as { ws?: unknown; use?: unknown; listen(port: number, host: string): Server };
    const http = expressHttpRoutes(app);
    // An HTTP-only app needs no express-ws under --http, nor one whose server has `ws` servers attached.
    if (typeof app.ws !== 'function' && !ctx.wsAttached && (http.length === 0 || !httpWanted(ctx))) {
      throw new WsroutesError('NOT_AN_APP', 'This Express app has no express-ws: call `expressWs(app)` in the module before declaring its app.ws() routes');
    }
    const routes = [...expressRoutes(app), ...http];
    recordFinalErrors(app);
    if (ctx.listening) return { server: ctx.listening, routes, close: async () => {} };
    let server: Server;
    try {
      server = app.listen(0, '127.0.0.1');
    } catch (err) {
      throw new WsroutesError('APP_START_FAILED', `The Express app could not listen on 127.0.0.1: ${errorMessage(err)}`, { cause: err });
    }
    await listening(server);
    return { server, routes, close: async () => {} };
  },
};
