import fc from 'fast-check';
import { expect, test } from 'vitest';
import { websocketRoute } from '../discovery/route.js';
import { messageArb, sequenceArb } from './sequence.js';

test('--ws-message-kinds: only the kinds asked for', () => {
  const kinds = (k?: ('text' | 'json' | 'bytes')[]) => new Set(fc.sample(messageArb(1024, k), { seed: 1, numRuns: 300 }).map((m) => m.type));
  expect(kinds(['text'])).toEqual(new Set(['text']));
  expect(kinds(['json', 'bytes'])).toEqual(new Set(['json', 'bytes']));
  expect(kinds()).toEqual(new Set(['text', 'json', 'bytes']));
});

test('with every kind, the values drawn are those of no restriction (seeds replay as before)', () => {
  const route = websocketRoute('/ws');
  const base = { maxMessages: 4, maxMessageSize: 512, closeCodes: [1000] };
  const a = fc.sample(sequenceArb(route, base), { seed: 9, numRuns: 20 });
  const b = fc.sample(sequenceArb(route, { ...base, kinds: ['text', 'json', 'bytes'] }), { seed: 9, numRuns: 20 });
  expect(b).toEqual(a);
});
