/**
 * The one place that wires a run together: start the target, pick the routes,
 * test every route side by side through one connection pool, stop the target.
 */
import type { Options } from '../config/options.js';
import { assertFile } from '../config/file-kind.js';
import { filterRoutes, literalPaths } from '../discovery/filter.js';
import { foundBy, type Route, websocketRoute } from '../discovery/route.js';
import { parseShard, routesInShard } from '../discovery/shard.js';
import { WsroutesError } from '../errors.js';
import { handshakeInputs } from '../execution/auth.js';
import { resolve } from 'node:path';
import { AdaptivePool } from '../execution/adaptive-pool.js';
import { Pool } from '../execution/pool.js';
import { RunLog } from '../execution/run-log.js';
import type { Progress, RouteResult, RunResult } from './results.js';
import { noHttpRoutesError, selectHttpRoutes } from './http-routes.js';
import { probedRoutes } from './probe-routes.js';
import { checksOf } from './judged-runners.js';
import { kindOf } from './kinds/index.js';
import { addLateFailures } from './late-traces.js';
import { type Counters, testRoute } from './route-runner.js';
import { mergeSharedFailures } from './shared-failures.js';
import { loadModule } from '../targets/node/load-module.js';
import { startTarget } from '../targets/start.js';
import type { Target } from '../targets/target.js';
import { VERSION } from '../version.js';

/** How long the run waits, once, after its last example, for traces its connections raise late. */
const LATE_WINDOW_MS = 250;

export interface RunHooks {
  /** Called once the target is up and routes are chosen; returns nothing. */
  onStart?(info: { target: Target; routes: string[]; progress: () => Progress; done: () => readonly RouteResult[] }): void;
  /** Lets the caller stop the target on a signal. */
  onTarget?(target: Target): void;
}

export async function runWsroutes(options: Options, hooks: RunHooks = {}): Promise<RunResult> {
  const started = performance.now();
  // Checked before the app starts: a malformed input or an unset $VAR is a usage error.
  const auth = handshakeInputs(options);
  // So is an unknown check name (selected once here; the runners read the same selection).
  checksOf(options);
  if (options.setup.length) await loadSetupModules(options.setup, options.cwd);
  // Checked before the app starts: with nothing to test, nothing is started.
  if (!options.websocket && !options.http) {
    throw new WsroutesError('NO_ROUTES', 'WebSocket testing is off (--no-websocket) and HTTP testing is off (turn it on with --http): nothing to test');
  }
  const target = await startTarget(options);
  hooks.onTarget?.(target);
  try {
    // How each route was found, where its target does not say (a path only --ws-include named):
    // its framework's discovery. An app that routes upgrades itself (a plain ASGI callable, a
    // noServer ws setup) shows no routes: the literal paths of --ws-include are its routes then,
    // else those of the paths its source names that a handshake upgrades (probe-routes.ts).
    const discovered = foundBy(
      target.routes.filter((r) => r.kind === 'websocket'),
      'framework',
    );
    // --concurrency fixes the budget; unset, it adapts to how the server's latency answers load.
    const pool = options.concurrency === undefined ? new AdaptivePool() : new Pool(options.concurrency);
    const included = foundBy(
      literalPaths(options.include).map((p) => websocketRoute(p)),
      'include',
    );
    // None listed and none named: the paths the app's source names, each tried with a handshake.
    const candidates = discovered.length ? discovered : included.length || !options.websocket ? included : await probedRoutes(target, options, auth, pool);
    // HTTP routes (--http) run beside the WebSocket routes, through the same pool.
    const http = options.http ? await selectHttpRoutes(target, options) : [];
    const matched = options.websocket ? filterRoutes(candidates, options.include, options.exclude) : [];
    if (!matched.length && !http.length) throw options.websocket ? noRoutesError(target, options) : noHttpRoutesError(target, options);
    // After the filters: a shard may hold none of the matched routes (the CLI exits 0 then).
    const routes = routesInShard([...matched, ...http], options.shard === undefined ? undefined : parseShard(options.shard));
    const keyOf = (r: Route): string => kindOf(r).key(r);

    const counters: Counters = { sequences: 0, messagesSent: 0, connections: 0 };
    const done: RouteResult[] = [];
    const running = new Set(routes.map(keyOf));
    const failing = (): number => done.filter((r) => r.status === 'failed').length;
    hooks.onStart?.({
      target,
      routes: routes.map(keyOf),
      progress: () => ({
        routesTotal: routes.length,
        routesDone: done.length,
        sequences: counters.sequences,
        messages: counters.messagesSent,
        failing: failing(),
        current: [...running],
      }),
      done: () => done,
    });
    const log = new RunLog();
    // Fresh instances of the app for replays: two at a time bound their memory and start-up load.
    const freshStarts = new Pool(2);
    const results = await Promise.all(
      routes.map(async (route) => {
        const r = await testRoute(route, { target, options, auth, pool, counters, log, freshStarts });
        running.delete(keyOf(route));
        done.push(r);
        return r;
      }),
    );
    // Once per run, not per connection: what the last connections' handlers raise late still lands.
    if (target.traces.drainLate) await new Promise((resolve) => setTimeout(resolve, Math.min(LATE_WINDOW_MS, options.messageTimeoutMs)));
    // Stopped before the traces are read: what the app raises while it stops is read too.
    await target.stop();
    const unknownLate = addLateFailures(routes, results, target.traces.drainLate?.() ?? [], log, options, target.kind);
    if (options.verbose && pool instanceof AdaptivePool) {
      const limits = pool.limits();
      const now = limits.length ? `${Math.min(...limits)}..${Math.max(...limits)}` : String(pool.settings.initial);
      process.stderr.write(
        `wsroutes: connections at once (adaptive, at most ${pool.size} in all): per route started at ${pool.settings.initial}, peak ${pool.peak}, ended at ${now}; ${pool.changes.length} changes\n`,
      );
    }
    return {
      tool: 'wsroutes',
      version: VERSION,
      seed: options.seed,
      durationMs: Math.round(performance.now() - started),
      target: { kind: target.kind, framework: target.framework, spec: target.spec },
      routes: mergeSharedFailures(results),
      orphanTraces: [...target.traces.drainOrphans(), ...unknownLate].map((t) => t.text),
    };
  } finally {
    await target.stop();
  }
}

