/**
 * One route from generated sequences to its RouteResult: explore, shrink each distinct
 * failure (up to --max-failures), check it on a fresh server (alone, or after the earlier
 * connections it needs), and turn it into the facts reporting prints.
 */
import fc from 'fast-check';
import type { Options } from '../config/options.js';
import { overridesFor } from '../config/route-overrides.js';
import type { Route } from '../discovery/route.js';
import { fillTemplate } from '../discovery/route.js';
import { exampleRunner, type ExampleRunner } from './judged-runners.js';
import type { Example, Script } from '../generation/script.js';
import { isScript } from '../generation/script.js';
import type { AuthParts } from '../execution/auth.js';
import { probeGraphqlProtocol } from './graphql-detect.js';
import { Pool } from '../execution/pool.js';
import { preludeMessages } from '../execution/run-sequence.js';
import { sequenceRunner, type SequenceRunner } from './judged-runners.js';
import type { Transcript } from '../execution/transcript.js';
import type { Verdict } from '../judgement/index.js';
import type { FailureResult, RouteResult, RouteStats, ScriptStepResult } from './results.js';
import { LATENCY_BUCKETS_MS } from './results.js';
import { configuredGraphql, firstParams, routePlan, type RoutePlan } from './route-plan.js';
import { normalize } from '../shrinking/normalize.js';
import type { Exploration, Found, Shrunk, Tally } from '../shrinking/property.js';
import type { FreshVerdict, ReplayRunner } from '../shrinking/fresh-replay.js';
import { verifyOnFreshServer } from '../shrinking/fresh-replay.js';
import type { LoggedExample, RunLog } from '../execution/run-log.js';
import type { Message } from '../generation/message.js';
import { signatureOf } from '../judgement/signature.js';
import { describeClose } from '../judgement/close-facts.js';
import { skipReasonFor } from '../judgement/skip-reason.js';
import { explore, sampler, shrink } from '../shrinking/property.js';
import { reproduceCommand } from '../shrinking/replay.js';
import { routeSeed } from '../shrinking/route-seed.js';
import type { Target } from '../targets/target.js';

/** Sequences explored, and messages and connections over exploration and shrinking. */
export interface Counters {
  sequences: number;
  messagesSent: number;
  connections: number;
}

export interface RouteTestDeps {
  target: Target;
  options: Options;
  auth: AuthParts;
  pool: Pool;
  /** Every example of the run, in start order: the history a failure may depend on. */
  log: RunLog;
  /** Bounds the fresh instances of the app started at once (each replay starts one). */
  freshStarts: Pool;
  /** Live counters, shared with the progress line. */
  counters: Counters;
}

