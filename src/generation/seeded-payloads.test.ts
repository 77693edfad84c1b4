import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { bytesArb, seededBytes } from './bytes.js';
import { seededText, textArb } from './text.js';

describe('large payloads filled from a seed', () => {
  test('a shorter length is a prefix of the same bytes, and seed 0 gives zeros', () => {
    const long = seededBytes(65_536, 123_456);
    expect(long.length).toBe(65_536);
    expect(Buffer.from(seededBytes(1001, 123_456)).equals(Buffer.from(long.subarray(0, 1001)))).toBe(true);
    expect(seededBytes(77, 0).every((b) => b === 0)).toBe(true);
    // Not a constant fill: every byte value comes up in 64 KiB.
    expect(new Set(long).size).toBe(256);
  });

  test('long text has the ranges of the short text, never a lone surrogate, and seed 0 gives spaces', () => {
    const text = seededText(4096, 99);
    const points = [...text].map((c) => c.codePointAt(0)!);
    expect(points.length).toBe(4096);
    expect(points.some((p) => p < 0x20)).toBe(true);
    expect(points.some((p) => p >= 0x20 && p <= 0x7e)).toBe(true);
    expect(points.some((p) => p > 0xffff)).toBe(true);
    expect(points.some((p) => p >= 0xd800 && p <= 0xdfff)).toBe(false);
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    expect(text.startsWith(seededText(300, 99))).toBe(true);
    expect(seededText(5, 0)).toBe('     ');
  });

  test('a failure that needs a large payload shrinks to the smallest length that fails, all zeros', () => {
    const arb = bytesArb({ maxLength: 64, largeLength: 65_536 });
    const details = fc.check(
      fc.property(arb, (b) => b.length <= 1000),
      { seed: 42, numRuns: 2000 },
    );
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample!;
    expect(shrunk.length).toBe(1001);
    expect(shrunk.every((b) => b === 0)).toBe(true);
  });

  test('the same for a long string', () => {
    const details = fc.check(
      fc.property(textArb({ maxLength: 64, longLength: 4096 }), (s) => [...s].length <= 500),
      { seed: 42, numRuns: 2000 },
    );
    expect(details.failed).toBe(true);
    expect(details.counterexample![0]).toBe(' '.repeat(501));
  });
});
