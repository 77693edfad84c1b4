/**
 * A route run as a fast-check property. Exploration runs the route's sequences
 * concurrently (values drawn with `fc.sample` from the route seed, which yields
 * the same i-th value as `fc.check` with that seed: a test pins this) and keeps the
 * lowest failing index of each distinct failure, so the result does not depend on
 * timing. Shrinking then replays each such index through `fc.check` with
 * `path`, letting fast-check shrink what we composed; a time budget keeps slow
 * failures (timeouts) from shrinking forever, and a dead server ends shrinking at once.
 */
import fc from 'fast-check';
import type { Sequence } from '../generation/sequence.js';
import type { RunOutcome } from '../judgement/script.js';
import type { Judgement, Verdict } from '../judgement/index.js';
import { serverGone } from '../judgement/failure.js';
import { sameFailureKey } from '../judgement/signature.js';
import type { Pool } from '../execution/pool.js';

/**
 * What exploration and shrinking read of one run of an example, whatever the route kind:
 * its judgement, and for a multi-client script, where it failed. Each kind adds its record
 * (a WebSocket example's transcripts, an HTTP request's response).
 */
export interface Outcome {
  judgement: Judgement;
  /** A multi-client script: the client whose connection failed, and the step at which it did. */
  failedClient?: number;
  failedStep?: number;
  /** A multi-client script: how many clients had acted up to the failing step. */
  actedBefore?: number;
  /** A multi-client script: steps that did nothing (the connection was already gone). */
  skippedSteps?: number[];
  /** No sign whether the route refuses examples (a script none of whose clients sent a message). */
  inconclusive?: boolean;
}

/** What a route kind tells the explorer about its outcomes. */
export interface OutcomeFacts<O> {
  /** Which failures are the same bug (default: the signature, `sameFailureKey`). */
  key?: (v: Verdict) => string;
  /** It opened with the protocol's preamble (GraphQL's connection_init). */
  preamble?: (o: O) => boolean;
  /** What the example cost, for the adaptive pool: units of work and the kind of example. */
  cost?: (o: O) => { units: number; kind: string };
  /**
   * The failure says the server takes no more connections, so exploring or shrinking on is
   * pointless (default: `serverGone`, a WebSocket route's refused or unanswered upgrade).
   */
  serverGone?: (v: Verdict) => boolean;
}

/**
 * Called with every outcome, exploration and shrinking alike, so counters stay live.
 */
export type Tally<O = RunOutcome> = (o: O, phase: 'explore' | 'shrink') => void;

/** Runs one example (a sequence, a script, a request: what the route's arbitrary draws). */
export type Runner<E, O = RunOutcome> = (example: E, mode?: { stepwise: boolean; connectionTimeoutMs?: number }) => Promise<O>;

export interface Found<E = Sequence, O = RunOutcome> {
  index: number;
  sequence: E;
  outcome: O;
  verdict: Verdict;
  /** A multi-client script: the client whose connection failed, and the step at which it did. */
  failedClient?: number;
  failedStep?: number;
  actedBefore?: number;
  skippedSteps?: number[];
  /** Exploration: how many sequences failed this way (up to where exploration was read). */
  count?: number;
}

export interface Exploration<E = Sequence, O = RunOutcome> {
  /** The first failure of each distinct kind, in index order. */
  failures: Found<E, O>[];
  /** Sequences the server closed deliberately before reading any message. */
  untested: number;
  lastUntested?: NonNullable<Judgement['untested']>;
  ran: number;
  /** Sequences that opened with the protocol's preamble (connection_init), and of those the ones closed right after it. */
  preambleSent: number;
  preambleRefused: number;
  lastRefused?: { closeCode: number; closeReason: string };
}

export interface Shrunk<E = Sequence, O = RunOutcome> extends Found<E, O> {
  shrinks: number;
  timedOut: boolean;
  path?: string;
  /** The failure did not happen again when replayed. */
  flaky: boolean;
  /** The server stopped taking connections, so nothing smaller could be tried. */
  serverGone: boolean;
}

/**
 * Values drawn at once. Every route holds one chunk while it runs, so this times the
 * number of routes is what generation keeps in memory; skipping to a chunk's start
 * costs a random-generator jump per index, nothing generated.
 */
const CHUNK = 16;

/**
 * The i-th value of the route's run, drawn in chunks so a large --max-examples
 * neither fills memory nor blocks the event loop at the start (fc.sample with
 * `path` starts at an index without generating the ones before it).
 */
