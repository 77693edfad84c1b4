/**
 * The routes of the `ws` WebSocketServers attached to an http server, whatever serves its
 * requests: Apollo's documented subscriptions setup attaches `new WebSocketServer({ server:
 * httpServer, path: '/graphql' })` to the server of an Express app that has no express-ws,
 * Yoga's to the server of its request handler. A server attached with `{ server }` counts,
 * and a `noServer` one the app's own upgrade listener asked (during the probe) when it has
 * a path; one with neither `server` nor a path is a framework's internal upgrade handler
 * (@fastify/websocket, @hono/node-ws, Socket.IO's engine) and names no route. A server
 * attached without a path takes every upgrade: it is the route `/` only where the app's
 * framework found no WebSocket route itself (express-ws attaches one such server and
 * routes through the Express app).
 */
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { attachedWebSocketServers } from './ws-probe.js';
import type { WebSocketServerLike } from './ws.js';

export interface AttachedWs {
  /** One route per `path` option. */
  routes: Route[];
  /** A server attached without a path: it takes every upgrade the app's own routes do not name. */
  catchAll: boolean;
  /** The WebSocketServers those routes belong to (closed at stop). */
  servers: WebSocketServerLike[];
}

const pathOf = (wss: WebSocketServerLike): string | undefined =>
  typeof wss.options.path === 'string' && wss.options.path !== '' ? wss.options.path : undefined;

/** The WebSocketServers attached to `server` (it must listen) and their routes. */
export async function attachedWs(server: Server, appFile: string): Promise<AttachedWs> {
  // Every attached server listens for upgrades: a server nobody does has none (and the probe would wait for nothing).
  if (server.listenerCount('upgrade') === 0) return { routes: [], catchAll: false, servers: [] };
  const found = await attachedWebSocketServers(server, appFile);
  const servers = found.filter((wss) => pathOf(wss) !== undefined || (!wss.options.noServer && wss.options.server !== undefined));
  const routes = new Map<string, Route>();
  for (const wss of servers) {
    const path = pathOf(wss);
    if (path !== undefined) routes.set(path, websocketRoute(path));
  }
  return { routes: [...routes.values()], catchAll: servers.some((wss) => pathOf(wss) === undefined), servers };
}

/** The adapter's routes with the attached servers' added (the adapter's own first; `/` only for an app with no WebSocket route). */
export function withAttached(routes: Route[], attached: AttachedWs): Route[] {
  const out = new Map(routes.map((r) => [`${r.kind} ${r.path}`, r]));
  const extra = [...attached.routes];
  if (attached.catchAll && !routes.some((r) => r.kind === 'websocket')) extra.push(websocketRoute('/'));
  for (const r of extra) if (!out.has(`websocket ${r.path}`)) out.set(`websocket ${r.path}`, r);
  return [...out.values()];
}
