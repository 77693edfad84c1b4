/**
 * NestJS gateways, on @nestjs/platform-ws (`WsAdapter`) or on Socket.IO (Nest's default:
 * `IoAdapter` from @nestjs/platform-socket.io, also when the app sets no adapter). A Nest
 * app is bootstrapped by a `main.ts` that exports nothing (`NestFactory.create`,
 * `app.listen(3000)`), so the recorder wraps `NestFactory.create` of the app's own copy of
 * @nestjs/core while the module loads: the application it creates is what we start, once
 * the module's own `listen` is through (the listen capture moved it to a loopback port).
 * An exported application, or a factory returning one, works too.
 *
 * Routes, from Nest's metadata on the gateway classes (`@WebSocketGateway` options,
 * `@SubscribeMessage` names as Route.events): on the ws adapter one per gateway path; on
 * Socket.IO one per namespace (`namespace` option, `/` without), a Socket.IO route on the
 * engine.io path (`path` option, `/socket.io/` without). On Socket.IO a handler's return
 * value answers the emit's ack when the client sent one and is dropped otherwise, so only
 * the events whose handler takes `@Ack()` (and promises to call it) are emitted with acks:
 * an ack asked of a handler that returns nothing, or a `WsResponse`, would wait for ever.
 * Traces: Nest catches a handler's exception, answers `{"event":"exception",...}` and
 * logs the error with its Logger; the Logger is overridden for the run so an Error it
 * is given goes to `console.error`, which the trace collector ties to the connection.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Route, SocketIoRoute } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import { bag, hasMethods, type AppRecorder, type NodeAdapter } from './adapter.js';
import { loadAsApp } from './app-packages.js';
import { ListenCapture } from './listen-capture.js';
import { closeServer } from './listen.js';
import { errorMessage } from './load-module.js';

// @nestjs/websockets' metadata keys (constants.js).
const GATEWAY_METADATA = 'websockets:is_gateway';
const GATEWAY_OPTIONS = 'websockets:gateway_options';
const PORT_METADATA = 'port';
const MESSAGE_MAPPING_METADATA = 'websockets:message_mapping';
const MESSAGE_METADATA = 'message';
// @nestjs/common's ROUTE_ARGS_METADATA, where `@Ack()` leaves `${WsParamtype.ACK}:${index}`.
const ROUTE_ARGS_METADATA = '__routeArguments__';
const WS_PARAMTYPE_ACK = 13;
const SOCKET_IO_PATH = '/socket.io';

/** How long the module may take from `NestFactory.create` to calling `listen` itself. */
const LISTEN_CALL_WAIT_MS = 5_000;
const CLOSE_WAIT_MS = 2_000;

interface NestApp {
  getHttpServer(): Server;
  listen(port: number, host?: string): Promise<unknown>;
  close(): Promise<void>;
  init(): Promise<unknown>;
  container?: { getModules(): Map<unknown, { providers: Map<unknown, { metatype?: unknown }> }> };
  config?: { getIoAdapter(): unknown };
}

/** An application NestFactory.create made while the module loaded. */
interface RecordedApp {
  readonly nestRecorded: true;
  appFile: string;
  /** The application (created asynchronously), or why it could not be made. */
  created: Promise<NestApp>;
  /** The module's own `listen()`, once it calls it. */
  listenCall?: Promise<unknown>;
  onListenCall?: () => void;
}

type Metadata = (key: string, target: unknown) => unknown;

/** reflect-metadata's `Reflect.getMetadata`, which Nest installs. */
function metadataReader(): Metadata | undefined {
  const get = (Reflect as unknown as { getMetadata?: Metadata }).getMetadata;
  return typeof get === 'function' ? get.bind(Reflect) : undefined;
}

function isRecorded(value: unknown): value is RecordedApp {
  return bag(value)?.nestRecorded === true;
}

export function isNestApp(value: unknown): boolean {
  return hasMethods(value, 'getHttpServer', 'useWebSocketAdapter', 'listen', 'close', 'init', 'select');
}

interface Gateway {
  name: string;
  port: number;
  path: string;
  events: string[];
  /** Events whose handler takes `@Ack()`. */
  acks: string[];
  /** The `namespace` option as given (Socket.IO). */
  namespace?: unknown;
  /** The `path` option as given: on Socket.IO, the engine.io path. */
  pathOption?: unknown;
}

