/**
 * Socket.IO 4 servers. Each namespace (`io._nsps`: `/` and every `io.of('/admin')`) is
 * a route whose path is the namespace; connections go to the engine.io endpoint
 * (`io.path()`, `/socket.io/` by default) over the WebSocket transport. The events
 * a namespace's connection handlers listen to, and which of them take an ack, come
 * from one real connection per namespace (socketio-probe.ts).
 *
 * The app may export the `Server`, or the http.Server it is attached to, or nothing:
 * when the module names socket.io, its package.json depends on it, or it uses a package
 * that does (Feathers' @feathersjs/socketio), `record` wraps `Server.prototype.attach` of
 * each of those copies (the constructor attaches through it, as do `io.listen()` and
 * `io.attach()`) while the module loads, so every attached server is known, and so is
 * the http server under it. (socket.io's ESM entry re-exports its CommonJS build, so
 * `require` from the app's or the wrapper's folder reaches the very class it imports.)
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { literalPaths } from '../../discovery/filter.js';
import type { Route } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import { bag, hasMethods, type AppRecorder, type NodeAdapter } from './adapter.js';
import { nearestPackageJson, packageOf } from './app-packages.js';
import { closeServer, listenLocal, portOf } from './listen.js';
import { feathersNamespace, recordFeathers } from './socketio-feathers.js';
import { probeNamespace, type SocketLike } from './socketio-probe.js';

const PROBE_TIMEOUT_MS = 5_000;
const CLOSE_WAIT_MS = 2_000;

interface IoNamespace {
  name: string;
  sockets: Map<string, SocketLike>;
  listeners(event: string): unknown[];
}

interface IoServer {
  _nsps: Map<string, IoNamespace>;
  /** Dynamic namespaces (`io.of(/^\/room-\w+$/)`): their children exist once a client joins one. */
  parentNsps?: Map<unknown, unknown>;
  httpServer?: Server;
  engine?: { opts?: { transports?: string[] } };
  path(): string;
  attach(srv: unknown, opts?: unknown): unknown;
  close(fn?: () => void): unknown;
}

type Attach = (this: IoServer, srv: unknown, opts?: unknown) => unknown;

/** The Socket.IO server attached to each http server, as `attach` saw it. */
const attachedTo = new WeakMap<object, IoServer>();

export function isSocketIoServer(value: unknown): boolean {
  const nsps = bag(value)?._nsps;
  return hasMethods(value, 'of', 'attach', 'listen', 'path', 'close', 'use') && nsps instanceof Map;
}

function ioOf(value: unknown): IoServer | undefined {
  if (isSocketIoServer(value)) return value as IoServer;
  return typeof value === 'object' && value !== null ? attachedTo.get(value) : undefined;
}

/** Every live recording, and the originals of the `attach` methods wrapped for them. */
const recordings = new Set<IoServer[]>();
const originals = new Map<{ attach: Attach }, Attach>();

function wrapAttach(proto: { attach: Attach }): void {
  if (originals.has(proto)) return;
  const original = proto.attach;
  originals.set(proto, original);
  proto.attach = function (this: IoServer, srv, opts) {
    const result = original.call(this, srv, opts);
    if (this.httpServer) attachedTo.set(this.httpServer, this);
    for (const found of recordings) if (!found.includes(this)) found.push(this);
    return result;
  };
}

function unwrapAll(): void {
  for (const [proto, original] of originals) proto.attach = original;
  originals.clear();
}

