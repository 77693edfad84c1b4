/**
 * The WebSocket route kind: examples are sequences on one connection, or multi-client
 * scripts; a route refused before any message was read is skipped with the reason; a
 * route's protocol is named before its first example (websocket-plan.ts); a shrunk sequence's JSON is
 * rewritten as plain text where it still fails; a failure is described by its transcript.
 */
import type { Options } from '../../config/options.js';
import type { Route } from '../../discovery/route.js';
import { fillTemplate } from '../../discovery/route.js';
import type { AuthParts } from '../../execution/auth.js';
import { Pool } from '../../execution/pool.js';
import type { LoggedExample } from '../../execution/run-log.js';
import { preludeMessages } from '../../execution/run-sequence.js';
import { exampleRunner, type ExampleRunner, type RunOutcome, type SequenceRunner, sequenceRunner } from '../judged-runners.js';
import type { Transcript } from '../../execution/transcript.js';
import type { Message } from '../../generation/message.js';
import type { Example, Script } from '../../generation/script.js';
import { isScript } from '../../generation/script.js';
import { describeClose } from '../../judgement/close-facts.js';
import type { Verdict } from '../../judgement/index.js';
import { handshakeRejectedHint, readsAsRefusal, skipReasonFor } from '../../judgement/skip-reason.js';
import { ruleFor } from '../../generation/subprotocols.js';
import { protocolOf } from '../../protocols/index.js';
import { normalize } from '../../shrinking/normalize.js';
import type { Exploration, Found, Shrunk } from '../../shrinking/property.js';
import type { Target } from '../../targets/target.js';
import type { HistoryEntry, RouteStats, ScriptStepResult } from '../results.js';
import { LATENCY_BUCKETS_MS } from '../results.js';
import { routeFacts } from '../route-facts.js';
import { erased, erasedRunner, type FailureFacts, type RouteDeps, type RouteKind, type RouteSession } from '../route-kind.js';
import { firstParams, type RoutePlan, routePlan, routeWithProtocol } from './websocket-plan.js';

const transcriptsOf = (o: RunOutcome): Transcript[] => o.transcripts ?? [o.transcript];

/**
 * Each route as its run resolved it (its protocol named): a replay on another instance is
 * handed the route as discovered, and must count the same protocol's answers.
 */
const resolvedRoutes = new WeakMap<Route, Route>();

/** The runner of a route's examples on another instance: one connection (or one script) at a time. */
function runnerOn(target: Target, given: Route, options: Options, auth: AuthParts): ExampleRunner {
  const route = resolvedRoutes.get(given) ?? given;
  const pool = new Pool(1);
  return exampleRunner(sequenceRunner(route, target, options, auth, pool), route, target, options, auth, pool);
}

export const websocketKind: RouteKind = {
  name: 'websocket',
  key: (route) => route.path,
  // What discovery found (shown for a route skipped before it ran too); its protocol once it has run (`extra`).
  identity: (route) => ({ path: route.path, kind: route.kind, ...routeFacts(route) }),
  open: async (route, deps, seed) => erased(await openWebsocket(route, deps, seed)),
  runnerOn: (target, route, deps) => erasedRunner(runnerOn(target, route, deps.options, deps.auth)),
  connections: (o) =>
    transcriptsOf(o as RunOutcome)
      .filter((t) => t.handshake.outcome === 'accepted')
      .map((t) => ({ url: t.url, sent: t.messages.slice(0, t.sentCount), clientPort: t.clientPort })),
  history: (e) => replayedConnections(e as LoggedExample<Example>),
  reproduceArgs: (route) => ['--ws-include', route.path],
};

async function openWebsocket(given: Route, deps: RouteDeps, seed: number): Promise<RouteSession<Example, RunOutcome>> {
  const { options } = deps;
  // The route's protocol first (its framework's, the configuration's, or the wire's): it decides the messages and the answers.
  const route = await routeWithProtocol(given, options, (r) => sequenceRunner(r, deps.target, options, deps.auth, deps.pool), seed);
  resolvedRoutes.set(given, route);
  const run = sequenceRunner(route, deps.target, options, deps.auth, deps.pool);
  const plan: RoutePlan = routePlan(route, options);
  const stats = emptyStats();
  /** Every connection was closed deliberately, but only because we sent something: tested (closesOnlyWhenSpokenTo). */
  let spokenTo = false;
  return {
    facts: {
      preamble: (o) => (o.transcript.preambleCount ?? 0) > 0,
      cost: (o) => ({ units: transcriptsOf(o).reduce((n, t) => n + 1 + t.sentCount, 0), kind: o.transcripts ? 'script' : 'sequence' }),
    },
    arbitrary: () => plan.examples,
    run: exampleRunner(run, route, deps.target, options, deps.auth, deps.pool),
    async explore(explore) {
      const exploration = await explore(plan.examples);
      spokenTo = await closesOnlyWhenSpokenTo(exploration, route, run, options, seed);
      return exploration;
    },
    count: (o) => {
      const ts = transcriptsOf(o);
      return { messages: ts.reduce((n, t) => n + t.sentCount, 0), connections: ts.filter((t) => t.handshake.outcome === 'accepted').length };
    },
    observe: (o) => {
      for (const t of transcriptsOf(o)) addStats(stats, t);
    },
    skipReason: (exploration) => (spokenTo ? undefined : skipReason(exploration, plan, options)),
    // A sequence's JSON rewritten as plain text where it still fails.
    async polish(shrunk, deadline, tally) {
      if (isScript(shrunk.sequence) || !plan.normalizable) return shrunk;
      const one = { ...shrunk, sequence: shrunk.sequence };
      const normal = await normalize(one, run, { deadline }, tally);
      const polished = { ...shrunk, ...normal.found, shrinks: shrunk.shrinks + normal.runs };
      if (Date.now() > deadline) polished.timedOut = true;
      return polished;
    },
    describe: (shrunk) => describeFailure(shrunk, route, options),
    extra: () => ({ ...routeFacts(route), stats }),
  };
}

