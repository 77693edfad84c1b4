import { describe, expect, test } from 'vitest';
import { ddmin } from './fresh-replay.js';

describe('ddmin', () => {
  const failsWith =
    (needed: number[], calls: { n: number }) =>
    async (subset: number[]): Promise<boolean> => {
      calls.n++;
      return needed.every((x) => subset.includes(x));
    };

  test('cuts a list down to the one item the failure needs', async () => {
    const calls = { n: 0 };
    const items = Array.from({ length: 64 }, (_v, i) => i);
    expect(await ddmin(items, failsWith([41], calls), () => true)).toEqual([41]);
    // Halving: about log2(64) tests, not one per item.
    expect(calls.n).toBeLessThanOrEqual(12);
  });

  test('keeps two items needed together, in their order', async () => {
    const items = Array.from({ length: 20 }, (_v, i) => i);
    expect(await ddmin(items, failsWith([3, 17], { n: 0 }), () => true)).toEqual([3, 17]);
  });

  test('stops when the budget is spent, with the smallest failing subset found so far', async () => {
    const calls = { n: 0 };
    const items = Array.from({ length: 64 }, (_v, i) => i);
    const result = await ddmin(items, failsWith([5], calls), () => calls.n < 2);
    expect(calls.n).toBe(2);
    expect(result).toContain(5);
    expect(result.length).toBeLessThan(64);
  });
});
