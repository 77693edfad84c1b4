/**
 * Starts a Node app in-process as a Target: load the module (TypeScript included),
 * pick and resolve its export, start it with the first adapter that recognises it,
 * and tie the exceptions it raises to the connections that caused them.
 */
import { isWsroutesError, WsroutesError } from '../../errors.js';
import type { Target } from '../target.js';
import { portOrStop, stopStarted, type NodeAdapter } from './adapter.js';
import { expressAdapter } from './express.js';
import { fastifyAdapter, recordFastifyRoutes } from './fastify.js';
import { honoAdapter } from './hono.js';
import { httpAdapter } from './http.js';
import { errorMessage, loadModule, parseSpec, pickExport } from './load-module.js';
import { resolveApp, SUPPORTED } from './resolve-app.js';
import { TraceCollector } from './traces.js';
import { watchForFreeze } from './freeze-watchdog.js';
import { wsAdapter } from './ws.js';

/** In order: the first that matches wins (an Express app is a function, so it comes before factories). */
export const NODE_ADAPTERS: readonly NodeAdapter[] = [fastifyAdapter, expressAdapter, honoAdapter, wsAdapter, httpAdapter];

function adapterFor(value: unknown): NodeAdapter | undefined {
  return NODE_ADAPTERS.find((a) => a.matches(value));
}

const isApp = (value: unknown): boolean => adapterFor(value) !== undefined;

export interface NodeTargetOptions {
  cwd: string;
  /** --ws-include patterns (literal ones name routes of servers that route upgrades themselves). */
  include: string[];
  /** Print the app's exceptions as they are caught. */
  verbose?: boolean;
  /** Kill the run when the app blocks the event loop longer than this (ms); off when unset. */
  freezeLimitMs?: number;
}

export async function startNodeTarget(spec: string, opts: NodeTargetOptions): Promise<Target> {
  const appSpec = parseSpec(spec, opts.cwd);
  // Active from the first line of the app: an exception it raises must never crash wsroutes.
  const traces = new TraceCollector({ verbose: opts.verbose });
  const stopRecording = recordFastifyRoutes();
  try {
    const ns = await loadModule(appSpec.file);
    const picked = pickExport(ns, appSpec, (v) => isApp(v) || typeof v === 'function');
    const resolved = await resolveApp(picked.value, ns, `${appSpec.file}:${picked.name}`, isApp);
    stopRecording();
    const adapter = adapterFor(resolved.app);
    if (!adapter) throw new WsroutesError('NOT_AN_APP', `${resolved.label} is not a supported app; supported: ${SUPPORTED}`);
    const started = await adapter.start(resolved.app, {
      appFile: appSpec.file,
      include: opts.include,
      injectWebSocket: resolved.injectWebSocket,
    });
    const port = await portOrStop(started);
    const uninstrument = traces.instrument(started.server);
    const unwatch = opts.freezeLimitMs ? watchForFreeze(opts.freezeLimitMs, spec) : () => {};
    let stopping: Promise<void> | undefined;
    const stop = async (): Promise<void> => {
      unwatch();
      uninstrument();
      for (const socket of traces.sockets) socket.destroy();
      await stopStarted(started);
      traces.dispose();
    };
    return {
      kind: 'node',
      framework: adapter.framework,
      spec,
      baseUrl: `ws://127.0.0.1:${port}`,
      routes: started.routes,
      traces,
      stop: () => (stopping ??= stop()),
    };
  } catch (err) {
    stopRecording();
    traces.dispose();
    if (isWsroutesError(err)) throw err;
    throw new WsroutesError('APP_START_FAILED', `${appSpec.file} failed to start: ${errorMessage(err)}`, { cause: err });
  }
}
