/**
 * One HTTP route (one method on one path) from generated requests to its RouteResult:
 * `maxExamples` requests through the run's shared Pool, the first failure of each
 * distinct kind (up to `maxFailures`) shrunk to a minimal request, and the facts the
 * reports print: the request (secrets as placeholders), a curl line, the reproduce
 * command and the seed. The WebSocket counterpart is `route-test.ts`.
 */
import type { Options } from '../config/options.js';
import { overridesFor } from '../config/route-overrides.js';
import type { HttpOperation } from '../discovery/http-route.js';
import { filterRoutes } from '../discovery/filter.js';
import { loadOpenApi, operationsFromOpenApi } from '../discovery/openapi.js';
import type { Route } from '../discovery/route.js';
import { WsroutesError } from '../errors.js';
import type { AuthParts } from '../execution/auth.js';
import { curlLine, displayAuth, requestResult } from '../execution/http-display.js';
import { type HttpOutcome, sendHttp } from '../execution/http-request.js';
import type { Pool } from '../execution/pool.js';
import { type HttpExample, httpRequestArb, requestOf } from '../generation/http-request.js';
import { judgeHttp } from '../judgement/http.js';
import type { FailureResult, RouteResult } from './results.js';
import { exploreHttp, type HttpTry, httpFailureKind, shrinkHttp } from '../shrinking/http-shrink.js';
import { sampler } from '../shrinking/property.js';
import { httpReproduceCommand } from '../shrinking/http-reproduce.js';
import { routeSeed } from '../shrinking/route-seed.js';
import type { Target } from '../targets/target.js';

/** Requests and connections, for the live progress line (`sequences` and `messagesSent` count requests). */
export interface HttpCounters {
  sequences: number;
  messagesSent: number;
  connections: number;
}

export interface HttpRouteTestDeps {
  target: Target;
  options: Options;
  auth: AuthParts;
  pool: Pool;
  counters: HttpCounters;
}

/** The name a route goes by in progress lines and runner tests: `GET /items/{id}`. */
export function httpRouteKey(route: Route): string {
  return `${route.http?.method ?? route.methods?.[0] ?? 'GET'} ${route.path}`;
}

/** The operation of an HTTP route (discovery may give only a path and methods). */
export function operationOf(route: Route): HttpOperation {
  return route.http ?? { method: route.methods?.[0] ?? 'GET', path: route.path, params: route.params, query: [] };
}

/** The request reached the server: an answer, or a connection that then timed out or dropped. */
const reached = (o: HttpOutcome): boolean => o.response !== undefined || o.error?.kind === 'timeout' || o.error?.kind === 'dropped';

