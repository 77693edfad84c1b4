/**
 * A Node http.Server with WebSocketServers attached. Routes are the `path` options of
 * the attached servers (found by ws-probe.ts), plus the literal paths of --ws-include,
 * the only source for a server that routes upgrades itself (`noServer` servers).
 */
import type { Server } from 'node:http';
import { literalPaths } from '../../discovery/filter.js';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { hasMethods, type NodeAdapter } from './adapter.js';
import { closeServer, listenLocal } from './listen.js';
import { attachedWebSocketServers } from './ws-probe.js';
import { closeWebSocketServer } from './ws.js';

export const httpAdapter: NodeAdapter = {
  framework: 'http',
  matches: (value) => hasMethods(value, 'listen', 'close', 'address', 'on', 'emit', 'closeAllConnections'),
  async start(value, ctx) {
    const server = value as Server;
    await listenLocal(server);
    let found: Awaited<ReturnType<typeof attachedWebSocketServers>>;
    try {
      found = await attachedWebSocketServers(server, ctx.appFile);
    } catch (err) {
      await closeServer(server);
      throw err;
    }
    // A noServer server counts when it has a path: the app's own upgrade listener asked it
    // (shouldHandle) during the probe. Without a path, its route is the app's secret.
    const hasPath = (wss: (typeof found)[number]): boolean => typeof wss.options.path === 'string' && wss.options.path !== '';
    const attached = found.filter((wss) => !wss.options.noServer || hasPath(wss));
    const routes = new Map<string, Route>();
    for (const wss of attached) {
      const path = hasPath(wss) ? (wss.options.path as string) : '/';
      routes.set(path, websocketRoute(path));
    }
    // A path only --ws-include names is the user's word that the server routes it itself.
    for (const path of literalPaths(ctx.include)) if (!routes.has(path)) routes.set(path, { ...websocketRoute(path), discoveredBy: 'include' });
    return {
      server,
      routes: [...routes.values()],
      close: async () => {
        await Promise.all(attached.map((wss) => closeWebSocketServer(wss)));
      },
    };
  },
};