/** A gateway path as Nest's ws adapter matches it (`normalizePath`): a leading slash, no trailing ones. */
export function gatewayPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') return '/';
  const trimmed = path.replace(/\/+$/, '');
  return `/${trimmed}`.replace(/\/+/g, '/');
}

type MetadataOf = (key: string, target: unknown, property: string) => unknown;

/** Whether a method takes `@Ack()` (as Nest's GatewayMetadataExplorer.hasAckDecorator reads it). */
function takesAck(ctor: unknown, method: string): boolean {
  const get = (Reflect as unknown as { getMetadata?: MetadataOf }).getMetadata;
  const params = typeof get === 'function' ? bag(get.call(Reflect, ROUTE_ARGS_METADATA, ctor, method)) : undefined;
  return Object.keys(params ?? {}).some((key) => Number(key.split(':')[0]) === WS_PARAMTYPE_ACK);
}

/** The `@SubscribeMessage` names of a gateway class, its base classes' included, and those whose handler takes `@Ack()`. */
function eventsOf(metatype: { prototype: unknown }, get: Metadata): { events: string[]; acks: string[] } {
  const events: string[] = [];
  const acks: string[] = [];
  for (let proto: unknown = metatype.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (name === 'constructor' || typeof method !== 'function' || get(MESSAGE_MAPPING_METADATA, method) === undefined) continue;
      const message = get(MESSAGE_METADATA, method);
      if (typeof message !== 'string' || events.includes(message)) continue;
      events.push(message);
      if (takesAck(metatype, name)) acks.push(message);
    }
  }
  return { events, acks };
}

/** The gateway classes the application provides, from its module container. */
export function gatewaysOf(app: unknown): Gateway[] {
  const get = metadataReader();
  const modules = bag(app)?.container as NestApp['container'];
  if (!get || typeof modules?.getModules !== 'function') return [];
  const seen = new Set<unknown>();
  const gateways: Gateway[] = [];
  for (const module of modules.getModules().values()) {
    for (const wrapper of module.providers?.values() ?? []) {
      const metatype = wrapper?.metatype;
      if (typeof metatype !== 'function' || seen.has(metatype) || get(GATEWAY_METADATA, metatype) !== true) continue;
      seen.add(metatype);
      const options = bag(get(GATEWAY_OPTIONS, metatype)) ?? {};
      const port = Number(get(PORT_METADATA, metatype) ?? 0) || 0;
      gateways.push({
        name: metatype.name || 'a gateway',
        port,
        path: gatewayPath(options.path),
        ...eventsOf(metatype, get),
        namespace: options.namespace,
        pathOption: options.path,
      });
    }
  }
  return gateways;
}

/**
 * One route per gateway path (gateways sharing a path share its events); Nest's ws paths
 * are literal. They speak Nest's envelope (protocols/nest-ws.ts), whose `exception` event
 * answers a handler's exception.
 */
export function gatewayRoutes(gateways: Gateway[]): Route[] {
  const byPath = new Map<string, Route>();
  for (const g of gateways) {
    const route = byPath.get(g.path) ?? { path: g.path, kind: 'websocket' as const, params: [], events: [], protocol: 'nest-ws' as const };
    for (const e of g.events) if (!route.events!.includes(e)) route.events!.push(e);
    byPath.set(g.path, route);
  }
  return [...byPath.values()].map((r) => (r.events?.length ? r : { path: r.path, kind: r.kind, params: r.params, protocol: r.protocol }));
}

/** A Socket.IO namespace as Nest names it (a leading slash added); undefined for a dynamic one (a RegExp or function). */
export function socketIoNamespace(namespace: unknown): string | undefined {
  if (namespace === undefined || namespace === null || namespace === '') return '/';
  if (typeof namespace !== 'string') return undefined;
  return namespace.startsWith('/') ? namespace : `/${namespace}`;
}

/**
 * One Socket.IO route per namespace (gateways sharing one share its events and acks),
 * all on the one engine.io path they share. A dynamic namespace (a RegExp) has no name
 * to join; it is left out, as are gateways on another engine.io path than the first.
 */
