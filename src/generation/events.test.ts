import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { websocketRoute, type Route } from '../discovery/route.js';
import { eventMessageArb } from './events.js';
import { toFrame, type Message } from './message.js';
import { sequenceArb } from './sequence.js';

type Envelope = { event: string; data: unknown };
const envelope = (m: Message): Envelope | undefined => {
  if (m.type !== 'json' || typeof m.data !== 'object' || m.data === null || Array.isArray(m.data)) return undefined;
  const d = m.data as Record<string, unknown>;
  return typeof d.event === 'string' && 'data' in d && Object.keys(d).length === 2 ? (d as Envelope) : undefined;
};

const route: Route = { ...websocketRoute('/calculator'), events: ['add', 'divide'] };
const base = { maxMessages: 4, maxMessageSize: 256, closeCodes: [1000] };

describe('event messages', () => {
  test('are { event, data } JSON naming one of the events, within max_message_size', () => {
    const all = fc.sample(eventMessageArb(['add', 'divide'], { maxMessageSize: 256 }), { seed: 3, numRuns: 500 });
    for (const m of all) {
      const e = envelope(m);
      expect(e, JSON.stringify(m)).toBeDefined();
      expect(['add', 'divide']).toContain(e!.event);
      expect(Buffer.byteLength(toFrame(m).data)).toBeLessThanOrEqual(256);
    }
    expect(new Set(all.map((m) => envelope(m)!.event))).toEqual(new Set(['add', 'divide']));
    // Both JSON values of every shape and plain text as data.
    const data = all.map((m) => envelope(m)!.data);
    expect(data.some((d) => typeof d === 'string')).toBe(true);
    expect(data.some((d) => typeof d === 'object' && d !== null)).toBe(true);
    expect(data).toContain(null);
  });

  test('come beside the default messages in a route’s sequences', () => {
    const arb = sequenceArb(route, { ...base, events: eventMessageArb(route.events!, { maxMessageSize: 256 }) });
    const messages = fc.sample(arb, { seed: 5, numRuns: 300 }).flatMap((s) => s.messages);
    const named = messages.filter((m) => envelope(m) !== undefined).length;
    expect(named / messages.length).toBeGreaterThan(0.3);
    expect(named / messages.length).toBeLessThan(0.7);
    expect(messages.some((m) => m.type === 'text')).toBe(true);
    expect(messages.some((m) => m.type === 'bytes')).toBe(true);
  });

  test('shrinking keeps the event and its name, and shrinks the data', () => {
    const arb = sequenceArb(route, { ...base, events: eventMessageArb(route.events!, { maxMessageSize: 256 }) });
    // A handler that throws on divide data without an operands array.
    const fails = (m: Message): boolean => {
      const e = envelope(m);
      if (e?.event !== 'divide') return false;
      const d = e.data as { operands?: unknown } | null;
      return !Array.isArray(d?.operands);
    };
    const out = fc.check(
      fc.property(arb, (s) => !s.messages.some(fails)),
      { seed: 11, numRuns: 500 },
    );
    expect(out.failed).toBe(true);
    const seq = out.counterexample![0];
    expect(seq.messages).toHaveLength(1);
    const e = envelope(seq.messages[0]!);
    expect(e?.event).toBe('divide');
    // The smallest data there is: null, or the empty string or 0.
    expect([null, '', 0, false]).toContain(e!.data);
  });

  test('an empty list of names is a programming error', () => {
    expect(() => eventMessageArb([], { maxMessageSize: 256 })).toThrow(RangeError);
  });
});
