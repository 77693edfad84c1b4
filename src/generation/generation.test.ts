import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sequenceArb, messageArb } from './sequence.js';
import { websocketRoute } from '../discovery/route.js';
import { toFrame } from './message.js';

const route = websocketRoute('/ws/{room:str}/{n:int}/:tag');

describe('sequences', () => {
  test('respect max_messages, max_message_size and the close codes', () => {
    const arb = sequenceArb(route, { maxMessages: 3, maxMessageSize: 512, closeCodes: [1001] });
    for (const s of fc.sample(arb, { seed: 7, numRuns: 300 })) {
      expect(s.messages.length).toBeGreaterThanOrEqual(1);
      expect(s.messages.length).toBeLessThanOrEqual(3);
      expect(s.closeCode).toBe(1001);
      for (const m of s.messages) expect(Buffer.byteLength(toFrame(m).data)).toBeLessThanOrEqual(512);
      expect(Object.keys(s.params).sort()).toEqual(['n', 'room', 'tag']);
      expect(s.params.n).toMatch(/^\d+$/);
      expect(s.params.room!.length).toBeGreaterThan(0);
    }
  });

  test('cover the edge cases the contract names', () => {
    const all = fc.sample(messageArb(65_536), { seed: 1, numRuns: 3000 });
    const texts = all.flatMap((m) => (m.type === 'text' ? [m.data] : []));
    const jsons = all.flatMap((m) => (m.type === 'json' ? [m.data] : []));
    const bytes = all.flatMap((m) => (m.type === 'bytes' ? [m.data] : []));
    expect(texts).toContain('');
    expect(texts.some((t) => t.includes('\u0000'))).toBe(true);
    expect(texts.some((t) => /[\u0001-\u001f]/.test(t))).toBe(true);
    expect(texts.some((t) => [...t].some((c) => c.codePointAt(0)! > 0xffff))).toBe(true);
    expect(texts.some((t) => t.length > 1000)).toBe(true);
    expect(jsons).toContain(null);
    expect(jsons.some((j) => Array.isArray(j))).toBe(true);
    expect(jsons.some((j) => depth(j) > 5)).toBe(true);
    expect(jsons.some((j) => j === Number.MAX_SAFE_INTEGER + 2 || j === Number.MAX_VALUE)).toBe(true);
    expect(bytes.some((b) => b.length === 0)).toBe(true);
    expect(bytes.some((b) => b.length > 1024)).toBe(true);
  });

  test('fc.sample yields the same i-th value as fc.check replaying path i (exploration relies on it)', () => {
    const arb = sequenceArb(route, { maxMessages: 5, maxMessageSize: 4096, closeCodes: [1000, 1001] });
    const sampled = fc.sample(arb, { seed: 99, numRuns: 20 });
    for (const i of [0, 7, 19]) {
      const seen: unknown[] = [];
      fc.check(
        fc.property(arb, (v) => {
          seen.push(v);
          return true;
        }),
        { seed: 99, path: String(i), numRuns: 1 },
      );
      expect(seen).toHaveLength(1);
      expect(seen[0]).toEqual(sampled[i]);
    }
  });
});

function depth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depth));
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depth));
  return 0;
}

describe('sampler', () => {
  test('draws the same values chunk by chunk as one fc.sample', async () => {
    const { sampler } = await import('../shrinking/property.js');
    const arb = sequenceArb(route, { maxMessages: 3, maxMessageSize: 256, closeCodes: [1000] });
    const all = fc.sample(arb, { seed: 5, numRuns: 250 });
    const at = sampler(arb, 5);
    for (const i of [0, 99, 100, 199, 249, 3]) expect(at(i)).toEqual(all[i]);
  });
});

describe('close codes', () => {
  test('every code of test_close_codes comes up across sequences', () => {
    const arb = sequenceArb(route, { maxMessages: 2, maxMessageSize: 256, closeCodes: [1000, 1001, 4000] });
    const codes = new Set(fc.sample(arb, { seed: 3, numRuns: 100 }).map((s) => s.closeCode));
    expect([...codes].sort()).toEqual([1000, 1001, 4000]);
  });
});
