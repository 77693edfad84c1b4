/**
 * Starts a Node app in-process as a Target, the one start path of the CLI, the runner
 * integrations and the Conductor: load the module (TypeScript included) while every
 * adapter's recorder watches and every `listen` it makes is captured (moved to a free
 * 127.0.0.1 port), pick and resolve its export, else take what the recorders found or
 * the server it started itself, start that with the first adapter that recognises it,
 * and tie the exceptions it raises to the connections that caused them. While it is
 * loaded, its `process.exit` calls are caught (exit-guard.ts: one while starting fails the
 * start) and the processes it spawns are ended at stop (child-reaper.ts).
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { withNodeLiterals } from '../../discovery/literals-node.js';
import { withNodeProcedures } from '../../discovery/procedures-node.js';
import { isWsroutesError, WsroutesError } from '../../errors.js';
import { withFreshStarts } from '../fresh.js';
import type { Target } from '../target.js';
import { bag, portOrStop, stopStarted, type AppRecorder, type NodeAdapter } from './adapter.js';
import { ChildReaper } from './child-reaper.js';
import type { AppExitError } from './exit-guard.js';
import { watchForFreeze, type LastWords } from './freeze-watchdog.js';
import { listening } from './listen.js';
import { ListenCapture } from './listen-capture.js';
import { attachedWs, withAttached } from './attached-ws.js';
import { closeWebSocketServer } from './ws.js';
import { type AppSpec, parseNodeSpec } from '../../config/app-spec.js';
import { assertFile } from '../../config/file-kind.js';
import { errorMessage, loadModule, pickExport } from './load-module.js';
import { adapterFor, NODE_ADAPTERS } from './registry.js';
import { describeValue, resolveApp, SUPPORTED, type ResolvedApp } from './resolve-app.js';
import { currentApp, TraceCollector } from './traces.js';

export { NODE_ADAPTERS } from './registry.js';

const isApp = (value: unknown): boolean => adapterFor(value) !== undefined;
const usable = (value: unknown): boolean => isApp(value) || typeof value === 'function';

/** How long a server the module asked to listen may take to listen. */
const SELF_LISTEN_WAIT_MS = 5_000;

export interface NodeTargetOptions {
  cwd: string;
  /** --ws-include patterns (literal ones name routes of servers that route upgrades themselves). */
  include: string[];
  /** Print the app's exceptions as they are caught. */
  verbose?: boolean;
  /** --http: start an app that has HTTP routes only. */
  http?: boolean;
  /** Kill the run when the app blocks the event loop longer than this (ms); off when unset. */
  freezeLimitMs?: number;
}

/** A module file (`FILE[:EXPORT]`, relative to cwd), or an app value a test made itself. */
export type NodeAppSource = { spec: string } | { value: unknown };

/** Starts the app module `spec` (`FILE[:EXPORT]`). */
export function startNodeTarget(spec: string, opts: NodeTargetOptions): Promise<Target> {
  return startNodeApp({ spec }, opts);
}

/** The captured server that belongs to `app`: its own `server`, one whose request listener it is, else the first. */
function serverOf(app: unknown, servers: readonly Server[]): Server | undefined {
  const own = bag(app)?.server;
  return servers.find((s) => s === own) ?? servers.find((s) => s.listeners('request').includes(app as never)) ?? servers[0];
}

/** What a module that exports no app is: what a recorder found, else the app a captured server serves, else the server. */
function startedByModule(servers: readonly Server[], recorders: AppRecorder[]): unknown {
  // Recorders first: a Nest application's server serves the Express app inside it.
  for (const recorder of recorders) {
    const found = recorder.found().find(isApp);
    if (found !== undefined) return found;
  }
  for (const server of servers) {
    const served = server.listeners('request').find(isApp);
    if (served !== undefined) return served;
  }
  return servers.find(isApp);
}

interface Loaded {
  /** The export, resolved; undefined when the module exports no app. */
  resolved?: ResolvedApp;
  /** Why the export could not be used, for when nothing else is found either. */
  problem?: unknown;
}

function hasExports(ns: Record<string, unknown>): boolean {
  const def = bag(ns.default);
  const emptyCjs = def !== undefined && typeof ns.default === 'object' && Object.keys(def).length === 0 && Object.getPrototypeOf(def) === Object.prototype;
  return Object.keys(ns).some((k) => k !== '__esModule' && !(k === 'default' && (ns.default === undefined || emptyCjs)));
}

async function loadFile(appSpec: AppSpec): Promise<Loaded> {
  const ns = await loadModule(appSpec.file);
  if (appSpec.exportName === undefined && !hasExports(ns)) return {};
  try {
    const picked = pickExport(ns, appSpec, usable);
    const where = `${appSpec.file}:${picked.name}`;
    if (appSpec.exportName === undefined && !usable(picked.value)) {
      // Not an app (resolveApp says why); maybe the module started one itself.
      return { problem: await resolveApp(picked.value, ns, where, isApp).catch((e: unknown) => e) };
    }
    return { resolved: await resolveApp(picked.value, ns, where, isApp) };
  } catch (err) {
    if (appSpec.exportName !== undefined || !isWsroutesError(err) || err.code !== 'APP_NOT_FOUND') throw err;
    return { problem: err };
  }
}

/** Where the app called process.exit: the first frame of its stack (the call site). */
function callSite(err: AppExitError): string {
  const frame = /\n\s+at (?:.*? \()?(.+?)\)?$/m.exec(err.stack ?? '')?.[1];
  return frame ? ` at ${frame.replace(/^file:\/\//, '')}` : '';
}

