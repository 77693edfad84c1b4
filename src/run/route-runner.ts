/**
 * One route, of any kind, from generated examples to its RouteResult: explore through the
 * run's pool, shrink each distinct failure (up to --max-failures), check it on a fresh
 * server (alone, or after the earlier examples it needs), shrink it again on fresh
 * instances when the live server's state misled the shrink, and add the report fields
 * every failure has. What differs between kinds is behind `RouteKind` (route-kind.ts).
 */
import fc from 'fast-check';
import { overridesFor } from '../config/route-overrides.js';
import type { Route } from '../discovery/route.js';
import type { Verdict } from '../judgement/failure.js';
import { sameFailureKey } from '../judgement/signature.js';
import type { FreshVerdict } from '../shrinking/fresh-replay.js';
import { verifyOnFreshServer } from '../shrinking/fresh-replay.js';
import type { Found, Outcome, Runner, Shrunk, Tally } from '../shrinking/property.js';
import { explore, sampler, shrink } from '../shrinking/property.js';
import { reproduceLine } from '../shrinking/replay.js';
import { routeSeed } from '../shrinking/route-seed.js';
import type { Target } from '../targets/target.js';
import { kindOf } from './kinds/index.js';
import type { Counters, RouteDeps, RouteKind, RouteSession } from './route-kind.js';
import type { FailureResult, HistoryEntry, RouteResult } from './results.js';
import { uncaughtOf } from './uncaught.js';
import { deterministicFirst } from './results.js';

export type { Counters, RouteDeps } from './route-kind.js';

type Example = object;