export function socketIoGatewayRoutes(gateways: Gateway[]): Route[] {
  const pathOf = (g: Gateway): string => (typeof g.pathOption === 'string' && g.pathOption ? g.pathOption : SOCKET_IO_PATH).replace(/\/+$/, '');
  const paths = [...new Set(gateways.map(pathOf))];
  if (paths.length > 1) {
    throw new WsroutesError(
      'NOT_AN_APP',
      `Nest gateways on more than one Socket.IO path are not supported: ${paths.join(', ')}; serve them on one (the \`path\` option of @WebSocketGateway)`,
    );
  }
  const endpoint = `${paths[0] ?? SOCKET_IO_PATH}/`;
  const byNamespace = new Map<string, Route & { socketio: SocketIoRoute; events: string[] }>();
  for (const g of gateways) {
    const namespace = socketIoNamespace(g.namespace);
    if (namespace === undefined) continue;
    const route = byNamespace.get(namespace) ?? {
      path: namespace,
      kind: 'websocket' as const,
      params: [],
      events: [],
      socketio: { namespace, endpoint, acks: [], args: {} },
    };
    for (const e of g.events) if (!route.events.includes(e)) route.events.push(e);
    for (const e of g.acks) if (!route.socketio.acks.includes(e)) route.socketio.acks.push(e);
    byNamespace.set(namespace, route);
  }
  return [...byNamespace.values()];
}

type AdapterKind = 'ws' | 'socketio';

/** Nest's IoAdapter, or a class extending it (a Redis adapter): what serves gateways with Socket.IO. */
function isIoAdapter(adapter: unknown): boolean {
  const a = bag(adapter);
  return typeof a?.createIOServer === 'function' && typeof a.mapPayload === 'function';
}

/**
 * Which adapter serves the gateways, or why they cannot be served: none set, Nest loads
 * @nestjs/platform-socket.io itself (or exits the process when it is missing).
 */
function adapterOf(app: NestApp, appFile: string): AdapterKind | WsroutesError {
  const adapter = app.config?.getIoAdapter();
  if (adapter) return isIoAdapter(adapter) ? 'socketio' : 'ws';
  if (gatewaysOf(app).length === 0) return 'ws';
  try {
    createRequire(appFile).resolve('@nestjs/platform-socket.io');
    return 'socketio';
  } catch {
    return new WsroutesError(
      'NOT_AN_APP',
      'This Nest app has gateways but no WebSocket adapter: install @nestjs/platform-socket.io (Nest serves gateways with Socket.IO by default), or call app.useWebSocketAdapter(new WsAdapter(app)) (from @nestjs/platform-ws) before app.listen()',
    );
  }
}

function adapterProblem(app: NestApp, appFile: string): WsroutesError | undefined {
  const kind = adapterOf(app, appFile);
  return kind instanceof WsroutesError ? kind : undefined;
}

/** The application as the module sees it: `listen` and `init` first check the adapter, and `listen` is recorded. */
function observed(app: NestApp, rec: RecordedApp): NestApp {
  const guard = (): void => {
    const problem = adapterProblem(app, rec.appFile);
    if (problem) throw problem;
  };
  return new Proxy(app, {
    get(target, prop) {
      if (prop === 'listen') {
        return (...args: unknown[]): Promise<unknown> => {
          const call = (async () => {
            guard();
            return (target.listen as (...a: unknown[]) => Promise<unknown>)(...args);
          })();
          rec.listenCall = call;
          rec.onListenCall?.();
          return call;
        };
      }
      if (prop === 'init') {
        return async (): Promise<unknown> => {
          guard();
          return target.init();
        };
      }
      return Reflect.get(target, prop) as unknown;
    },
  });
}

/** `create(module, options)` or `create(module, httpAdapter, options)`, with `abortOnError: false`: a failing bootstrap rejects instead of aborting the process. */
function withoutAbort(args: unknown[]): unknown[] {
  const second = bag(args[1]);
  const adapterGiven = second !== undefined && typeof second.patch === 'function';
  const at = adapterGiven ? 2 : 1;
  const out = [...args];
  out[at] = { ...(bag(args[at]) ?? {}), abortOnError: false };
  return out;
}

