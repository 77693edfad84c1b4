import { expect, test } from 'vitest';
import { MAX_TRACE_LINE_CHARS, MAX_TRACE_LINES, capTrace } from './trace-cap.js';

test('a short trace is kept as it is', () => {
  const trace = 'Error: boom\n    at handler (/app/server.js:3:9)\n';
  expect(capTrace(trace)).toBe(trace);
});

test('a huge line keeps its head and says how many characters were cut; the frames stay', () => {
  const trace = `Error: ${'x'.repeat(20_000_000)}\n    at handler (/app/server.js:3:9)`;
  const capped = capTrace(trace);
  expect(capped).toBe(`Error: ${'x'.repeat(MAX_TRACE_LINE_CHARS - 7)}… (19,998,007 more characters cut)\n    at handler (/app/server.js:3:9)`);
});

test('too many lines keep the first and last halves and say how many lines were cut', () => {
  const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
  const capped = capTrace(lines.join('\n')).split('\n');
  expect(capped).toHaveLength(MAX_TRACE_LINES + 1);
  expect(capped[0]).toBe('line 0');
  expect(capped[MAX_TRACE_LINES / 2]).toBe('… (800 lines cut) …');
  expect(capped.at(-1)).toBe('line 999');
});

test('up to the bound, every line is kept (each shortened when long)', () => {
  for (const n of [1, 2, MAX_TRACE_LINES - 1, MAX_TRACE_LINES, MAX_TRACE_LINES + 1]) {
    const lines = Array.from({ length: n }, (_, i) => `${i}:${'y'.repeat(20)}`);
    expect(capTrace(lines.join('\n')), String(n)).toBe(lines.join('\n'));
  }
  const long = ['a'.repeat(3000), 'b', 'c'.repeat(3000)].join('\n');
  expect(
    capTrace(long)
      .split('\n')
      .map((l) => l.slice(0, 1)),
  ).toEqual(['a', 'b', 'c']);
});

test('a trace the bridge cut already keeps its notes when cut again', () => {
  const once = capTrace(`${'z'.repeat(5000)}\n${Array.from({ length: 500 }, (_, i) => `l${i}`).join('\n')}`);
  expect(capTrace(once)).toBe(once);
});
