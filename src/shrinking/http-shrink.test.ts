import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Verdict } from '../judgement/failure.js';
import { exploreHttp, httpFailureKind, shrinkHttp } from './http-shrink.js';
import { sampler } from './property.js';

const fail = (actual: string, trace?: string): Verdict => ({
  errorType: 'server_error',
  message: 'x',
  messageIndex: null,
  expected: 'e',
  actual,
  serverTrace: trace,
});

describe('HTTP exploration and shrinking', () => {
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
      if (v.n % 3 === 0) return { verdict: fail('HTTP 500: x'), result: v };
      if (v.n % 5 === 0)
        return { verdict: fail('HTTP 500: y', 'Traceback (most recent call last):\n  File "/srv/app.py", line 4, in f\nKeyError: 1'), result: v };
      return { result: v };
    };
    const first = await exploreHttp(100, values, run, 8, 5);
    const again = await exploreHttp(100, values, run, 3, 5);
    expect(first.found.map((f) => f.index)).toEqual(again.found.map((f) => f.index));
    expect(first.found.map((f) => httpFailureKind(f.verdict))).toEqual(expect.arrayContaining(['server_error:500', 'server_error:KeyError:app.py:4']));
  });

  test('shrinks to the minimal failing request of the same kind', async () => {
    const run = async (v: { n: number; s: string }) => (v.n >= 10 ? { verdict: fail('HTTP 500: big'), result: v } : { result: v });
    const values = sampler(arb, 9);
    const { found } = await exploreHttp(100, values, run, 4, 1);
    expect(found).toHaveLength(1);
    const shrunk = await shrinkHttp(arb, 9, found[0]!, run, Date.now() + 10_000);
    expect(shrunk.example).toEqual({ n: 10, s: '' });
    expect(shrunk.flaky).toBe(false);
    expect(shrunk.path).toMatch(/^\d+(:\d+)*$/);
  });
});
