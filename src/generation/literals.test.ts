import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../config/options.js';
import { type Route, type RouteLiterals, websocketRoute } from '../discovery/route.js';
import { routePlan } from '../run/kinds/websocket-plan.js';
import { describeLiterals, literalMessageArb } from './literals.js';
import { type Message, toFrame } from './message.js';
import { sequenceArb } from './sequence.js';

const literals: RouteLiterals = { strings: ['subscribe', 'goodbye'], numbers: [7], keys: ['type', 'room'] };
const c = { maxMessageSize: 256 };

const isObject = (m: Message): m is { type: 'json'; data: Record<string, fc.JsonValue> } =>
  m.type === 'json' && typeof m.data === 'object' && m.data !== null && !Array.isArray(m.data);

describe('literal messages', () => {
  test('carry the words as whole texts and prefixes, and the keys as JSON objects valued with the literals', () => {
    const all = fc.sample(literalMessageArb(literals, c)!, { seed: 1, numRuns: 600 });
    const texts = all.flatMap((m) => (m.type === 'text' ? [m.data] : []));
    expect(texts).toContain('goodbye');
    expect(texts).toContain('subscribe');
    expect(texts).toContain('7');
    expect(texts.some((t) => t.startsWith('subscribe') && t !== 'subscribe')).toBe(true);
    // Objects of the keys (a literal JSON value may be any object too: those are ordinary JSON).
    const objects = all
      .filter(isObject)
      .map((m) => m.data)
      .filter((o) => 'type' in o || 'room' in o);
    expect(objects.length).toBeGreaterThan(100);
    for (const o of objects) for (const k of Object.keys(o)) expect(['type', 'room']).toContain(k);
    expect(objects).toContainEqual({ type: 'subscribe' });
    expect(objects.some((o) => o.type === 'subscribe' && 'room' in o)).toBe(true);
    expect(objects.some((o) => o.room === 7)).toBe(true);
    // Plain JSON literals as well.
    expect(all.some((m) => m.type === 'json' && m.data === 'goodbye')).toBe(true);
    for (const m of all) expect(Buffer.byteLength(toFrame(m).data)).toBeLessThanOrEqual(256);
  });

  test('keep within --ws-message-kinds, and are none when the kinds leave no room for them', () => {
    const texts = fc.sample(literalMessageArb(literals, { ...c, kinds: ['text'] })!, { seed: 2, numRuns: 200 });
    expect(texts.every((m) => m.type === 'text')).toBe(true);
    const json = fc.sample(literalMessageArb(literals, { ...c, kinds: ['json', 'bytes'] })!, { seed: 2, numRuns: 200 });
    expect(json.every((m) => m.type === 'json')).toBe(true);
    expect(literalMessageArb(literals, { ...c, kinds: ['bytes'] })).toBeUndefined();
    // Keys alone are JSON only.
    expect(literalMessageArb({ strings: [], numbers: [], keys: ['type'] }, { ...c, kinds: ['text'] })).toBeUndefined();
  });

  test('are none without literals, or with literals too long for max_message_size', () => {
    expect(literalMessageArb(undefined, c)).toBeUndefined();
    expect(literalMessageArb({ strings: [], numbers: [], keys: [] }, c)).toBeUndefined();
    expect(literalMessageArb({ strings: ['x'.repeat(300)], numbers: [], keys: [] }, c)).toBeUndefined();
  });

  test('come beside the default messages in a route plan, about one in three', () => {
    const route: Route = { ...websocketRoute('/ws'), literals };
    const plan = routePlan(route, resolveOptions({ maxClients: 1 }));
    const messages = fc.sample(plan.arb, { seed: 4, numRuns: 300 }).flatMap((s) => s.messages);
    const literal = messages.filter(
      (m) => (m.type === 'text' && /^(goodbye|subscribe|7)/.test(m.data)) || (isObject(m) && ('type' in m.data || 'room' in m.data)),
    );
    expect(literal.length / messages.length).toBeGreaterThan(0.2);
    expect(literal.length / messages.length).toBeLessThan(0.5);
  });

  test('a route without literals draws exactly the sequences it drew before', () => {
    const options = resolveOptions({ maxClients: 1 });
    const base = { maxMessages: options.maxMessages, maxMessageSize: options.maxMessageSize, closeCodes: options.testCloseCodes, kinds: options.messageKinds };
    const before = fc.sample(sequenceArb(websocketRoute('/ws'), base), { seed: 42, numRuns: 50 });
    for (const route of [websocketRoute('/ws'), { ...websocketRoute('/ws'), literals: { strings: [], numbers: [], keys: [] } }]) {
      const plan = routePlan(route, options);
      // The plan also draws a subprotocol offer when configured; here none is, so the sequences compare whole.
      expect(fc.sample(plan.arb, { seed: 42, numRuns: 50 })).toEqual(before);
    }
    // The comparison can tell: with literals the same seed draws other sequences.
    const withLiterals = routePlan({ ...websocketRoute('/ws'), literals }, options);
    expect(fc.sample(withLiterals.arb, { seed: 42, numRuns: 50 })).not.toEqual(before);
  });

  test('--verbose shows strings quoted, then numbers and keys', () => {
    expect(describeLiterals(literals)).toBe('"subscribe", "goodbye", 7, type, room');
  });
});
