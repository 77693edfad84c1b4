/**
 * Express 4 and 5 + express-ws. `app.ws(path)` registers a GET route at `path/.websocket`
 * (express-ws rewrites upgrade URLs to match), so WebSocket routes are the GET routes
 * ending in `/.websocket`, found by walking the router stack. Express 5's router (the
 * `router` package) keeps a mounted router's path as `layer.rawPath`; Express 4 keeps
 * only its RegExp, read back into a template (`app._router`: Express 4 throws on a read
 * of `app.router`). Sub-apps mounted with `app.use(path, subApp)` hide behind a wrapper
 * function and are not followed. express-ws patches `app.listen` to its own server,
 * which carries the upgrade handler; a server the module started is used as it is.
 */
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import { bag, hasMethods, type NodeAdapter } from './adapter.js';
import { listening } from './listen.js';
import { errorMessage } from './load-module.js';

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

export const expressAdapter: NodeAdapter = {
  framework: 'express',
  matches: (value) => typeof value === 'function' && hasMethods(value, 'handle', 'use', 'listen', 'set', 'get'),
  async start(value, ctx) {
    const app = value as { ws?: unknown; listen(port: number, host: string): Server };
    if (typeof app.ws !== 'function') {
      throw new WsroutesError('NOT_AN_APP', 'This Express app has no express-ws: call `expressWs(app)` in the module before declaring its app.ws() routes');
    }
    const routes = expressRoutes(app);
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