/** The longest an idle connection waits for a server to close on its own. */
const IDLE_WAIT_MAX_MS = 2_000;

/**
 * A plain route whose every connection was closed deliberately before any message counted
 * as read (no pong for it came: a `ws` server that closes in its message handler answers no
 * later ping), with a code and reason that do not read as a refusal (1000, 1005 ...): a
 * route that greets, reads one message, answers and closes looks just so. One idle
 * connection tells it from a route that closes every connection whatever is sent: sent
 * nothing, a refusing server still closes (within three times the delay it closed the
 * others with); one that waits for a message keeps it open. Kept open: our messages caused
 * the closes, so the route was tested.
 */
async function closesOnlyWhenSpokenTo(
  exploration: Exploration<Example, RunOutcome>,
  route: Route,
  run: SequenceRunner,
  options: Options,
  seed: number,
): Promise<boolean> {
  const u = exploration.lastUntested;
  if (!u || exploration.ran === 0 || exploration.untested !== exploration.ran || u.afterReading !== undefined) return false;
  if (protocolOf(route).name !== 'plain' || readsAsRefusal(u)) return false;
  const idleMs = Math.min(Math.max(250, 3 * (u.closedAfterMs ?? 0)), IDLE_WAIT_MAX_MS, options.messageTimeoutMs);
  const rule = ruleFor(options.subprotocols, route.path);
  const { transcript: t } = await run({
    params: firstParams(route, seed),
    messages: [],
    closeCode: 1000,
    idleMs,
    ...(rule ? { subprotocols: { offer: [...rule.offer], required: rule.required } } : {}),
  });
  return t.handshake.outcome === 'accepted' && t.serverClose !== undefined && t.serverClose.answeredOurs && !t.serverTraces.length;
}

function skipReason(exploration: Exploration<Example, RunOutcome>, plan: RoutePlan, options: Options): string | undefined {
  if (exploration.ran > 0 && exploration.untested === exploration.ran && exploration.lastUntested) {
    const u = exploration.lastUntested;
    return skipReasonFor(u, {
      received: u.received,
      selectedSubprotocol: u.selectedSubprotocol,
      prelude: options.prelude.length > 0,
      credentials: Boolean(options.auth) || options.headers.length + options.cookies.length + options.query.length > 0,
    });
  }
  if (plan.graphql && exploration.preambleSent > 0 && exploration.preambleRefused === exploration.preambleSent && exploration.lastRefused) {
    // Only sequences that never opened the protocol got through: nothing past connection_init was tested.
    const { closeCode, closeReason } = exploration.lastRefused;
    return (
      `every connection_init was answered by a close with ${closeCode}${closeReason ? ` (${closeReason})` : ''};` +
      ' the route may require auth (--auth) or connection parameters'
    );
  }
  return undefined;
}

function describeFailure(shrunk: Shrunk<Example, RunOutcome>, route: Route, options: Options): FailureFacts {
  const t = shrunk.outcome.transcript;
  const v = shrunk.verdict;
  // A script that failed before a second client acted is reported as that client's sequence.
  const script = isScript(shrunk.sequence) && (shrunk.actedBefore ?? 0) > 1 ? scriptFacts(shrunk.sequence, shrunk, route.path) : undefined;
  return {
    ...failureFacts(v, t),
    ...(script ? { message: `${script.failedAt}: ${v.message}`, script: script.steps } : {}),
    sequence: isScript(shrunk.sequence) ? t.messages : shrunk.sequence.messages,
    ...(options.prelude?.length ? { prelude: preludeMessages(options.prelude) } : {}),
    ...(v.errorType === 'handshake_rejected' ? { hint: handshakeRejectedHint(t.handshake.status) } : {}),
  };
}

/**
 * A history entry's connections as the fresh replay ran them: the example's own messages,
 * not what its live run got to send (on a server an earlier connection had already broken,
 * a poster may have been refused before sending anything).
 */
function replayedConnections(e: LoggedExample<Example>): HistoryEntry[] {
  const example = e.example;
  if (!isScript(example)) return [{ url: fillTemplate(e.route.path, example.params), sequence: example.messages }];
  return example.clients.map((client, i) => ({
    url: fillTemplate(e.route.path, client.params),
    sequence: example.steps.filter((s) => s.client === i && s.action === 'send' && s.message).map((s) => s.message!) as Message[],
  }));
}

/** A shrunk script as reported: its steps up to the one that failed, and who failed where. */
function scriptFacts(script: Script, found: Found<Example, RunOutcome>, template: string): { steps: ScriptStepResult[]; failedAt: string } {
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

function failureFacts(v: Verdict, t: Transcript): Omit<FailureFacts, 'sequence' | 'script'> {
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