export function sampler<E>(arb: fc.Arbitrary<E>, seed: number): (i: number) => E {
  let start = -1;
  let chunk: E[] = [];
  return (i) => {
    const wanted = i - (i % CHUNK);
    if (wanted !== start) {
      chunk = fc.sample(arb, wanted === 0 ? { seed, numRuns: CHUNK } : { seed, path: String(wanted), numRuns: CHUNK });
      start = wanted;
    }
    return chunk[i - start]!;
  };
}

/** When exploration stops: enough distinct failures, or a verdict that the server is gone. */
export interface ExploreLimits {
  /** Distinct failures (by `sameFailureKey`) to collect before exploration stops. */
  maxFailures: number;
}

const keyOf = <O>(facts: OutcomeFacts<O>): ((v: Verdict) => string) => facts.key ?? sameFailureKey;

/**
 * Runs the route's sequences, `workers` at a time, through the examples budget, keeping
 * the first failure of each distinct kind (`sameFailureKey`), until `maxFailures` kinds
 * are found or the server is gone. Results are read in index order: the failures kept
 * are the first `maxFailures` distinct ones by index, and dispatch is in order, so every
 * index below the last one kept has run: the result does not depend on timing. The
 * counts (`tally`) cover exactly the sequences up to that index (or all), so a replay
 * reports the same numbers; `live` sees every transcript as it comes, for the progress line.
 *
 * `workers` is a fixed count, or the run's pool: then the route takes the pool's slots
 * as they free up (one waiting turn per route, so every route progresses), draws an
 * example only once it holds a slot, and tells the pool what each example cost.
 */
export async function explore<E, O extends Outcome = RunOutcome>(
  total: number,
  valueAt: (i: number) => E,
  run: Runner<E, O>,
  workers: number | Pool,
  tally: Tally<O>,
  live: (o: O) => void = () => {},
  limits: ExploreLimits = { maxFailures: 1 },
  facts: OutcomeFacts<O> = {},
): Promise<Exploration<E, O>> {
  const key = keyOf(facts);
  const gone = facts.serverGone ?? serverGone;
  let next = 0;
  let stop = false;
  const seen = new Set<string>();
  // Read in index order as they arrive and let go of once read: a route holds the outcomes
  // not yet read (those past a slow one), not every example it ran.
  const outcomes: Array<{ sequence: E; outcome: O } | undefined> = [];
  const result: Exploration<E, O> = { failures: [], untested: 0, ran: 0, preambleSent: 0, preambleRefused: 0 };
  const kept = new Map<string, Found<E, O>>();
  let cursor = 0;
  let finished = false;
  const read = (): void => {
    for (; !finished && cursor < outcomes.length; cursor++) {
      const index = cursor;
      const o = outcomes[index];
      if (!o) return;
      outcomes[index] = undefined;
      result.ran++;
      tally(o.outcome, 'explore');
      const { judgement } = o.outcome;
      const v = judgement.verdict;
      if (v) {
        const k = key(v);
        const known = kept.get(k);
        if (known) known.count = (known.count ?? 1) + 1;
        else {
          const found: Found<E, O> = { index, sequence: o.sequence, outcome: o.outcome, verdict: v, count: 1, ...where(o.outcome) };
          kept.set(k, found);
          result.failures.push(found);
        }
        if (kept.size >= limits.maxFailures || gone(v)) finished = true;
        continue;
      }
      const preamble = facts.preamble?.(o.outcome) ?? false;
      if (preamble) result.preambleSent++;
      // A script whose clients sent nothing neither proves nor disproves a refusal: it does not
      // keep a route that refuses every message from being reported as skipped.
      if (o.outcome.inconclusive && !judgement.untested) result.untested++;
      if (judgement.untested) {
        result.untested++;
        result.lastUntested = judgement.untested;
        if (preamble) {
          result.preambleRefused++;
          result.lastRefused = judgement.untested;
        }
      }
    }
  };
  const runIndex = async (index: number, inSlot: <T>(task: () => Promise<T>) => Promise<T> = (t) => t()): Promise<O> => {
    const sequence = valueAt(index);
    const outcome = await inSlot(() => run(sequence));
    live(outcome);
    outcomes[index] = { sequence, outcome };
    read();
    const v = outcome.judgement.verdict;
    if (v) {
      seen.add(key(v));
      if (seen.size >= limits.maxFailures || gone(v)) stop = true;
    }
    return outcome;
  };
  if (typeof workers === 'number') {
    const worker = async (): Promise<void> => {
      while (!stop && next < total) await runIndex(next++);
    };
    // No more workers than sequences: each is an async loop holding memory of its own.
    await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, total)) }, worker));
  } else {
    await fromPool(
      workers,
      () => !stop && next < total,
      runIndex,
      () => next++,
      (o) => facts.cost?.(o),
    );
  }
  return result;
}

