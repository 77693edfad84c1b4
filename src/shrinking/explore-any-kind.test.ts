import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Verdict } from '../judgement/failure.js';
import { httpFailureKey } from '../judgement/signature.js';
import { explore, type Outcome, sampler, shrink } from './property.js';

// Exploration and shrinking are one for every route kind: here with outcomes shaped as an
// HTTP request's (a verdict and the request's own record), told apart by the HTTP key.
const fail = (actual: string, trace?: string): Verdict => ({
  errorType: 'server_error',
  message: 'x',
  messageIndex: null,
  expected: 'e',
  actual,
  serverTrace: trace,
});

interface Tried extends Outcome {
  value: { n: number; s: string };
}
const outcome = (value: { n: number; s: string }, verdict?: Verdict): Tried => ({ judgement: verdict ? { verdict } : {}, value });
const facts = { key: httpFailureKey };
const tally = () => {};

describe('exploration and shrinking of any route kind', () => {
  const arb = fc.record({ n: fc.nat({ max: 1000 }), s: fc.string() });

  test("the sampler's i-th value is the one fc.check draws at path i", () => {
    const at = sampler(arb, 42);
    for (const i of [0, 7, 99, 100, 250]) {
      let seen: unknown;
      fc.check(
        fc.property(arb, (v) => {
          seen = v;
          return true;
        }),
        { seed: 42, path: String(i), numRuns: 1 },
      );
      expect(at(i)).toEqual(seen);
    }
  });

  test('keeps the first failure of each kind, in index order, whatever the timing', async () => {
    const values = sampler(arb, 5);
    const run = async (v: { n: number; s: string }) => {
      await new Promise((r) => setTimeout(r, (v.n * 7) % 5));
      if (v.n % 3 === 0) return outcome(v, fail('HTTP 500: x'));
      if (v.n % 5 === 0) return outcome(v, fail('HTTP 500: y', 'Traceback (most recent call last):\n  File "/srv/app.py", line 4, in f\nKeyError: 1'));
      return outcome(v);
    };
    const first = await explore(100, values, run, 8, tally, undefined, { maxFailures: 5 }, facts);
    const again = await explore(100, values, run, 3, tally, undefined, { maxFailures: 5 }, facts);
    expect(first.failures.map((f) => f.index)).toEqual(again.failures.map((f) => f.index));
    expect(first.failures.map((f) => httpFailureKey(f.verdict))).toEqual(expect.arrayContaining(['server_error:500', 'server_error:KeyError:app.py:4']));
  });

  test('shrinks to the minimal failing request of the same kind', async () => {
    const run = async (v: { n: number; s: string }) => (v.n >= 10 ? outcome(v, fail('HTTP 500: big')) : outcome(v));
    const values = sampler(arb, 9);
    const { failures } = await explore(100, values, run, 4, tally, undefined, { maxFailures: 1 }, facts);
    expect(failures).toHaveLength(1);
    const shrunk = await shrink(arb, 9, failures[0]!, run, { deadline: Date.now() + 10_000, messageTimeoutMs: 1000 }, tally, facts);
    expect(shrunk.sequence).toEqual({ n: 10, s: '' });
    expect(shrunk.flaky).toBe(false);
    expect(shrunk.path).toMatch(/^\d+(:\d+)*$/);
  });

  test("a kind's serverGone decides whether a failure ends exploration (HTTP: a timed-out request never does)", async () => {
    const timedOut: Verdict = { errorType: 'timeout', message: 't', messageIndex: null, expected: 'e', actual: 'no answer within 10 ms' };
    // Index 0 times out; later requests hit a 500.
    const run = async (v: { n: number; s: string }) => outcome(v, v.s === 'first' ? timedOut : fail('HTTP 500: x'));
    const values = (i: number) => ({ n: i, s: i === 0 ? 'first' : 'later' });
    const wsLike = await explore(20, values, run, 1, tally, undefined, { maxFailures: 5 }, facts);
    expect(wsLike.failures.map((f) => f.verdict.errorType)).toEqual(['timeout']);
    const httpLike = await explore(20, values, run, 1, tally, undefined, { maxFailures: 5 }, { ...facts, serverGone: () => false });
    expect(httpLike.failures.map((f) => f.verdict.errorType)).toEqual(['timeout', 'server_error']);
  });
});
