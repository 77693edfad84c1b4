import { expect, test } from 'vitest';
import { KEEP_LINES, MAX_LINE_CHARS, StderrTail } from './stderr-tail.js';

test('keeps the last lines, the partial one included', () => {
  const tail = new StderrTail();
  for (let i = 0; i < 100; i++) tail.push(`line ${i}\n`);
  tail.push('partial');
  const lines = tail.text().split('\n');
  expect(lines).toHaveLength(KEEP_LINES + 1);
  expect(lines[0]).toBe(`line ${100 - KEEP_LINES}`);
  expect(lines.at(-1)).toBe('partial');
});

test('a line split over chunks is joined', () => {
  const tail = new StderrTail();
  tail.push('Trace');
  tail.push('back: bo');
  tail.push('om\nnext');
  expect(tail.text()).toBe('Traceback: boom\nnext');
});

test('an endless line keeps its last characters and says how many it dropped', () => {
  const tail = new StderrTail();
  const frame = '\rloading [#####     ]  50%';
  const chunk = frame.repeat(2500); // 65,000 characters
  for (let i = 0; i < 1000; i++) tail.push(chunk); // 65 MB: the old tail took about 20 s
  const text = tail.text();
  expect(text.length).toBeLessThan(MAX_LINE_CHARS + 100);
  expect(text).toMatch(/^… \(64,998,000 characters cut\) /);
  expect(text.endsWith(frame)).toBe(true);
  tail.push('\ndone\n');
  expect(tail.text().split('\n')).toEqual([expect.stringMatching(/^… \(64,998,000 characters cut\) /), 'done']);
}, 10_000);
