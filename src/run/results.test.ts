import { expect, test } from 'vitest';
import { deterministicFirst } from './results.js';

test("a route's flaky failures are listed after its deterministic ones, each group in the order found", () => {
  const found = [{ id: 'a', flaky: { tried: 5, failed: 2 } }, { id: 'b' }, { id: 'c', flaky: { tried: 3, failed: 1 } }, { id: 'd' }];
  expect(deterministicFirst(found).map((f) => f.id)).toEqual(['b', 'd', 'a', 'c']);
});