/**
 * Imports the setup modules (`--setup FILE`, .ts included) before the run, in order,
 * so their `registerMessageStrategy` calls apply to it.
 */
export async function loadSetupModules(paths: string[], cwd: string): Promise<void> {
  for (const path of paths) {
    assertFile(resolve(cwd, path), `--setup ${path}`, 'CONFIG');
    try {
      await loadModule(resolve(cwd, path));
    } catch (err) {
      const cause = err instanceof WsroutesError && err.code === 'APP_NOT_FOUND' ? 'file not found' : (err as Error).message;
      throw new WsroutesError('CONFIG', `--setup ${path}: ${cause}`, { cause: err });
    }
  }
}

function noRoutesError(target: Target, o: Options): WsroutesError {
  const found = target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path);
  if (target.kind === 'url') {
    const globs = o.include.filter((p) => !literalPaths([p]).length);
    const given = globs.length ? ` (${globs.join(', ')} ${globs.length === 1 ? 'is a glob' : 'are globs'}: a running server cannot list its routes)` : '';
    return new WsroutesError('NO_ROUTES', `a --url target needs the literal WebSocket paths to test${given}: pass --ws-include /path[,/other]`);
  }
  if (!found.length) {
    return new WsroutesError(
      'NO_ROUTES',
      `no WebSocket routes found in ${target.spec} (${target.framework}); if the app routes upgrades itself, name the paths with --ws-include /path`,
    );
  }
  const filters = [o.include.length ? `--ws-include ${o.include.join(',')}` : '', o.exclude.length ? `--ws-exclude ${o.exclude.join(',')}` : '']
    .filter(Boolean)
    .join(' ');
  return new WsroutesError('NO_ROUTES', `no route matched ${filters}; routes found: ${found.join(', ')}`);
}
