import { expect, test } from 'vitest';
import type { ScriptStepResult } from '../run/results.js';
import { timelineLines } from './timeline.js';

const steps: ScriptStepResult[] = [
  { client: 0, action: 'connect', url: '/rooms/a' },
  { client: 1, action: 'connect', url: '/rooms/a' },
  { client: 1, action: 'send', url: '/rooms/a', message: { type: 'text', data: '' } },
];

test('a numbered timeline with one column per client, the failing step marked', () => {
  expect(timelineLines(steps, { failedLast: true })).toEqual([
    'Minimal script (2 clients, 3 steps):',
    '      client 0           client 1',
    '  1   connect /rooms/a',
    '  2                      connect /rooms/a',
    '  3                      send (text) ""   <- failed here',
  ]);
});

test('a long message is cut in its column and given in full below', () => {
  const long = 'x'.repeat(80);
  const lines = timelineLines(
    [
      ...steps.slice(0, 2),
      { client: 0, action: 'send', url: '/rooms/a', message: { type: 'text', data: long } },
      { client: 1, action: 'close', url: '/rooms/a', code: 1001 },
    ],
    { failedLast: false },
  );
  expect(lines[4]).toMatch(/^ {2}3 {3}send \(text\) "x+…$/);
  expect(lines[4]!.length).toBeLessThan(60);
  expect(lines[5]).toMatch(/^ {2}4 {3} +close 1001$/);
  expect(lines.join('\n')).not.toContain('<- failed here');
  expect(lines.at(-1)).toBe(`    [3] client 0: send (text) "${long}"`);
});