/** Wraps `NestFactory.create` of the app's @nestjs/core while the module loads. */
function recordNest(ctx: { appFile: string }): AppRecorder {
  const found: RecordedApp[] = [];
  let stopped = false;
  let restore = (): void => {};
  let source = '';
  try {
    source = readFileSync(ctx.appFile, 'utf8');
  } catch {
    // loadModule reports a missing file
  }
  // Only a module that names Nest pays for importing it early.
  const ready = !source.includes('@nestjs/')
    ? Promise.resolve()
    : loadAsApp(ctx.appFile, '@nestjs/core').then((core) => {
        const factory = bag(core?.NestFactory);
        const original = factory?.create;
        if (stopped || !factory || typeof original !== 'function') return;
        const hadOwn = Object.hasOwn(factory, 'create');
        const create = function (this: unknown, ...args: unknown[]): Promise<unknown> {
          const rec: RecordedApp = { nestRecorded: true, appFile: ctx.appFile, created: undefined as never };
          rec.created = (original as (...a: unknown[]) => Promise<NestApp>).apply(this, withoutAbort(args));
          rec.created.catch(() => {}); // the module awaits it; start() reports it
          found.push(rec);
          return rec.created.then((app) => observed(app, rec));
        };
        factory.create = create;
        restore = () => {
          if (factory.create !== create) return;
          if (hadOwn) factory.create = original;
          else delete factory.create;
        };
      });
  return {
    ready: () => ready,
    found: () => [...found],
    stop: () => {
      stopped = true;
      restore();
    },
  };
}

/** Waits for the module's own `listen()` call (up to LISTEN_CALL_WAIT_MS), then for it to finish. */
async function moduleListen(rec: RecordedApp): Promise<void> {
  if (!rec.listenCall) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, LISTEN_CALL_WAIT_MS);
      rec.onListenCall = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  await rec.listenCall;
}

function startFailed(err: unknown): WsroutesError {
  if (err instanceof WsroutesError) return err;
  // Nest's messages go on with advice over several lines: the first says what failed.
  const first = errorMessage(err).split('\n')[0]!.trim();
  return new WsroutesError('APP_START_FAILED', `The Nest app failed to start: ${first}`, { cause: err });
}

type LogFn = (message: unknown, ...rest: unknown[]) => void;
type LoggerLike = Partial<Record<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal', LogFn>> & Record<string, unknown>;

function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** The Error in a logger call: given as is, or as `(message, stack)`. */
function errorIn(message: unknown, rest: unknown[]): Error | undefined {
  const given = [message, ...rest].find(isError);
  if (given) return given;
  const stack = rest[0];
  if (typeof message === 'string' && typeof stack === 'string' && /\n\s+at /.test(stack)) return Object.assign(new Error(message), { stack });
  return undefined;
}

type LoggerClass = Record<string, unknown> & { overrideLogger(logger: unknown): void };

/**
 * The Logger classes the app's Nest packages log through: the class of Logger
 * instances the application holds (its own, its gateways controller's), and the app's
 * @nestjs/common. More than one when the app's module system loaded Nest twice (a
 * CommonJS app requiring Nest's ES modules).
 */
async function loggerClasses(app: NestApp, appFile: string): Promise<LoggerClass[]> {
  const controller = bag(bag(bag(app)?.socketModule)?.webSocketsController);
  const instances = [bag(app)?.logger, controller?.logger];
  const classes = instances.map((l) => bag(bag(Object.getPrototypeOf(l ?? {}))?.constructor));
  classes.push(bag((await loadAsApp(appFile, '@nestjs/common'))?.Logger));
  return [...new Set(classes)].filter((c): c is LoggerClass => typeof c?.overrideLogger === 'function');
}

/**
 * Overrides Nest's Logger for the run: errors go to console.error (a connection's trace
 * inside one, printed as usual outside), everything else to the logger the app had.
 * Returns the undo.
 */