export async function testRoute(route: Route, deps: RouteTestDeps): Promise<RouteResult> {
  const { options } = deps;
  const override = overridesFor(route.path, options.routeOverrides);
  if (override.skip) {
    return {
      path: route.path,
      kind: route.kind,
      status: 'skipped',
      skipReason: 'skipped by a per-route override (routes / [[tool.pytest-routes.routes]])',
      sequences: 0,
      messagesSent: 0,
      connections: 0,
      durationMs: 0,
      failures: [],
    };
  }
  const started = performance.now();
  // `local` is the route's reported, deterministic count; `deps.counters` feeds the live progress line.
  const local: Counters = { sequences: 0, messagesSent: 0, connections: 0 };
  let stats = emptyStats();
  // `again`: a later client of the same multi-client script (one example, several connections).
  const add = (c: Counters, t: Transcript, phase: 'explore' | 'shrink', again?: boolean): void => {
    if (phase === 'explore' && !again) c.sequences++;
    c.messagesSent += t.sentCount;
    if (t.handshake.outcome === 'accepted') c.connections++;
  };
  const live = (t: Transcript, again?: boolean): void => add(deps.counters, t, 'explore', again);
  const tally: Tally = (t, phase, again) => {
    add(local, t, phase, again);
    addStats(stats, t);
    if (phase === 'shrink') add(deps.counters, t, phase, again);
  };
  const seed = routeSeed(options.seed, route.path);
  const run = sequenceRunner(route, deps.target, options, deps.auth, deps.pool);
  const runAny = logged(route, exampleRunner(run, route, deps.target, options, deps.auth, deps.pool), deps.log);
  const runAs = (plan: RoutePlan): Promise<Exploration<Example>> =>
    explore(override.maxExamples ?? options.maxExamples, sampler(plan.examples, seed), runAny, deps.pool, tally, live, {
      maxFailures: options.maxFailures,
    });

  let plan = routePlan(route, options, await configuredGraphql(route, options, run, seed));
  let exploration = await runAs(plan);
  // graphql-ws closes 4406 on a connection without its subprotocol: retry the route as GraphQL.
  const refused = exploration.ran > 0 && exploration.untested === exploration.ran && exploration.lastUntested?.closeCode === 4406;
  if (!plan.graphql && refused) {
    const protocol = await probeGraphqlProtocol(run, firstParams(route, seed));
    if (protocol) {
      Object.assign(local, { sequences: 0, messagesSent: 0, connections: 0 });
      stats = emptyStats();
      plan = routePlan(route, options, { protocol, offer: { offer: [protocol], required: false } });
      exploration = await runAs(plan);
    }
  }

  const result: RouteResult = {
    path: route.path,
    kind: route.kind,
    status: 'passed',
    sequences: 0,
    messagesSent: 0,
    connections: 0,
    durationMs: 0,
    failures: [],
  };
  if (exploration.failures.length) {
    result.status = 'failed';
    // One after another: each shrinks on the live server, and their replays would interleave.
    for (const found of exploration.failures.slice(0, options.maxFailures)) {
      result.failures.push(await shrunkFailure(found, { route, deps, plan, seed, runAny, run, tally }));
    }
  } else if (exploration.ran > 0 && exploration.untested === exploration.ran && exploration.lastUntested) {
    const u = exploration.lastUntested;
    result.status = 'skipped';
    result.skipReason = skipReasonFor(u, {
      received: u.received,
      selectedSubprotocol: u.selectedSubprotocol,
      prelude: options.prelude.length > 0,
      credentials: Boolean(options.auth) || options.headers.length + options.cookies.length + options.query.length > 0,
    });
  } else if (plan.graphql && exploration.preambleSent > 0 && exploration.preambleRefused === exploration.preambleSent && exploration.lastRefused) {
    // Only sequences that never opened the protocol got through: nothing past connection_init was tested.
    const { closeCode, closeReason } = exploration.lastRefused;
    result.status = 'skipped';
    result.skipReason =
      `every connection_init was answered by a close with ${closeCode}${closeReason ? ` (${closeReason})` : ''};` +
      ' the route may require auth (--auth) or connection parameters';
  }
  result.sequences = local.sequences;
  result.messagesSent = local.messagesSent;
  result.connections = local.connections;
  result.stats = stats;
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** Every example the route runs goes into the run's log, in the order they start. */
function logged(route: Route, run: ExampleRunner, log: RunLog): ExampleRunner {
  return async (example, mode) => {
    const id = log.start(example);
    const outcome = await run(example, mode);
    log.record(id, route, example, outcome);
    return outcome;
  };
}

interface FailureContext {
  route: Route;
  deps: RouteTestDeps;
  plan: RoutePlan;
  seed: number;
  runAny: ExampleRunner;
  run: SequenceRunner;
  tally: Tally;
}

/** One distinct failure: shrunk, normalised, checked on a fresh server, as reported. */
async function shrunkFailure(found: Found<Example>, c: FailureContext): Promise<FailureResult> {
  const { options } = c.deps;
  const deadline = Date.now() + options.shrinkTimeMs;
  let shrunk = await shrinkAndNormalize(found, c.runAny, c.run, deadline, c);
  let fresh = shrunk.serverGone ? undefined : await onFreshServer(found, shrunk, c);
  // It did not recur on the live server, or what it shrank to fails neither alone nor after
  // earlier connections on a fresh one: the run's state misled the shrink (a member a crashed
  // handler never removed from its room). Shrink it again where no earlier example left
  // anything: on fresh instances of the app (its own budget, half the shrink time at least).
  if ((shrunk.flaky || fresh?.flaky) && !shrunk.serverGone && c.deps.target.fresh) {
    const instances = onFreshInstances(c);
    const cleanDeadline = Math.max(deadline, Date.now() + options.shrinkTimeMs / 2);
    const clean = await c.deps.freshStarts.run(() => shrinkAndNormalize(found, instances.run, undefined, cleanDeadline, c).finally(instances.stop));
    if (!clean.flaky && !clean.serverGone) {
      const verdict = await onFreshServer(found, clean, c);
      if (!verdict?.flaky) [shrunk, fresh] = [clean, verdict];
    }
  }
  // A script that failed before a second client acted is reported as that client's sequence.
  const script = isScript(shrunk.sequence) && (shrunk.actedBefore ?? 0) > 1 ? scriptFacts(shrunk.sequence, shrunk, c.route.path) : undefined;
  return {
    ...failureFacts(shrunk.verdict, shrunk.transcript),
    ...(script ? { message: `${script.failedAt}: ${shrunk.verdict.message}`, script: script.steps } : {}),
    signature: signatureOf(shrunk.verdict).signature,
    sequence: isScript(shrunk.sequence) ? shrunk.transcript.messages : shrunk.sequence.messages,
    ...(options.prelude?.length ? { prelude: preludeMessages(options.prelude) } : {}),
    ...(fresh?.history ? { history: fresh.history.flatMap(replayedConnections) } : {}),
    ...(fresh?.flaky ? { flaky: fresh.flaky } : {}),
    seed: options.seed,
    path: shrunk.path,
    shrinks: shrunk.shrinks,
    shrinkTimedOut: shrunk.timedOut || undefined,
    reproduce: reproduceCommand(options, c.route.path),
    hint: shrunk.serverGone
      ? 'the server stopped taking connections after this failure (it exited, crashed or froze), so the sequence is not fully shrunk; the message index says where it stopped'
      : hintFor(shrunk.verdict, fresh),
  };
}

/** Shrinks with `runAny`, then (a sequence, when `run` is given) rewrites its JSON as plain text where it still fails. */
async function shrinkAndNormalize(
  found: Found<Example>,
  runAny: ExampleRunner,
  run: SequenceRunner | undefined,
  deadline: number,
  c: FailureContext,
): Promise<Shrunk<Example>> {
  const shrunk = await shrink(c.plan.examples, c.seed, found, runAny, { deadline, messageTimeoutMs: c.deps.options.messageTimeoutMs }, c.tally);
  const one = isScript(shrunk.sequence) ? undefined : { ...shrunk, sequence: shrunk.sequence };
  if (run && one && !shrunk.flaky && c.plan.normalizable) {
    const normal = await normalize(one, run, { deadline }, c.tally);
    Object.assign(shrunk, normal.found, { shrinks: shrunk.shrinks + normal.runs });
    if (Date.now() > deadline) shrunk.timedOut = true;
  }
  return shrunk;
}

/** The runner of a route's examples on a fresh instance: one connection (or one script) at a time. */
function runnerOn(target: Target, route: Route, options: Options, auth: AuthParts): ExampleRunner {
  const pool = new Pool(1);
  return exampleRunner(sequenceRunner(route, target, options, auth, pool), route, target, options, auth, pool);
}

/**
 * A runner on fresh instances of the app: one instance while candidates pass, a new one after
 * each that failed (a failure is what most often leaves state behind: a crashed handler's
 * member still in its room), so each accepted step of the shrink is checked where nothing
 * but passing candidates ran before. An instance that will not start ends the shrink it runs
 * for (an interruption, not a candidate that passed or failed). `stop` stops the last one.
 */
function onFreshInstances(c: FailureContext): { run: ExampleRunner; stop: () => Promise<void> } {
  const { target, options, auth } = c.deps;
  let current: { target: Target; run: ExampleRunner } | undefined;
  const stop = async (): Promise<void> => {
    const t = current?.target;
    current = undefined;
    await t?.stop();
  };
  const run: ExampleRunner = async (example, mode) => {
    if (!current) {
      let fresh: Target;
      try {
        fresh = await target.fresh!();
      } catch {
        throw new fc.PreconditionFailure(true);
      }
      current = { target: fresh, run: runnerOn(fresh, c.route, options, auth) };
    }
    const outcome = await current.run(example, mode);
    if (outcome.judgement.verdict) await stop();
    return outcome;
  };
  return { run, stop };
}

/**
 * Replays the shrunk failure on fresh instances of the app (when the target can start
 * one): alone, else after the run's earlier connections (cut down to the few it needs).
 */
async function onFreshServer(found: Found<Example>, shrunk: Shrunk<Example>, c: FailureContext): Promise<FreshVerdict | undefined> {
  const { target, options, auth, log } = c.deps;
  if (!target.fresh) return undefined;
  const startFresh = target.fresh.bind(target);
  const id = log.idOf(found.sequence);
  const earlier = id === undefined ? [] : log.earlierThan(id).entries;
  const replay: ReplayRunner = (t, route, example, stepwise) => runnerOn(t, route, options, auth)(example, { stepwise });
  const verdict = await c.deps.freshStarts.run(() =>
    verifyOnFreshServer({
      route: c.route,
      example: shrunk.sequence,
      verdict: shrunk.verdict,
      earlier,
      startFresh,
      run: replay,
      liveTries: shrunk.flaky ? { tried: 2, failed: 1 } : { tried: 1, failed: 1 },
      deadline: Date.now() + options.shrinkTimeMs,
    }),
  );
  if (verdict.unverified && options.verbose) process.stderr.write(`wsroutes: ${c.route.path}: no fresh server to replay on: ${verdict.unverified}\n`);
  return verdict;
}

/**
 * A history entry's connections as the fresh replay ran them: the example's own messages,
 * not what its live run got to send (on a server an earlier connection had already broken,
 * a poster may have been refused before sending anything).
 */
function replayedConnections(e: LoggedExample): Array<{ url: string; sequence: Message[] }> {
  const example = e.example;
  if (!isScript(example)) return [{ url: fillTemplate(e.route.path, example.params), sequence: example.messages }];
  return example.clients.map((client, i) => ({
    url: fillTemplate(e.route.path, client.params),
    sequence: example.steps.filter((s) => s.client === i && s.action === 'send' && s.message).map((s) => s.message!),
  }));
}

/** A shrunk script as reported: its steps up to the one that failed, and who failed where. */
function scriptFacts(script: Script, found: Found<Example>, template: string): { steps: ScriptStepResult[]; failedAt: string } {
  const last = found.failedStep ?? script.steps.length - 1;
  // Clients numbered in the order they first act, so the timeline reads left to right.
  const order: number[] = [];
  for (const s of script.steps) if (!order.includes(s.client)) order.push(s.client);
  const number = (client: number): number => order.indexOf(client);
  const skipped = new Set(found.skippedSteps ?? []);
  // Steps that did nothing (a send or close after the server had closed) are left out.
  const steps = script.steps
    .slice(0, last + 1)
    .filter((_s, i) => !skipped.has(i))
    .map(
      (s): ScriptStepResult => ({
        client: number(s.client),
        action: s.action,
        url: fillTemplate(template, script.clients[s.client]!.params),
        ...(s.message ? { message: s.message } : {}),
        ...(s.code !== undefined ? { code: s.code } : {}),
      }),
    );
  return { steps, failedAt: `client ${number(found.failedClient ?? 0)} failed at step ${steps.length} of the script` };
}

function failureFacts(
  v: Verdict,
  t: Transcript,
): Omit<FailureResult, 'sequence' | 'seed' | 'reproduce' | 'shrinks' | 'path' | 'shrinkTimedOut' | 'hint' | 'script'> {
  return {
    errorType: v.errorType,
    message: v.message,
    messageIndex: v.messageIndex,
    url: t.url,
    closeCode: v.closeCode,
    closeReason: v.closeReason || undefined,
    serverTrace: v.serverTrace,
    expected: v.expected,
    actual: v.actual,
    connectionState: describeClose(t),
    context: {
      totalMessagesSent: t.sentCount,
      lastResponse: t.received.last?.preview ?? null,
      elapsedTimeMs: t.elapsedMs,
    },
  };
}

function hintFor(v: Verdict, fresh: FreshVerdict | undefined): string | undefined {
  if (fresh?.flaky) {
    return `the failure did not happen every time (${fresh.flaky.failed} of ${fresh.flaky.tried} runs failed, on fresh servers too): it is not a deterministic example; the sequence shown is the one that failed first`;
  }
  if (fresh?.history) {
    const n = fresh.history.flatMap(replayedConnections).length;
    return `it fails only after ${n === 1 ? 'an earlier connection' : `${n} earlier connections`} (history): the app keeps state between connections`;
  }
  if (v.errorType === 'handshake_rejected') {
    return 'the server refused the upgrade; if the route needs credentials, pass them with --auth bearer:TOKEN (or header:NAME:VALUE, query:NAME:VALUE), --header NAME:VALUE, --cookie NAME=VALUE or --query NAME=VALUE';
  }
  if (v.errorType === 'timeout') return 'raise --ws-message-timeout if the handler is slow on purpose';
  return undefined;
}

function emptyStats(): RouteStats {
  return { kinds: { text: 0, json: 0, bytes: 0 }, closeCodes: {}, latencyCounts: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0) };
}

/** Adds one connection to the route's chart data: kinds sent, the server's close code, reply latencies. */
function addStats(s: RouteStats, t: Transcript): void {
  for (const m of t.messages.slice(0, t.sentCount)) s.kinds[m.type]++;
  if (t.serverClose) s.closeCodes[t.serverClose.code] = (s.closeCodes[t.serverClose.code] ?? 0) + 1;
  for (const ms of t.replyMs ?? []) {
    const i = LATENCY_BUCKETS_MS.findIndex((upper) => ms < upper);
    s.latencyCounts[i === -1 ? LATENCY_BUCKETS_MS.length : i]!++;
  }
}
