/**
 * Feathers (v5) on Socket.IO (@feathersjs/socketio): the Socket.IO server is found as any
 * other (socketio.ts), and this module tells what Feathers puts on it. Every service
 * method is an event (`create`, `find`, custom ones) emitted as
 * `(path, ...args, params, callback)`: the path names the service, and Feathers always
 * answers the callback, with `(null, result)` or with the error (`{ name, message, code,
 * className }`), so every method event is emitted with an ack, the service paths are
 * the route's literals, and each event declares its method's arguments.
 *
 * Feathers catches a service's exception and answers it in the ack, logging nothing: a
 * crash of a service (an exception that is not a Feathers error, or one of 500 and up,
 * what Feathers' REST transports answer 500) is reported as the connection's trace through
 * an application error hook, as Express's final handler reports the errors it answers 500.
 * A Feathers error under 500 (`BadRequest`, `NotFound` for an unknown path) is an answer.
 *
 * The app is found by wrapping `Feathers.prototype.use` of the app's @feathersjs/feathers
 * while the module loads (every service registration goes through it, Koa's and Express's
 * `use` included): the app whose `io` is the Socket.IO server being started is its app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SocketIoRoute } from '../../discovery/route.js';
import { bag, type AppRecorder } from './adapter.js';
import { nearestPackageJson } from './app-packages.js';
import { reportRequestError } from './traces.js';

/** The arguments of Feathers' standard methods, the path first (transport-commons' `paramsPositions`). */
const METHOD_ARGS: Record<string, number> = { find: 2, get: 3, create: 3, update: 4, patch: 4, remove: 3 };
/** A custom method: `(path, data, params)`. */
const CUSTOM_ARGS = 3;

interface FeathersApp {
  io?: unknown;
  services: Record<string, unknown>;
  hooks(map: unknown): unknown;
}

type Use = (this: FeathersApp, ...args: unknown[]) => unknown;

/** The apps each live recording saw registering services. */
const recordings = new Set<Set<FeathersApp>>();
const originals = new Map<{ use: Use }, Use>();
/** Each recorded app by its Socket.IO server, once its recording ended (the app had set up its transport by then). */
const appByIo = new WeakMap<object, FeathersApp>();
const instrumented = new WeakSet<object>();

function usesFeathers(appFile: string): boolean {
  const deps = nearestPackageJson(appFile)?.dependencies ?? {};
  if (Object.keys(deps).some((d) => d.startsWith('@feathersjs/'))) return true;
  try {
    return readFileSync(appFile, 'utf8').includes('@feathersjs/');
  } catch {
    return false;
  }
}

/** Watches, while the module loads, for Feathers apps registering services. */
export function recordFeathers(appFile: string): AppRecorder {
  let proto: { use: Use } | undefined;
  if (usesFeathers(appFile)) {
    try {
      const feathers = createRequire(appFile)('@feathersjs/feathers') as { Feathers?: { prototype?: { use?: unknown } } };
      if (typeof feathers.Feathers?.prototype?.use === 'function') proto = feathers.Feathers.prototype as { use: Use };
    } catch {
      // The app cannot import Feathers: nothing to watch.
    }
  }
  if (!proto) return { found: () => [], stop: () => {} };
  if (!originals.has(proto)) {
    const original = proto.use;
    originals.set(proto, original);
    proto.use = function (this: FeathersApp, ...args: unknown[]) {
      for (const apps of recordings) apps.add(this);
      return original.apply(this, args);
    };
  }
  const apps = new Set<FeathersApp>();
  recordings.add(apps);
  let stopped = false;
  return {
    found: () => [],
    stop: () => {
      if (stopped) return;
      stopped = true;
      recordings.delete(apps);
      for (const app of apps) if (typeof app.io === 'object' && app.io !== null) appByIo.set(app.io, app);
      if (recordings.size > 0) return;
      for (const [p, original] of originals) p.use = original;
      originals.clear();
    },
  };
}

/** The Feathers app serving Socket.IO server `io`, if one registered its services while recorded. */
function feathersAppOf(io: unknown): FeathersApp | undefined {
  return typeof io === 'object' && io !== null ? appByIo.get(io) : undefined;
}

/** What Feathers answers 500 for: an exception that is not a Feathers error, or one of 500 and up. */
function isInternal(error: unknown): boolean {
  const e = bag(error);
  if (e?.type !== 'FeathersError') return true;
  return typeof e.code !== 'number' || e.code >= 500;
}

/** Reports each service crash as the trace of the connection whose call raised it (once per app). */
function reportCrashes(app: FeathersApp): void {
  if (instrumented.has(app)) return;
  instrumented.add(app);
  const report = (context: { error?: unknown }): void => {
    if (isInternal(context.error)) reportRequestError(undefined, context.error);
  };
  app.hooks({ error: { all: [report] } });
}

/**
 * The namespace `/` of a Feathers app as Feathers defines it: its method events (as the
 * probe found them) emitted with acks and their methods' arguments, the service paths as
 * literals. Undefined when `io` is not a Feathers app's.
 */
export function feathersNamespace(
  io: unknown,
  events: string[],
): { socketio: Pick<SocketIoRoute, 'acks' | 'args'>; literals: { strings: string[]; numbers: number[]; keys: string[] } } | undefined {
  const app = feathersAppOf(io);
  if (!app) return undefined;
  reportCrashes(app);
  const args = Object.fromEntries(events.map((e) => [e, METHOD_ARGS[e] ?? CUSTOM_ARGS]));
  return { socketio: { acks: [...events], args }, literals: { strings: Object.keys(app.services), numbers: [], keys: [] } };
}
