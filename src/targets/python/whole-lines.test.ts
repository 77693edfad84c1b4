import { expect, test } from 'vitest';
import { wholeLines } from './whole-lines.js';

test('chunks cut anywhere come out as whole lines; the rest on flush', () => {
  const out: string[] = [];
  const lines = wholeLines((t) => out.push(t));
  lines.push('token: tok-');
  lines.push('1234 logged\nnext: a');
  lines.push('b');
  expect(out).toEqual(['token: tok-1234 logged\n']);
  lines.flush();
  expect(out).toEqual(['token: tok-1234 logged\n', 'next: ab']);
});

test('a line without end is let through in parts, its last 16 KiB kept back', () => {
  const out: string[] = [];
  const lines = wholeLines((t) => out.push(t));
  lines.push('x'.repeat(70 * 1024));
  expect(out.map((t) => t.length)).toEqual([54 * 1024]);
});