/**
 * Dispatches indexes while `more()`, each once a slot of the pool is free, and waits
 * for all of them; the first error stops dispatch and is thrown after the rest settle.
 */
async function fromPool<O>(
  pool: Pool,
  more: () => boolean,
  runIndex: (index: number, inSlot: <T>(task: () => Promise<T>) => Promise<T>) => Promise<O>,
  take: () => number,
  cost: (o: O) => { units: number; kind: string } | undefined,
): Promise<void> {
  const lane = {};
  const inflight = new Set<Promise<void>>();
  let failed: { error: unknown } | undefined;
  while (!failed && more()) {
    const slot = await pool.acquire(lane);
    if (failed || !more()) {
      slot.release();
      break;
    }
    const done = runIndex(take(), slot.run).then(
      (o) => slot.release(cost(o)),
      (error: unknown) => {
        slot.release();
        failed ??= { error };
      },
    );
    const tracked = done.finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  }
  await Promise.all(inflight);
  if (failed) throw failed.error;
}

/** Where a multi-client script failed, when it did. */
function where(o: Outcome): Pick<Found, 'failedClient' | 'failedStep' | 'actedBefore' | 'skippedSteps'> {
  return o.failedClient === undefined
    ? {}
    : { failedClient: o.failedClient, failedStep: o.failedStep, actedBefore: o.actedBefore, skippedSteps: o.skippedSteps };
}

export async function shrink<E, O extends Outcome = RunOutcome>(
  arb: fc.Arbitrary<E>,
  seed: number,
  found: Found<E, O>,
  run: Runner<E, O>,
  opts: { deadline: number; messageTimeoutMs: number },
  tally: Tally<O>,
  facts: OutcomeFacts<O> = {},
): Promise<Shrunk<E, O>> {
  const sameAs = keyOf(facts);
  const key = sameAs(found.verdict);
  const isGone = facts.serverGone ?? serverGone;
  // After a server went silent, a retry it does not accept within message_timeout means it is
  // still stuck: no need to wait out the full connection timeout to learn that.
  const connectionTimeoutMs = found.verdict.errorType === 'timeout' && found.verdict.messageIndex !== null ? opts.messageTimeoutMs : undefined;
  const { deadline } = opts;
  let best: Found<E, O> = found;
  let shrinks = 0;
  let timedOut = false;
  let gone = false;
  const property = fc.asyncProperty(arb, async (sequence) => {
    // Out of budget, or nothing left to try against: stop the run here, keeping the smallest
    // so far. Merely passing the candidate would let fc.check walk the rest of the shrink tree
    // in microtasks, starving the event loop (and with it SIGINT) for as long as that takes.
    if (gone) throw new fc.PreconditionFailure(true);
    if (Date.now() > deadline) {
      timedOut = true;
      throw new fc.PreconditionFailure(true);
    }
    shrinks++;
    // Stepwise while shrinking: the reported message index is then exact.
    const outcome = await run(sequence, { stepwise: true, connectionTimeoutMs });
    tally(outcome, 'shrink');
    const v = outcome.judgement.verdict;
    // A script that fails before a second client acted is the one-client failure of an app
    // holding state from earlier candidates, not a smaller script: only a sequence may replace
    // a failure that needed several clients.
    const lostClients = (found.actedBefore ?? 0) > 1 && outcome.actedBefore === 1;
    if (v && sameAs(v) === key && !lostClients) {
      best = { index: found.index, sequence, outcome, verdict: v, ...where(outcome) };
      return false;
    }
    // The failure took the server down (a frozen event loop): nothing smaller can be tried.
    if (v && isGone(v) && !isGone(found.verdict)) gone = true;
    return true;
  });
  // numRuns 1: replay only that index (then shrink); a pass means the failure did not recur.
  const details = await fc.check(property, { seed, path: String(found.index), numRuns: 1 });
  return {
    ...best,
    shrinks: Math.max(0, shrinks - 1),
    timedOut,
    path: details.failed ? (details.counterexamplePath ?? undefined) : undefined,
    // An interruption before the replay ran says nothing about flakiness.
    flaky: !details.failed && !gone && !timedOut,
    serverGone: gone,
  };
}
