/**
 * Hono + @hono/node-ws. WebSocket routes are the routes whose handler is the middleware
 * `upgradeWebSocket(...)` returns (a function of that name; `app.route()` may wrap it,
 * keeping the original under `__COMPOSED_HANDLER`). Served by @hono/node-server, as the
 * app resolves it (@hono/node-ws needs it as a peer), then `injectWebSocket(server)`.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import { bag, hasMethods, type NodeAdapter } from './adapter.js';
import { listening } from './listen.js';
import { errorMessage } from './load-module.js';

type Serve = (options: { fetch: unknown; port: number; hostname: string }) => Server;

function isUpgradeHandler(handler: unknown, depth = 0): boolean {
  if (typeof handler !== 'function' || depth > 4) return false;
  return handler.name === 'upgradeWebSocket' || isUpgradeHandler(bag(handler)?.__COMPOSED_HANDLER, depth + 1);
}

/** The WebSocket routes of a Hono app, in declaration order. */
export function honoRoutes(app: unknown): Route[] {
  const out = new Map<string, Route>();
  const routes = bag(app)?.routes;
  for (const r of Array.isArray(routes) ? routes : []) {
    const { path, method, handler } = bag(r) ?? {};
    if (typeof path !== 'string' || (method !== 'GET' && method !== 'ALL') || !isUpgradeHandler(handler)) continue;
    out.set(path, websocketRoute(path));
  }
  return [...out.values()];
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

export const honoAdapter: NodeAdapter = {
  framework: 'hono',
  matches: (value) => hasMethods(value, 'fetch', 'request', 'route', 'basePath') && Array.isArray(bag(value)?.routes),
  async start(value, ctx) {
    const inject = ctx.injectWebSocket;
    if (typeof inject !== 'function') {
      throw new WsroutesError(
        'NOT_AN_APP',
        `${ctx.appFile} exports a Hono app but not injectWebSocket: add \`export const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app })\` (or return { app, injectWebSocket } from the factory)`,
      );
    }
    const routes = honoRoutes(value);
    const serve = await loadServe(ctx.appFile);
    let server: Server;
    try {
      server = serve({ fetch: bag(value)?.fetch, port: 0, hostname: '127.0.0.1' });
    } catch (err) {
      throw new WsroutesError('APP_START_FAILED', `The Hono app could not listen on 127.0.0.1: ${errorMessage(err)}`, { cause: err });
    }
    await listening(server);
    try {
      inject(server);
    } catch (err) {
      server.close();
      throw new WsroutesError('APP_START_FAILED', `injectWebSocket(server) threw: ${errorMessage(err)}`, { cause: err });
    }
    return { server, routes, close: async () => {} };
  },
};
