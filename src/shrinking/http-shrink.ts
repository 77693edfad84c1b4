/**
 * An HTTP route as a fast-check property. Exploration draws the i-th request with
 * `fc.sample` from the route seed (the same i-th value `fc.check` draws with that seed
 * and `path: i`), runs all of them side by side, and keeps, for each distinct kind of
 * failure (`httpFailureKind`), the lowest failing index: the result does not depend on
 * timing. Shrinking replays one kept index through `fc.check` with `path`, letting
 * fast-check shrink the request while it fails the same way, within a time budget.
 */
import fc from 'fast-check';
import type { Verdict } from '../judgement/failure.js';
import { signatureOf } from '../judgement/signature.js';

/** What one request did: its verdict, if any, and the details the caller keeps. */
export interface HttpTry<R> {
  verdict?: Verdict;
  result: R;
}

export interface HttpFound<E, R> {
  index: number;
  example: E;
  verdict: Verdict;
  result: R;
}

export interface HttpShrunk<E, R> extends HttpFound<E, R> {
  shrinks: number;
  timedOut: boolean;
  path?: string;
  flaky: boolean;
}

/**
 * Same bug: with a trace, its signature (error type, exception type, innermost app frame:
 * `judgement/signature.ts`); without one, the error type and the status, or the way the
 * request failed (numbers blanked: a timeout's milliseconds are not the bug).
 */
export function httpFailureKind(v: Verdict): string {
  if (v.serverTrace) return signatureOf(v).signature;
  const status = /^HTTP (\d+)/.exec(v.actual)?.[1];
  return `${v.errorType}:${status ?? v.actual.replace(/\d+/g, 'N')}`;
}

/**
 * Runs `total` requests, `workers` at a time, and returns the first failure of each kind
 * (in index order, at most `maxKinds`), how many requests ran and how many of those
 * `connected` says reached the server. Only failures keep their result (a response body
 * may be large; a run may send many).
 */
export async function exploreHttp<E, R>(
  total: number,
  valueAt: (i: number) => E,
  run: (example: E) => Promise<HttpTry<R>>,
  workers: number,
  maxKinds: number,
  connected: (r: R) => boolean = () => true,
): Promise<{ found: HttpFound<E, R>[]; ran: number; connections: number }> {
  let next = 0;
  const tries: Array<{ connected: boolean; failure?: HttpFound<E, R> }> = [];
  const kinds = new Set<string>();
  const worker = async (): Promise<void> => {
    while (next < total && kinds.size < maxKinds) {
      const index = next++;
      const example = valueAt(index);
      const t = await run(example);
      tries[index] = { connected: connected(t.result), ...(t.verdict ? { failure: { index, example, verdict: t.verdict, result: t.result } } : {}) };
      if (t.verdict) kinds.add(httpFailureKind(t.verdict));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, total)) }, worker));
  // Only the prefix every index of which ran counts: dispatch is in order, so that prefix is timing-free.
  const found: HttpFound<E, R>[] = [];
  const seen = new Set<string>();
  let ran = 0;
  let connections = 0;
  for (let index = 0; index < tries.length; index++) {
    const entry = tries[index];
    if (!entry) break;
    ran++;
    if (entry.connected) connections++;
    const f = entry.failure;
    if (!f) continue;
    const kind = httpFailureKind(f.verdict);
    if (seen.has(kind)) continue;
    seen.add(kind);
    found.push(f);
    if (found.length >= maxKinds) break;
  }
  return { found, ran, connections };
}

export async function shrinkHttp<E, R>(
  arb: fc.Arbitrary<E>,
  seed: number,
  found: HttpFound<E, R>,
  run: (example: E) => Promise<HttpTry<R>>,
  deadline: number,
): Promise<HttpShrunk<E, R>> {
  const kind = httpFailureKind(found.verdict);
  let best: HttpFound<E, R> = found;
  let shrinks = 0;
  let timedOut = false;
  const property = fc.asyncProperty(arb, async (example) => {
    if (Date.now() > deadline) {
      timedOut = true;
      // Stops the run here, keeping the smallest so far (passing would walk the whole shrink tree).
      throw new fc.PreconditionFailure(true);
    }
    shrinks++;
    const t = await run(example);
    if (t.verdict && httpFailureKind(t.verdict) === kind) {
      best = { index: found.index, example, verdict: t.verdict, result: t.result };
      return false;
    }
    return true;
  });
  const details = await fc.check(property, { seed, path: String(found.index), numRuns: 1 });
  return {
    ...best,
    shrinks: Math.max(0, shrinks - 1),
    timedOut,
    path: details.failed ? (details.counterexamplePath ?? undefined) : undefined,
    flaky: !details.failed && !timedOut,
  };
}
