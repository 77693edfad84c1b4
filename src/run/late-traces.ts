/**
 * Traces that arrive after their connection was judged: an async handler that rejects,
 * or a timer that throws, once our client has closed. They belong to that connection all
 * the same (the target ties them to its port; the run log says what it sent and on which
 * route), up to the end of the run, so a route that raised late is never reported passed.
 * Each distinct signature of a route becomes a `server_error` with the trace and the
 * sequence of that connection, as it ran (not shrunk: a late trace cannot be told from
 * the next example's, so the shrinker's replays could not judge it). Of the connections
 * that raised a signature, the earliest example is reported: the same one whatever the
 * order the traces arrived in.
 */
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import type { LoggedExample, RunLog } from '../execution/run-log.js';
import type { Verdict } from '../judgement/failure.js';
import { signatureOf } from '../judgement/signature.js';
import { reproduceLine } from '../shrinking/replay.js';
import type { LateTrace, ServerTrace, TargetKind } from '../targets/target.js';
import { kindOf } from './kinds/index.js';
import type { FailureResult, RouteResult } from './results.js';
import { uncaughtOf } from './uncaught.js';

interface Found {
  route: Route;
  entry: LoggedExample;
  connection: LoggedExample['connections'][number];
  verdict: Verdict;
  signature: string;
}

function lateVerdict(trace: ServerTrace): Verdict {
  return {
    errorType: 'server_error',
    message: 'Server raised after the connection was judged (a timer or a promise of its handler)',
    messageIndex: null,
    expected: 'no exception from the handler, also after the exchange',
    actual: 'the app raised after our client had closed the connection',
    serverTrace: trace.text,
    ...(trace.uncaught ? { uncaught: true } : {}),
  };
}

/** The late traces as failures, one per route and signature (the earliest example that raised it), and those of no logged connection. */
function lateFailures(late: readonly LateTrace[], log: RunLog): { found: Found[]; unknown: ServerTrace[] } {
  const first = new Map<string, Found>();
  const unknown: ServerTrace[] = [];
  for (const { clientPort, trace } of late) {
    const logged = log.byClientPort(clientPort);
    if (!logged) {
      unknown.push(trace);
      continue;
    }
    const verdict = lateVerdict(trace);
    const signature = signatureOf(verdict).signature;
    const route = logged.entry.route;
    const key = `${kindOf(route).key(route)}\0${signature}`;
    const seen = first.get(key);
    if (!seen || logged.entry.id < seen.entry.id) first.set(key, { route, ...logged, verdict, signature });
  }
  return { found: [...first.values()].sort((a, b) => a.entry.id - b.entry.id), unknown };
}

function failureOf(found: Found, options: Options, target: TargetKind): FailureResult {
  const { verdict, connection, route } = found;
  return {
    ...verdict,
    ...uncaughtOf(verdict, target),
    sequence: connection.sent,
    url: connection.url,
    connectionState: 'closed',
    context: { totalMessagesSent: connection.sent.length, lastResponse: null, elapsedTimeMs: Math.round(found.entry.endedAt - found.entry.startedAt) },
    seed: options.seed,
    shrinks: 0,
    signature: found.signature,
    hint: 'the app raised this after the connection had been judged (a timer or promise its handler left behind): the sequence is the one that connection sent, not shrunk',
    reproduce: reproduceLine(options, kindOf(route).reproduceArgs(route, options)),
  };
}

/**
 * Adds the late traces to the results of their routes (`results[i]` is `routes[i]`'s):
 * a signature the route has not reported yet is a failure, up to `--max-failures`, and
 * fails the route. Returns the late traces of connections the log does not know (an HTTP
 * request's, one dropped from the log): orphans, never swallowed.
 */
export function addLateFailures(
  routes: readonly Route[],
  results: RouteResult[],
  late: readonly LateTrace[],
  log: RunLog,
  options: Options,
  target: TargetKind,
): ServerTrace[] {
  const { found: failures, unknown } = lateFailures(late, log);
  for (const found of failures) {
    const result = results[routes.indexOf(found.route)];
    if (!result || result.failures.some((f) => f.signature === found.signature)) continue;
    if (result.failures.length >= options.maxFailures) continue;
    result.failures.push(failureOf(found, options, target));
    result.status = 'failed';
    delete result.skipReason;
  }
  return unknown;
}
