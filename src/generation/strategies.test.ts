import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { websocketRoute } from '../discovery/route.js';
import { sequenceArb } from './sequence.js';
import { clearMessageStrategies, registerMessageStrategy, strategiesFor } from './strategies.js';

afterEach(() => clearMessageStrategies());

describe('registerMessageStrategy', () => {
  test('globs pick the routes; the last registration of a kind wins; other routes keep the defaults', () => {
    const a = fc.constant('a');
    const b = fc.constant('b');
    registerMessageStrategy('/ws/*', 'text', a);
    registerMessageStrategy('/ws/chat', 'text', b);
    registerMessageStrategy('/ws/chat', 'bytes', fc.constant(new Uint8Array([1])));
    expect(strategiesFor('/ws/chat')).toEqual({ text: b, bytes: expect.anything() });
    expect(strategiesFor('/ws/other')).toEqual({ text: a });
    expect(strategiesFor('/api/ws')).toBeUndefined();
  });

  test('a route with strategies gets messages of the registered kinds only', () => {
    registerMessageStrategy('/ws/chat', 'json', fc.record({ type: fc.constantFrom('message', 'typing') }));
    const arb = sequenceArb(websocketRoute('/ws/chat'), { maxMessages: 4, maxMessageSize: 1024, closeCodes: [1000], strategies: strategiesFor('/ws/chat') });
    for (const s of fc.sample(arb, { seed: 1, numRuns: 200 })) {
      for (const m of s.messages) {
        expect(m.type).toBe('json');
        expect(['message', 'typing']).toContain((m.data as { type: string }).type);
      }
    }
  });

  test('bad arguments are usage errors that say what to pass', () => {
    expect(() => registerMessageStrategy('/ws', 'xml' as 'text', fc.string())).toThrow(/unknown kind "xml" \(use text, json or bytes\)/);
    expect(() => registerMessageStrategy('/ws', 'text', {} as fc.Arbitrary<string>)).toThrow(/must be a fast-check arbitrary/);
    expect(() => registerMessageStrategy('', 'text', fc.string())).toThrow(/non-empty string/);
  });
});