/** Bare package names a module's source imports or requires (`@feathersjs/socketio`, `socket.io`). */
function importedPackages(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/(?:from\s*|import\s*\(?\s*|require\s*\(\s*)['"]([^'".][^'"]*)['"]/g)) {
    const spec = m[1]!;
    if (spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    names.add(parts.slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
  }
  return [...names];
}

/**
 * Where the app's copies of socket.io are loaded from: the app itself when it names
 * socket.io or its project depends on it, and every package it uses (its project's
 * dependencies, the packages its module imports) that depends on socket.io itself: a
 * wrapper such as Feathers' @feathersjs/socketio or Nest's @nestjs/platform-socket.io
 * creates the Server from its own copy, which may be another one than the app's.
 */
function socketIoRequirers(appFile: string): string[] {
  let source = '';
  try {
    source = readFileSync(appFile, 'utf8');
  } catch {
    return []; // loadModule reports a missing file
  }
  const pkg = nearestPackageJson(appFile);
  const own = pkg?.dependencies?.['socket.io'] !== undefined || source.includes('socket.io');
  const used = new Set([...Object.keys(pkg?.dependencies ?? {}), ...importedPackages(source)]);
  used.delete('socket.io');
  const wrappers = [...used].flatMap((name) => {
    const found = packageOf(appFile, name);
    return found?.json.dependencies?.['socket.io'] !== undefined ? [join(found.dir, 'package.json')] : [];
  });
  return [...(own ? [appFile] : []), ...wrappers];
}

/** `Server.prototype` of each copy of socket.io the app may create a Server from; only an app that uses socket.io pays for loading it early. */
function serverPrototypes(appFile: string): Array<{ attach: Attach }> {
  const protos = new Set<{ attach: Attach }>();
  for (const from of socketIoRequirers(appFile)) {
    try {
      const sio = createRequire(from)('socket.io') as { Server?: { prototype?: { attach?: unknown } } };
      if (typeof sio.Server?.prototype?.attach === 'function') protos.add(sio.Server.prototype as { attach: Attach });
    } catch {
      // That package cannot import socket.io: nothing to watch there.
    }
  }
  return [...protos];
}

function recordServers(appFile: string): AppRecorder {
  const found: IoServer[] = [];
  const protos = serverPrototypes(appFile);
  if (protos.length === 0) return { found: () => [], stop: () => {} };
  recordings.add(found);
  protos.forEach(wrapAttach);
  let stopped = false;
  return {
    found: () => [...found],
    stop: () => {
      if (stopped) return;
      stopped = true;
      recordings.delete(found);
      if (recordings.size === 0) unwrapAll();
    },
  };
}

/**
 * Namespace names to test: those with a connection handler (without any, and without
 * dynamic namespaces, all of them: `/` at least), and, where dynamic namespaces exist,
 * the literal --ws-include paths: the probe joining one creates that child.
 */
function namespaceNames(io: IoServer, include: string[]): string[] {
  const all = [...io._nsps.values()];
  const handled = all.filter((nsp) => nsp.listeners('connection').length + nsp.listeners('connect').length > 0);
  const names = (handled.length || io.parentNsps?.size ? handled : all).map((nsp) => nsp.name);
  const dynamic = io.parentNsps?.size ? literalPaths(include).filter((p) => !io._nsps.has(p)) : [];
  return [...names, ...dynamic];
}

async function closeIo(io: IoServer, server: Server): Promise<void> {
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_WAIT_MS);
      Promise.resolve(io.close())
        .catch(() => {})
        .finally(() => {
          clearTimeout(timer);
          resolve();
        });
    });
  } catch {
    // best effort: stop() never throws
  }
  server.closeAllConnections?.();
}

export const socketioAdapter: NodeAdapter = {
  framework: 'socketio',
  matches: (value) => ioOf(value) !== undefined,
  record: (ctx) => {
    const servers = recordServers(ctx.appFile);
    const feathers = recordFeathers(ctx.appFile);
    return {
      found: servers.found,
      stop: () => {
        servers.stop();
        feathers.stop();
      },
    };
  },
  async start(value, ctx) {
    const io = ioOf(value) as IoServer;
    let server = io.httpServer ?? ctx.listening;
    if (!server) {
      // A Server never attached: give it an http server of its own.
      server = createServer((_req, res) => res.writeHead(404).end());
      io.attach(server);
    }
    const transports = io.engine?.opts?.transports;
    if (transports && !transports.includes('websocket')) {
      throw new WsroutesError(
        'APP_START_FAILED',
        `The Socket.IO server accepts only the ${transports.join(', ')} transport; wsroutes connects over WebSocket (add 'websocket' to transports)`,
      );
    }
    const srv: Server = server;
    await listenLocal(srv);
    const endpoint = `${io.path().replace(/\/$/, '')}/`;
    try {
      const base = `ws://127.0.0.1:${portOf(srv)}${endpoint}?EIO=4&transport=websocket`;
      const socketOf = (name: string) => (sid: string) => io._nsps.get(name)?.sockets.get(sid);
      const statics = new Set(io._nsps.keys());
      const routes: Route[] = [];
      const probed = await Promise.all(
        namespaceNames(io, ctx.include).map(async (name) => ({ name, found: await probeNamespace(name, base, socketOf(name), PROBE_TIMEOUT_MS) })),
      );
      for (const { name, found } of probed) {
        // A refused namespace is still a route (the run says it refuses); a dynamic name only when joined.
        if (!found && !statics.has(name)) continue;
        const { events, acks, args } = found ?? { events: [], acks: [], args: {} };
        const route: Route = { path: name, kind: 'websocket', params: [], events, socketio: { namespace: name, endpoint, acks, args } };
        // Feathers' methods: every one answers an ack, its service path first.
        const feathers = name === '/' ? feathersNamespace(io, events) : undefined;
        routes.push(feathers ? { ...route, socketio: { ...route.socketio!, ...feathers.socketio }, literals: feathers.literals } : route);
      }
      return { server: srv, routes, close: () => closeIo(io, srv) };
    } catch (err) {
      await closeIo(io, srv);
      await closeServer(srv);
      throw err;
    }
  },
};