async function routeLoggedErrors(app: NestApp, appFile: string): Promise<() => void> {
  const undo = (await loggerClasses(app, appFile)).map((Logger) => {
    const previous = Logger.staticInstanceRef as LoggerLike | undefined;
    const forward =
      (level: keyof LoggerLike & string) =>
      (message: unknown, ...rest: unknown[]) => {
        const fn = previous?.[level];
        if (typeof fn === 'function') (fn as LogFn).call(previous, message, ...rest);
      };
    const onError =
      (level: 'error' | 'fatal') =>
      (message: unknown, ...rest: unknown[]) => {
        const err = errorIn(message, rest);
        if (err) console.error(err);
        else forward(level)(message, ...rest);
      };
    const ours = {
      log: forward('log'),
      warn: forward('warn'),
      debug: forward('debug'),
      verbose: forward('verbose'),
      error: onError('error'),
      fatal: onError('fatal'),
      setLogLevels: (levels: unknown) => (previous?.setLogLevels as ((l: unknown) => void) | undefined)?.call(previous, levels),
    };
    Logger.overrideLogger(ours);
    return () => {
      if (Logger.staticInstanceRef === ours) Logger.overrideLogger(previous ?? false);
    };
  });
  return () => undo.forEach((u) => u());
}

/**
 * The server of gateways on a port of their own: platform-ws's server for that port
 * (gateways with a path), the one `ws` made for a gateway without one, or the http
 * server Socket.IO made for that port (`new Server(port)`).
 */
function gatewayServer(app: NestApp, port: number): Server | undefined {
  const registry = bag(app.config?.getIoAdapter())?.httpServersRegistry;
  const shared = registry instanceof Map ? (registry.get(port) as Server | undefined) : undefined;
  if (shared) return shared;
  const hosts = bag(bag(bag(app)?.socketModule)?.socketsContainer)?.getAll;
  const all = typeof hosts === 'function' ? (hosts.call(bag(bag(app)?.socketModule)?.socketsContainer) as Map<unknown, unknown>) : undefined;
  for (const host of all?.values() ?? []) {
    const wss = bag(bag(host)?.server);
    if (bag(wss?.options)?.port === port && wss?._server) return wss._server as Server;
    // A Socket.IO server, or a namespace of one (`nsp.server`).
    const io = wss?.httpServer ? wss : bag(wss?.server);
    const http = io?.httpServer as Server | undefined;
    if (http && http !== app.getHttpServer()) return http;
  }
  return undefined;
}

async function closeApp(app: NestApp, server: Server): Promise<void> {
  await closeServer(server);
  await Promise.race([app.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
}

export const nestAdapter: NodeAdapter = {
  framework: 'nest',
  matches: (value) => isRecorded(value) || isNestApp(value),
  record: recordNest,
  async start(value, ctx) {
    let app: NestApp;
    try {
      app = isRecorded(value) ? await value.created : (value as NestApp);
    } catch (err) {
      throw startFailed(err);
    }
    const appServer = app.getHttpServer();
    // An exported app is listened to here: its gateways' own ports go to loopback too.
    const capture = new ListenCapture();
    const closeAll = async (): Promise<void> => {
      await closeApp(app, appServer);
      await capture.dispose();
    };
    try {
      if (isRecorded(value)) await moduleListen(value);
      const kind = adapterOf(app, ctx.appFile);
      if (kind instanceof WsroutesError) throw kind;
      const gateways = gatewaysOf(app);
      const ports = new Set(gateways.map((g) => g.port));
      // Gateways on the app's server, or all on one port of their own: one server to test.
      if (ports.size > 1) {
        const own = gateways.filter((g) => g.port !== 0).map((g) => `${g.name} (port ${g.port})`);
        throw new WsroutesError(
          'NOT_AN_APP',
          `Nest gateways on more than one server are not supported: ${own.join(', ')} beside the app's own; serve them on one`,
        );
      }
      if (!appServer.listening) await capture.run(() => app.listen(0, '127.0.0.1'));
      const [port = 0] = ports;
      const server = port === 0 ? appServer : gatewayServer(app, port);
      if (!server?.listening) throw new WsroutesError('APP_START_FAILED', `The server of the Nest gateways on port ${port} is not listening`);
      const restoreLogger = await routeLoggedErrors(app, ctx.appFile);
      return {
        server,
        routes: kind === 'socketio' ? socketIoGatewayRoutes(gateways) : gatewayRoutes(gateways),
        close: async () => {
          restoreLogger();
          await closeServer(server);
          await closeAll();
        },
      };
    } catch (err) {
      await closeAll();
      throw startFailed(err);
    }
  },
};
