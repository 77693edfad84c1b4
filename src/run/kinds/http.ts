/**
 * The HTTP route kind (one method on one path, `--http`): an example is one request drawn
 * from the operation's schemas, sent on a fresh connection through the run's pool; a
 * failure is described by the request (secrets as placeholders), a curl line and the
 * answer. Failures of one status without a trace are one bug per status
 * (`httpFailureKey`). Which routes a run has is `http-routes.ts`'s to say.
 */
import type { Options } from '../../config/options.js';
import type { HttpOperation } from '../../discovery/http-route.js';
import type { Route } from '../../discovery/route.js';
import { curlLine, displayAuth, requestResult } from '../../execution/http-display.js';
import { type HttpOutcome, sendHttp } from '../../execution/http-request.js';
import type { LoggedExample } from '../../execution/run-log.js';
import { type HttpExample, httpRequestArb, requestOf } from '../../generation/http-request.js';
import type { Verdict } from '../../judgement/failure.js';
import { judgeHttp } from '../../judgement/http.js';
import { httpFailureKey } from '../../judgement/signature.js';
import type { Outcome, Runner } from '../../shrinking/property.js';
import { DEFAULTS } from '../../config/options.js';
import type { Target } from '../../targets/target.js';
import { checksOf } from '../judged-runners.js';
import { erased, erasedRunner, type RouteDeps, type RouteKind, type RouteSession } from '../route-kind.js';

/** One request as run: its judgement and what came back. */
export interface HttpRunOutcome extends Outcome {
  response: HttpOutcome;
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

/** Sends the route's requests to `target`, `inSlot` bounding how many are open at once, and judges each answer. */
function requestRunner(target: Target, route: Route, deps: RouteDeps, inSlot: <T>(task: () => Promise<T>) => Promise<T>): Runner<HttpExample, HttpRunOutcome> {
  const { options } = deps;
  const op = operationOf(route);
  const judgeOptions = {
    failOn5xx: options.failOn5xx,
    allowedStatusCodes: options.allowedStatusCodes,
    validateResponses: options.validateResponses,
    responses: op.responses,
    method: op.method,
    checks: checksOf(options),
  };
  return async (example) => {
    const response = await inSlot(() =>
      sendHttp(requestOf(op, example), {
        baseUrl: target.baseUrl,
        auth: deps.auth,
        traces: target.traces,
        connectionTimeoutMs: options.connectionTimeoutMs,
        messageTimeoutMs: options.messageTimeoutMs,
      }),
    );
    return { judgement: { verdict: judgeHttp(response, judgeOptions) }, response };
  };
}

export const httpKind: RouteKind = {
  name: 'http',
  key: httpRouteKey,
  identity: (route) => ({ path: route.path, kind: 'http', method: operationOf(route).method }),
  open: async (route, deps) => erased(openHttp(route, deps)),
  // A fresh instance serves one replay at a time: no pool to share.
  runnerOn: (target, route, deps) => erasedRunner(requestRunner(target, route, deps, (task) => task())),
  connections: (o) => {
    const { response } = o as HttpRunOutcome;
    return reached(response) ? [{ url: response.url, sent: [] }] : [];
  },
  history: (e) => {
    const example = e as LoggedExample<HttpExample>;
    const spec = requestOf(operationOf(example.route), example.example);
    const query = spec.query.length ? `?${new URLSearchParams(spec.query)}` : '';
    return [{ url: `${spec.method} ${spec.path}${query}`, sequence: spec.body === undefined ? [] : [{ type: 'text', data: spec.body }] }];
  },
  reproduceArgs: (route, options) => reproduceArgs(route.path, operationOf(route).method, options),
};

function openHttp(route: Route, deps: RouteDeps): RouteSession<HttpExample, HttpRunOutcome> {
  const { options, target } = deps;
  const op = operationOf(route);
  const arb = httpRequestArb(op);
  return {
    // A request that timed out or was refused is one answer of a server that may take the next: never the end of a route.
    facts: { key: httpFailureKey, cost: () => ({ units: 1, kind: 'request' }), serverGone: () => false },
    arbitrary: () => arb,
    run: requestRunner(target, route, deps, (task) => deps.pool.run(task)),
    explore: (explore) => explore(arb),
    count: (o) => ({ messages: 1, connections: reached(o.response) ? 1 : 0 }),
    skipReason: () => undefined,
    describe: (shrunk, fresh) => {
      const spec = requestOf(op, shrunk.sequence);
      const o = shrunk.outcome.response;
      const shown = displayAuth(deps.auth, options);
      const request = requestResult(spec, shown, o.response?.status);
      const v: Verdict = shrunk.verdict;
      return {
        errorType: v.errorType,
        message: v.message,
        messageIndex: null,
        sequence: [],
        url: request.url,
        serverTrace: v.serverTrace,
        expected: v.expected,
        actual: v.actual,
        connectionState: o.response
          ? `answered HTTP ${o.response.status}`
          : o.error?.kind === 'refused' || o.error?.kind === 'connect_timeout'
            ? 'never opened'
            : 'closed (dropped)',
        context: { totalMessagesSent: 1, lastResponse: o.response ? o.response.body.slice(0, 500) : null, elapsedTimeMs: o.elapsedMs },
        request,
        curl: curlLine(spec, shown, target.baseUrl),
        // Without a fresh server to replay on, the live replay is all that says it did not recur.
        ...(shrunk.flaky && !fresh
          ? { hint: 'the failure did not happen again on replay (state shared between requests?); the request shown is the one that failed first' }
          : {}),
      };
    },
  };
}

/** The flags that name an HTTP route in the reproduce line, and every HTTP option that changes what is sent or judged. */
function reproduceArgs(path: string, method: string, o: Options): string[] {
  const args = ['--no-websocket', '--http', '--http-include', path, '--methods', method];
  if (o.openapi) args.push('--openapi', /^https?:\/\//i.test(o.openapi) || o.openapi.startsWith('/') ? o.openapi : `${o.cwd}/${o.openapi}`);
  if (o.failOn5xx !== DEFAULTS.failOn5xx) args.push('--no-fail-on-5xx');
  if (o.allowedStatusCodes.length) args.push('--allowed-status-codes', o.allowedStatusCodes.join(','));
  if (o.validateResponses) args.push('--validate-responses');
  return args;
}
