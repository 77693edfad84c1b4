/**
 * A route run as a fast-check property. Exploration runs the route's sequences
 * concurrently (values drawn with `fc.sample` from the route seed, which yields
 * the same i-th value as `fc.check` with that seed: a test pins this); it stops dispatching at the
 * first failure and keeps the lowest failing index, so the result does not
 * depend on timing. Shrinking then replays that index through `fc.check` with
 * `path`, letting fast-check shrink what we composed; a time budget keeps slow
 * failures (timeouts) from shrinking forever, and a dead server ends shrinking at once.
 */
import fc from 'fast-check';
import type { Sequence } from '../generation/sequence.js';
import type { RunOutcome } from '../execution/run-script.js';
import type { Transcript } from '../execution/transcript.js';
import type { Judgement, Verdict } from '../judgement/index.js';
import { failureKey, serverGone } from '../judgement/failure.js';

/**
 * Called with every transcript, exploration and shrinking alike, so counters stay live;
 * `again` for the second and later connections of one example (a multi-client script).
 */
export type Tally = (t: Transcript, phase: 'explore' | 'shrink', again?: boolean) => void;

/** Runs one example (a sequence, or what the route's arbitrary draws). */
export type Runner<E> = (example: E, mode?: { stepwise: boolean; connectionTimeoutMs?: number }) => Promise<RunOutcome>;

export interface Found<E = Sequence> {
  index: number;
  sequence: E;
  transcript: Transcript;
  verdict: Verdict;
  /** A multi-client script: the client whose connection failed, and the step at which it did. */
  failedClient?: number;
  failedStep?: number;
  actedBefore?: number;
  skippedSteps?: number[];
}

function tallyAll(tally: Tally, o: RunOutcome, phase: 'explore' | 'shrink'): void {
  (o.transcripts ?? [o.transcript]).forEach((t, i) => tally(t, phase, i > 0));
}

export interface Exploration<E = Sequence> {
  failure?: Found<E>;
  /** Sequences the server closed deliberately before reading any message. */
  untested: number;
  lastUntested?: { closeCode: number; closeReason: string; afterReading?: number };
  ran: number;
  /** Sequences that opened with the protocol's preamble (connection_init), and of those the ones closed right after it. */
  preambleSent: number;
  preambleRefused: number;
  lastRefused?: { closeCode: number; closeReason: string };
}

export interface Shrunk<E = Sequence> extends Found<E> {
  shrinks: number;
  timedOut: boolean;
  path?: string;
  /** The failure did not happen again when replayed. */
  flaky: boolean;
  /** The server stopped taking connections, so nothing smaller could be tried. */
  serverGone: boolean;
}

const CHUNK = 100;

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

/**
 * Runs the route's sequences, `workers` at a time, until the first failure. The
 * counts (`tally`) cover exactly the sequences up to the kept failure, in index
 * order, so a replay reports the same numbers; `live` sees every transcript as it
 * comes, for the progress line.
 */
export async function explore<E>(
  total: number,
  valueAt: (i: number) => E,
  run: Runner<E>,
  workers: number,
  tally: Tally,
  live: (t: Transcript, again?: boolean) => void = () => {},
): Promise<Exploration<E>> {
  let next = 0;
  let stop = false;
  const outcomes: Array<{ sequence: E; outcome: RunOutcome; transcript: Transcript; judgement: Judgement }> = [];
  const worker = async (): Promise<void> => {
    while (!stop && next < total) {
      const index = next++;
      const sequence = valueAt(index);
      const outcome = await run(sequence);
      const { transcript, judgement } = outcome;
      (outcome.transcripts ?? [transcript]).forEach((t, i) => live(t, i > 0));
      outcomes[index] = { sequence, outcome, transcript, judgement };
      if (judgement.verdict) stop = true;
    }
  };
  // No more workers than sequences: each is an async loop holding memory of its own.
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, total)) }, worker));
  // Every index below the lowest failure has run: dispatch is in order and all workers finished.
  const result: Exploration<E> = { untested: 0, ran: 0, preambleSent: 0, preambleRefused: 0 };
  for (let index = 0; index < outcomes.length; index++) {
    const o = outcomes[index];
    if (!o) break;
    result.ran++;
    tallyAll(tally, o.outcome, 'explore');
    if (o.judgement.verdict) {
      result.failure = { index, sequence: o.sequence, transcript: o.transcript, verdict: o.judgement.verdict, ...where(o.outcome) };
      break;
    }
    const preamble = (o.transcript.preambleCount ?? 0) > 0;
    if (preamble) result.preambleSent++;
    if (o.judgement.untested) {
      result.untested++;
      result.lastUntested = o.judgement.untested;
      if (preamble) {
        result.preambleRefused++;
        result.lastRefused = o.judgement.untested;
      }
    }
  }
  return result;
}

/** Where a multi-client script failed, when it did. */
function where(o: RunOutcome): Pick<Found, 'failedClient' | 'failedStep' | 'actedBefore' | 'skippedSteps'> {
  return o.failedClient === undefined
    ? {}
    : { failedClient: o.failedClient, failedStep: o.failedStep, actedBefore: o.actedBefore, skippedSteps: o.skippedSteps };
}

export async function shrink<E>(
  arb: fc.Arbitrary<E>,
  seed: number,
  found: Found<E>,
  run: Runner<E>,
  opts: { deadline: number; messageTimeoutMs: number },
  tally: Tally,
): Promise<Shrunk<E>> {
  const key = failureKey(found.verdict);
  // After a server went silent, a retry it does not accept within message_timeout means it is
  // still stuck: no need to wait out the full connection timeout to learn that.
  const connectionTimeoutMs = found.verdict.errorType === 'timeout' && found.verdict.messageIndex !== null ? opts.messageTimeoutMs : undefined;
  const { deadline } = opts;
  let best: Found<E> = found;
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
    const { transcript, judgement } = outcome;
    tallyAll(tally, outcome, 'shrink');
    const v = judgement.verdict;
    // A script that fails before a second client acted is the one-client failure of an app
    // holding state from earlier candidates, not a smaller script: only a sequence may replace
    // a failure that needed several clients.
    const lostClients = (found.actedBefore ?? 0) > 1 && outcome.actedBefore === 1;
    if (v && failureKey(v) === key && !lostClients) {
      best = { index: found.index, sequence, transcript, verdict: v, ...where(outcome) };
      return false;
    }
    // The failure took the server down (a frozen event loop): nothing smaller can be tried.
    if (v && serverGone(v) && !serverGone(found.verdict)) gone = true;
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
