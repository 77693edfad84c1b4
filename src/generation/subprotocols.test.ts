import { expect, test } from 'vitest';
import fc from 'fast-check';
import { generatedOfferArb, subprotocolOfferArb } from './subprotocols.js';

test('a matching rule applies by itself; without one, nothing is offered unless validate_subprotocols is on', () => {
  const rules = [{ route: '/ws', offer: ['a'], required: true }];
  expect(fc.sample(subprotocolOfferArb('/ws', { validate: false, rules })!, 3)).toEqual(Array(3).fill({ offer: ['a'], required: true }));
  expect(subprotocolOfferArb('/other', { validate: false, rules })).toBeUndefined();
});

test('a matching rule (glob) gives its offer; other routes get generated ones', () => {
  const rules = [{ route: '/ws/*', offer: ['chat', 'json'], required: true }];
  expect(fc.sample(subprotocolOfferArb('/ws/chat', { validate: true, rules })!, 5)).toEqual(Array(5).fill({ offer: ['chat', 'json'], required: true }));
  for (const o of fc.sample(subprotocolOfferArb('/api', { validate: true, rules })!, 50)) expect(o.required).toBe(false);
});

test('generated offers: 0..3 distinct RFC 7230 tokens, common names and random ones', () => {
  const offers = fc.sample(generatedOfferArb, { seed: 1, numRuns: 300 });
  const lengths = new Set(offers.map((o) => o.length));
  expect([...lengths].sort()).toEqual([0, 1, 2, 3]);
  const tokens = offers.flat();
  expect(tokens).toContain('chat');
  expect(tokens.some((t) => !['chat', 'json', 'v1.chat.example.com', 'mqtt', 'wamp.2.json', 'soap', 'stomp', 'v12.stomp'].includes(t))).toBe(true);
  for (const t of tokens) expect(t).toMatch(/^[!#$%&'*+\-.^_`|~\w]+$/);
  for (const o of offers) expect(new Set(o).size).toBe(o.length);
});