export async function testHttpRoute(route: Route, deps: HttpRouteTestDeps): Promise<RouteResult> {
  const { options, target } = deps;
  const op = operationOf(route);
  const key = httpRouteKey(route);
  const base: RouteResult = {
    path: route.path,
    kind: 'http',
    method: op.method,
    status: 'passed',
    sequences: 0,
    messagesSent: 0,
    connections: 0,
    durationMs: 0,
    failures: [],
  };
  const override = overridesFor(route.path, options.routeOverrides);
  if (override.skip) return { ...base, status: 'skipped', skipReason: 'skipped by a per-route override (routes / [[tool.pytest-routes.routes]])' };

  const started = performance.now();
  const local: HttpCounters = { sequences: 0, messagesSent: 0, connections: 0 };
  const count = (o: HttpOutcome, explore: boolean): void => {
    for (const c of [local, deps.counters]) {
      if (explore) c.sequences++;
      c.messagesSent++;
      if (reached(o)) c.connections++;
    }
  };
  const judgeOptions = {
    failOn5xx: options.failOn5xx,
    allowedStatusCodes: options.allowedStatusCodes,
    validateResponses: options.validateResponses,
    responses: op.responses,
    method: op.method,
  };
  const send = (example: HttpExample): Promise<HttpOutcome> =>
    deps.pool.run(() =>
      sendHttp(requestOf(op, example), {
        baseUrl: target.baseUrl,
        auth: deps.auth,
        traces: target.traces,
        connectionTimeoutMs: options.connectionTimeoutMs,
        messageTimeoutMs: options.messageTimeoutMs,
      }),
    );
  const runner =
    (explore: boolean) =>
    async (example: HttpExample): Promise<HttpTry<HttpOutcome>> => {
      const outcome = await send(example);
      count(outcome, explore);
      return { verdict: judgeHttp(outcome, judgeOptions), result: outcome };
    };

  const seed = routeSeed(options.seed, key);
  const arb = httpRequestArb(op);
  const total = override.maxExamples ?? options.maxExamples;
  const exploration = await exploreHttp(total, sampler(arb, seed), runner(true), options.concurrency ?? deps.pool.workers, options.maxFailures, reached);
  // The reported counts are those of the timing-free prefix (see exploreHttp), so a replay reports the same numbers.
  Object.assign(local, { sequences: exploration.ran, messagesSent: exploration.ran, connections: exploration.connections });

  const shown = displayAuth(deps.auth, options);
  const deadline = Date.now() + options.shrinkTimeMs;
  for (const found of exploration.found) {
    const shrunk = await shrinkHttp(arb, seed, found, runner(false), deadline);
    const spec = requestOf(op, shrunk.example);
    const o = shrunk.result;
    const request = requestResult(spec, shown, o.response?.status);
    const failure: FailureResult = {
      errorType: shrunk.verdict.errorType,
      message: shrunk.verdict.message,
      messageIndex: null,
      sequence: [],
      url: request.url,
      serverTrace: shrunk.verdict.serverTrace,
      expected: shrunk.verdict.expected,
      actual: shrunk.verdict.actual,
      connectionState: o.response
        ? `answered HTTP ${o.response.status}`
        : o.error?.kind === 'refused' || o.error?.kind === 'connect_timeout'
          ? 'never opened'
          : 'closed (dropped)',
      context: { totalMessagesSent: 1, lastResponse: o.response ? o.response.body.slice(0, 500) : null, elapsedTimeMs: o.elapsedMs },
      seed: options.seed,
      path: shrunk.path,
      shrinks: shrunk.shrinks,
      shrinkTimedOut: shrunk.timedOut || undefined,
      reproduce: httpReproduceCommand(options, route.path, op.method),
      request,
      curl: curlLine(spec, shown, target.baseUrl),
      signature: httpFailureKind(shrunk.verdict),
    };
    if (shrunk.flaky) {
      failure.hint = 'the failure did not happen again on replay (state shared between requests?); the request shown is the one that failed first';
    } else if (shrunk.verdict.errorType === 'timeout') {
      failure.hint = 'raise --ws-message-timeout if the handler is slow on purpose';
    }
    base.failures.push(failure);
  }
  if (base.failures.length) base.status = 'failed';
  base.sequences = local.sequences;
  base.messagesSent = local.messagesSent;
  base.connections = local.connections;
  base.durationMs = Math.round(performance.now() - started);
  return base;
}

/**
 * The HTTP routes of a run: the target's own (`kind: 'http'`), extended by the operations
 * of `--openapi` (an operation replaces a discovered route of the same method and path),
 * one route per method, filtered by `--http-include` / `--http-exclude` (globs on the
 * path) and `methods`.
 */
export async function selectHttpRoutes(target: Target, options: Options): Promise<Route[]> {
  const routes = new Map<string, Route>();
  for (const r of target.routes) {
    if (r.kind !== 'http') continue;
    const methods = r.http ? [r.http.method] : (r.methods ?? ['GET']);
    for (const method of methods) {
      const http = r.http ?? { method: method.toUpperCase(), path: r.path, params: r.params, query: [] };
      routes.set(`${http.method} ${r.path}`, { ...r, methods: [http.method], http });
    }
  }
  if (options.openapi) {
    const doc = await loadOpenApi(options.openapi, { cwd: options.cwd, baseUrl: target.baseUrl, timeoutMs: options.connectionTimeoutMs });
    for (const op of operationsFromOpenApi(doc))
      routes.set(`${op.method} ${op.path}`, { path: op.path, kind: 'http', params: op.params, methods: [op.method], http: op });
  }
  const methods = new Set(options.methods.map((m) => m.toUpperCase()));
  const all = [...routes.values()];
  return filterRoutes(all, options.httpInclude, options.httpExclude).filter((r) => methods.has(r.http!.method));
}

/** Nothing to test over HTTP: say where HTTP routes come from. */
export function noHttpRoutesError(target: Target, options: Options): WsroutesError {
  const any = target.routes.some((r) => r.kind === 'http') || options.openapi;
  if (!any) {
    return new WsroutesError(
      'NO_ROUTES',
      target.kind === 'url'
        ? 'a --url target lists no HTTP routes: pass --openapi with its OpenAPI document (a file, a URL, or a path such as /openapi.json)'
        : `no HTTP routes found in ${target.spec} (${target.framework}); pass --openapi with its OpenAPI document`,
    );
  }
  const filters = [
    options.httpInclude.length ? `--http-include ${options.httpInclude.join(',')}` : '',
    options.httpExclude.length ? `--http-exclude ${options.httpExclude.join(',')}` : '',
    `--methods ${options.methods.join(',')}`,
  ]
    .filter(Boolean)
    .join(' ');
  return new WsroutesError('NO_ROUTES', `no HTTP route matched ${filters}`);
}
