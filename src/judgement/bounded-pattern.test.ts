import { expect, test } from 'vitest';
import { boundedRegExp } from './bounded-pattern.js';

test('a pattern tests as a RegExp would', () => {
  const hex = boundedRegExp('^[a-f0-9]{4}$', 'u');
  expect(hex.test('beef')).toBe(true);
  expect(hex.test('BEEF')).toBe(false);
  expect(boundedRegExp('é+', 'u').test('cafééé')).toBe(true);
});

test('a syntax error is thrown when the pattern is compiled', () => {
  expect(() => boundedRegExp('(', 'u')).toThrow(SyntaxError);
});

test('a backtracking pattern is given up after its budget, then skipped; other patterns still work', () => {
  const evil = boundedRegExp('^(a+)+$', 'u');
  // 2^40 steps unbounded; the budget ends it. A hang here fails the test by its timeout.
  expect(evil.test(`${'a'.repeat(40)}!`)).toBe(true);
  expect(evil.test(`${'a'.repeat(40)}!`)).toBe(true);
  expect(boundedRegExp('^ok$', 'u').test('ok')).toBe(true);
  expect(boundedRegExp('^ok$', 'u').test('no')).toBe(false);
}, 30_000);
