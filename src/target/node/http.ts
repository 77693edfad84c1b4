/**
 * A Node http.Server with WebSocketServers attached. Routes are the `path` options of
 * the attached servers (found by ws-probe.ts), plus the literal paths of --ws-include,
 * the only source for a server that routes upgrades itself (`noServer` servers).
 */
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { hasMethods, type NodeAdapter } from './adapter.js';
import { closeServer, listenLocal } from './listen.js';
import { attachedWebSocketServers } from './ws-probe.js';
import { closeWebSocketServer } from './ws.js';

/** A literal route path: no glob syntax. */
export function literalPaths(include: string[]): string[] {
  return include.filter((p) => p.startsWith('/') && !/[*?[\]{}()!]/.test(p));
}

export const httpAdapter: NodeAdapter = {
  framework: 'http',
  matches: (value) => hasMethods(value, 'listen', 'close', 'address', 'on', 'emit', 'closeAllConnections'),
  async start(value, ctx) {
    const server = value as Server;
    await listenLocal(server);
    let found;
    try {
      found = await attachedWebSocketServers(server, ctx.appFile);
    } catch (err) {
      await closeServer(server);
      throw err;
    }
    const attached = found.filter((wss) => !wss.options.noServer);
    const routes = new Map<string, Route>();
    for (const wss of attached) {
      const path = typeof wss.options.path === 'string' && wss.options.path !== '' ? wss.options.path : '/';
      routes.set(path, websocketRoute(path));
    }
    for (const path of literalPaths(ctx.include)) routes.set(path, websocketRoute(path));
    return {
      server,
      routes: [...routes.values()],
      close: async () => {
        await Promise.all(attached.map((wss) => closeWebSocketServer(wss)));
      },
    };
  },
};
