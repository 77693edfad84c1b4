/**
 * Fastify + @fastify/websocket. Routes are those declared with `{ websocket: true }`
 * (or a `wsHandler`), prefixes included. They are seen through an `onRoute` hook that
 * must be on the instance before its first route, so the hook is added from Fastify's
 * own `fastify.initialization` diagnostics channel while the app module loads: that
 * catches routes added at the top level before we get the instance as well as routes
 * of plugins loaded by `ready()`. An instance created outside that window (a cached
 * module) gets the hook late and is seen only from then on.
 */
import dc from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import { websocketRoute, type Route } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import { bag, hasMethods, type AppRecorder, type NodeAdapter, type RecordContext } from './adapter.js';
import { errorMessage } from './load-module.js';

interface FastifyLike {
  server: Server;
  addHook(name: 'onRoute', hook: (opts: Record<string, unknown>) => void): unknown;
  ready(): Promise<unknown>;
  listen(opts: { port: number; host: string }): Promise<unknown>;
  close(): Promise<unknown>;
  hasDecorator(name: string): boolean;
}

const CHANNEL = 'fastify.initialization';
const routesOf = new WeakMap<object, Map<string, Route>>();

function isWebsocketRoute(opts: Record<string, unknown>): boolean {
  const methods = ([] as unknown[]).concat(opts.method);
  return (opts.websocket === true || typeof opts.wsHandler === 'function') && methods.includes('GET');
}

/** Adds our onRoute hook once; false when the instance no longer takes hooks. */
function hookRoutes(app: FastifyLike): boolean {
  if (routesOf.has(app)) return true;
  const routes = new Map<string, Route>();
  try {
    app.addHook('onRoute', (opts) => {
      if (isWebsocketRoute(opts) && typeof opts.url === 'string') routes.set(opts.url, websocketRoute(opts.url));
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

async function closeQuietly(app: FastifyLike): Promise<void> {
  try {
    await app.close();
  } catch {
    // Closing is best effort: stop() never throws.
  }
}

export const fastifyAdapter: NodeAdapter = {
  framework: 'fastify',
  matches: (value) => hasMethods(value, 'register', 'ready', 'listen', 'close', 'addHook', 'route', 'printRoutes') && bag(value)?.server !== undefined,
  record: recordFastifyApps,
  async start(value, _ctx) {
    const app = value as FastifyLike;
    hookRoutes(app);
    try {
      await app.ready();
    } catch (err) {
      await closeQuietly(app);
      throw new WsroutesError('APP_START_FAILED', `The Fastify app failed to start: ${errorMessage(err)}`, { cause: err });
    }
    if (!app.hasDecorator('websocketServer')) {
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
        await closeQuietly(app);
        throw new WsroutesError('APP_START_FAILED', `The Fastify app could not listen on 127.0.0.1: ${errorMessage(err)}`, { cause: err });
      }
    }
    return { server: app.server, routes: [...(routesOf.get(app)?.values() ?? [])], close: () => closeQuietly(app) };
  },
};