function exitedWhileStarting(label: string, err: AppExitError): WsroutesError {
  return new WsroutesError('APP_START_FAILED', `${label} called process.exit(${err.exitCode}) while starting${callSite(err)}`, { cause: err });
}

export async function startNodeApp(source: NodeAppSource, opts: NodeTargetOptions): Promise<Target> {
  const appSpec = 'spec' in source ? parseNodeSpec(source.spec, opts.cwd) : undefined;
  // Before any adapter's recorder reads it: a FIFO would block the thread for good.
  if (appSpec && 'spec' in source) assertFile(appSpec.file, `--app ${source.spec}`);
  // A value's appFile only locates the app's own packages (its copy of `ws`): resolve them from cwd.
  const appFile = appSpec?.file ?? join(opts.cwd, 'package.json');
  const label = appSpec ? appSpec.file : 'Conductor.start({ app })';
  const spec = 'spec' in source ? source.spec : undefined;
  // Active from the first line of the app: an exception it raises must never crash wsroutes.
  const traces = new TraceCollector({ verbose: opts.verbose });
  const reaper = new ChildReaper(() => currentApp() === traces);
  const capture = new ListenCapture();
  const recorders: AppRecorder[] = appSpec
    ? NODE_ADAPTERS.flatMap((a: NodeAdapter) => (a.record ? [a.record({ appFile, fromApp: capture.contains })] : []))
    : [];
  const stopRecorders = (): void => recorders.forEach((r) => r.stop());
  try {
    await Promise.all(recorders.map((r) => r.ready?.()));
    const loaded = await traces.run(() =>
      capture.run(async (): Promise<Loaded> => {
        if (appSpec) return loadFile(appSpec);
        const value = bag(source)?.value;
        // `{ app, ...more }`, as a Hono factory returns `{ app, injectWebSocket }`.
        const wrapped = bag(value);
        if (!isApp(value) && wrapped && isApp(wrapped.app)) return { resolved: { app: wrapped.app, exports: { ...wrapped }, label } };
        return { resolved: await resolveApp(value, {}, label, isApp) };
      }),
    );
    await capture.settle();
    const servers = capture.servers as readonly Server[];
    let resolved = loaded.resolved;
    if (!resolved) {
      const app = startedByModule(servers, recorders);
      if (app !== undefined) resolved = { app, exports: {}, label: `${label} (the app it starts)` };
    }
    stopRecorders();
    if (!resolved) {
      if (loaded.problem !== undefined) throw loaded.problem;
      throw new WsroutesError('NOT_AN_APP', `${label} exports no app and starts no server; export ${SUPPORTED}`);
    }
    const adapter = adapterFor(resolved.app);
    if (!adapter) throw new WsroutesError('NOT_AN_APP', `${resolved.label} is ${describeValue(resolved.app)}, not a supported app; supported: ${SUPPORTED}`);
    const own = serverOf(resolved.app, servers);
    if (own) await listening(own, undefined, SELF_LISTEN_WAIT_MS);
    // `ws` servers attached to the server the module started add their routes to whatever serves its
    // requests (Apollo's Express + ws setup); the http and ws adapters read them themselves.
    const attached = own && adapter.framework !== 'http' && adapter.framework !== 'ws' ? await attachedWs(own, appFile) : undefined;
    const started = await traces.run(() =>
      adapter.start(resolved.app, {
        appFile,
        include: opts.include,
        http: opts.http,
        exports: resolved.exports,
        listening: own,
        wsAttached: attached !== undefined && (attached.routes.length > 0 || attached.catchAll),
      }),
    );
    if (attached) {
      const close = started.close;
      Object.assign(started, {
        routes: withAttached(started.routes, attached),
        close: async () => {
          await Promise.all(attached.servers.map((wss) => closeWebSocketServer(wss)));
          await close();
        },
      });
    }
    const port = await portOrStop(started);
    if (traces.exitWhileStarting) {
      await stopStarted(started);
      throw exitedWhileStarting(label, traces.exitWhileStarting);
    }
    traces.started();
    const uninstrument = traces.instrument(started.server);
    const freeze = opts.freezeLimitMs && spec ? watchForFreeze(opts.freezeLimitMs, spec, reaper.mark) : undefined;
    let stopping: Promise<void> | undefined;
    const stop = async (): Promise<void> => {
      freeze?.stop();
      uninstrument();
      for (const socket of traces.sockets) socket.destroy();
      await stopStarted(started);
      await capture.dispose();
      await reaper.reap();
      traces.dispose();
    };
    const target: Target = {
      kind: 'node',
      framework: adapter.framework,
      spec: spec ?? `(${adapter.framework} app object)`,
      baseUrl: `ws://127.0.0.1:${port}`,
      routes: await withNodeProcedures(await withNodeLiterals(started.routes, { appFile: appSpec?.file, app: resolved.app }), appSpec?.file),
      traces,
      stop: () => (stopping ??= stop()),
      ...(freeze && { lastWords: (words: LastWords) => freeze.lastWords(words, [...reaper.groups]) }),
    };
    // A module file can be loaded afresh (load-module.ts evaluates it again each start); an app
    // object a test made cannot. The watchdog stays with the first instance.
    return appSpec ? withFreshStarts(target, () => startNodeApp(source, { ...opts, freezeLimitMs: undefined })) : target;
  } catch (err) {
    stopRecorders();
    await capture.dispose();
    await reaper.reap();
    traces.dispose();
    if (traces.exitWhileStarting) throw exitedWhileStarting(label, traces.exitWhileStarting);
    if (isWsroutesError(err)) throw err;
    throw new WsroutesError('APP_START_FAILED', `${label} failed to start: ${errorMessage(err)}`, { cause: err });
  }
}