export async function testRoute(route: Route, deps: RouteDeps): Promise<RouteResult> {
  const { options } = deps;
  const kind = kindOf(route);
  const result: RouteResult = {
    ...kind.identity(route),
    status: 'passed',
    sequences: 0,
    messagesSent: 0,
    connections: 0,
    durationMs: 0,
    failures: [],
  };
  const override = overridesFor(route.path, options.routeOverrides);
  if (override.skip) return { ...result, status: 'skipped', skipReason: 'skipped by a per-route override (routes / [[tool.pytest-routes.routes]])' };

  const started = performance.now();
  const seed = routeSeed(options.seed, kind.key(route));
  const session = await kind.open(route, deps, seed);
  // `local` is the route's reported, deterministic count; `deps.counters` feeds the live progress line.
  const local: Counters = { sequences: 0, messagesSent: 0, connections: 0 };
  const add = (c: Counters, o: Outcome, example: boolean): void => {
    const n = session.count(o);
    if (example) c.sequences++;
    c.messagesSent += n.messages;
    c.connections += n.connections;
  };
  const tally: Tally<Outcome> = (o, phase) => {
    add(local, o, phase === 'explore');
    session.observe?.(o);
    if (phase === 'shrink') add(deps.counters, o, false);
  };
  const live = (o: Outcome): void => add(deps.counters, o, true);
  const run = logged(route, session.run, deps);
  const exploration = await session.explore(
    (arb) =>
      explore(
        override.maxExamples ?? options.maxExamples,
        sampler(arb, seed),
        run,
        deps.pool,
        tally,
        live,
        { maxFailures: options.maxFailures },
        session.facts,
      ),
    () => Object.assign(local, { sequences: 0, messagesSent: 0, connections: 0 }),
  );

  if (exploration.failures.length) {
    result.status = 'failed';
    const c: FailureContext = { route, deps, kind, session, seed, run, tally };
    // One after another: each shrinks on the live server, and their replays would interleave.
    for (const found of exploration.failures.slice(0, options.maxFailures)) result.failures.push(await shrunkFailure(found, c));
    result.failures = deterministicFirst(result.failures);
  } else {
    const reason = session.skipReason(exploration);
    if (reason) Object.assign(result, { status: 'skipped', skipReason: reason });
  }
  Object.assign(result, local, session.extra?.() ?? {});
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** Every example the route runs goes into the run's log, in the order they start. */
function logged(route: Route, run: Runner<Example, Outcome>, deps: RouteDeps): Runner<Example, Outcome> {
  const kind = kindOf(route);
  return async (example, mode) => {
    const id = deps.log.start(example);
    const outcome = await run(example, mode);
    deps.log.record(id, route, example, kind.connections(outcome));
    return outcome;
  };
}

interface FailureContext {
  route: Route;
  deps: RouteDeps;
  kind: RouteKind;
  session: RouteSession<Example, Outcome>;
  seed: number;
  run: Runner<Example, Outcome>;
  tally: Tally<Outcome>;
}

/** One distinct failure: shrunk, checked on a fresh server, as reported. */
async function shrunkFailure(found: Found<Example, Outcome>, c: FailureContext): Promise<FailureResult> {
  const { options, target } = c.deps;
  const deadline = Date.now() + options.shrinkTimeMs;
  let shrunk = await shrinkOn(found, c.run, deadline, c, true);
  let fresh = shrunk.serverGone ? undefined : await onFreshServer(found, shrunk, c);
  // It did not recur on the live server, or what it shrank to fails neither alone nor after
  // earlier examples on a fresh one: the run's state misled the shrink (a member a crashed
  // handler never removed from its room). Shrink it again where no earlier example left
  // anything: on fresh instances of the app (its own budget, half the shrink time at least).
  if ((shrunk.flaky || fresh?.flaky) && !shrunk.serverGone && target.fresh) {
    const instances = onFreshInstances(c);
    const cleanDeadline = Math.max(deadline, Date.now() + options.shrinkTimeMs / 2);
    const clean = await c.deps.freshStarts.run(() => shrinkOn(found, instances.run, cleanDeadline, c, false).finally(instances.stop));
    if (!clean.flaky && !clean.serverGone) {
      const verdict = await onFreshServer(found, clean, c);
      if (!verdict?.flaky) [shrunk, fresh] = [clean, verdict];
    }
  }
  const facts = c.session.describe(shrunk, fresh);
  const history = fresh?.history?.flatMap((e) => kindOf(e.route).history(e));
  return {
    ...facts,
    ...uncaughtOf(shrunk.verdict, target.kind, shrunk.serverGone),
    signature: keyOf(c.session)(shrunk.verdict),
    ...(history ? { history } : {}),
    ...(fresh?.flaky ? { flaky: fresh.flaky } : {}),
    seed: options.seed,
    path: shrunk.path,
    shrinks: shrunk.shrinks,
    shrinkTimedOut: shrunk.timedOut || undefined,
    reproduce: reproduceLine(options, c.kind.reproduceArgs(c.route, options)),
    hint: shrunk.serverGone
      ? 'the server stopped taking connections after this failure (it exited, crashed or froze), so the sequence is not fully shrunk; the message index says where it stopped'
      : (freshHint(fresh, history) ?? facts.hint ?? verdictHint(shrunk.verdict)),
  };
}

/** Which failures are the same bug on this route: its kind's key, else the signature. */
const keyOf = (session: RouteSession<Example, Outcome>): ((v: Verdict) => string) => session.facts.key ?? sameFailureKey;

/** Shrinks with `run`, then (on the live server) the kind's own pass where it still fails. */
async function shrinkOn(
  found: Found<Example, Outcome>,
  run: Runner<Example, Outcome>,
  deadline: number,
  c: FailureContext,
  live: boolean,
): Promise<Shrunk<Example, Outcome>> {
  const { session } = c;
  const shrunk = await shrink(session.arbitrary(), c.seed, found, run, { deadline, messageTimeoutMs: c.deps.options.messageTimeoutMs }, c.tally, session.facts);
  if (!live || !session.polish || shrunk.flaky) return shrunk;
  return session.polish(shrunk, deadline, (o) => c.tally(o, 'shrink'));
}

/**
 * A runner on fresh instances of the app: one instance while candidates pass, a new one after
 * each that failed (a failure is what most often leaves state behind: a crashed handler's
 * member still in its room), so each accepted step of the shrink is checked where nothing
 * but passing candidates ran before. An instance that will not start ends the shrink it runs
 * for (an interruption, not a candidate that passed or failed). `stop` stops the last one.
 */
function onFreshInstances(c: FailureContext): { run: Runner<Example, Outcome>; stop: () => Promise<void> } {
  const { target } = c.deps;
  let current: { target: Target; run: Runner<Example, Outcome> } | undefined;
  const stop = async (): Promise<void> => {
    const t = current?.target;
    current = undefined;
    await t?.stop();
  };
  const run: Runner<Example, Outcome> = async (example, mode) => {
    if (!current) {
      let fresh: Target;
      try {
        fresh = await target.fresh!();
      } catch {
        throw new fc.PreconditionFailure(true);
      }
      current = { target: fresh, run: c.kind.runnerOn(fresh, c.route, c.deps) };
    }
    const outcome = await current.run(example, mode);
    if (outcome.judgement.verdict) await stop();
    return outcome;
  };
  return { run, stop };
}

/**
 * Replays the shrunk failure on fresh instances of the app (when the target can start
 * one): alone, else after the run's earlier examples (cut down to the few it needs).
 */
async function onFreshServer(found: Found<Example, Outcome>, shrunk: Shrunk<Example, Outcome>, c: FailureContext): Promise<FreshVerdict | undefined> {
  const { target, options, log } = c.deps;
  if (!target.fresh) return undefined;
  const startFresh = target.fresh.bind(target);
  const id = log.idOf(found.sequence);
  const earlier = id === undefined ? [] : log.earlierThan(id).entries;
  const verdict = await c.deps.freshStarts.run(() =>
    verifyOnFreshServer({
      route: c.route,
      example: shrunk.sequence,
      verdict: shrunk.verdict,
      key: keyOf(c.session),
      earlier,
      startFresh,
      run: (t, route, example, stepwise) => kindOf(route).runnerOn(t, route, c.deps)(example as Example, { stepwise }),
      liveTries: shrunk.flaky ? { tried: 2, failed: 1 } : { tried: 1, failed: 1 },
      deadline: Date.now() + options.shrinkTimeMs,
    }),
  );
  if (verdict.unverified && options.verbose) process.stderr.write(`wsroutes: ${c.kind.key(c.route)}: no fresh server to replay on: ${verdict.unverified}\n`);
  return verdict;
}

function freshHint(fresh: FreshVerdict | undefined, history: HistoryEntry[] | undefined): string | undefined {
  if (fresh?.flaky) {
    return `the failure did not happen every time (${fresh.flaky.failed} of ${fresh.flaky.tried} runs failed, on fresh servers too): it is not a deterministic example; the sequence shown is the one that failed first`;
  }
  if (history) {
    const n = history.length;
    return `it fails only after ${n === 1 ? 'an earlier connection' : `${n} earlier connections`} (history): the app keeps state between connections`;
  }
  return undefined;
}

function verdictHint(v: Verdict): string | undefined {
  if (v.errorType === 'timeout') return 'raise --ws-message-timeout if the handler is slow on purpose';
  return undefined;
}
