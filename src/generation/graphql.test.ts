import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'graphql';
import { graphqlMessagesArb, owesReply } from './graphql.js';

type Obj = Record<string, unknown>;
const sample = (protocol: 'graphql-transport-ws' | 'graphql-ws'): Obj[][] =>
  fc.sample(graphqlMessagesArb(protocol, 6), { seed: 11, numRuns: 400 }).map((s) =>
    s.map((m) => {
      expect(m.type).toBe('json');
      return m.data as Obj;
    }),
  );

describe('graphql-transport-ws sequences', () => {
  const seqs = sample('graphql-transport-ws');
  const all = seqs.flat();
  const types = new Set(all.map((m) => (m && typeof m === 'object' ? m.type : undefined)));

  test('open with connection_init most of the time, and stay within max_messages', () => {
    const nonEmpty = seqs.filter((s) => s.length);
    const initFirst = nonEmpty.filter((s) => s[0]?.type === 'connection_init').length;
    expect(initFirst / nonEmpty.length).toBeGreaterThan(0.6);
    expect(initFirst).toBeLessThan(nonEmpty.length);
    for (const s of seqs) expect(s.length).toBeLessThanOrEqual(6);
  });

  test('cover every message of the protocol, and malformed ones', () => {
    for (const t of ['connection_init', 'subscribe', 'ping', 'pong', 'complete']) expect(types).toContain(t);
    expect(all.some((m) => m?.type === 'subscribe' && !('id' in m))).toBe(true); // missing id
    expect(all.some((m) => m?.type === 'subscribe' && typeof m.id === 'number')).toBe(true); // wrong type
    expect(all.some((m) => typeof m?.type === 'string' && !['connection_init', 'subscribe', 'ping', 'pong', 'complete'].includes(m.type))).toBe(true); // unknown type
    expect(all.some((m) => m === null || Array.isArray(m))).toBe(true); // not an object
    // duplicate subscribe ids within one sequence
    expect(
      seqs.some((s) => {
        const ids = s.filter((m) => m?.type === 'subscribe' && typeof m.id === 'string').map((m) => m.id);
        return new Set(ids).size < ids.length;
      }),
    ).toBe(true);
  });

  test('subscribe payloads: mostly documents that parse, with variables and operation names', () => {
    const payloads = all
      .filter((m) => m?.type === 'subscribe' && typeof m.id === 'string' && m.payload && typeof (m.payload as Obj).query === 'string')
      .map((m) => m.payload as Obj);
    const parses = payloads.filter((p) => {
      try {
        parse(p.query as string);
        return true;
      } catch {
        return false;
      }
    });
    expect(parses.length / payloads.length).toBeGreaterThan(0.7);
    expect(parses.length).toBeLessThan(payloads.length);
    expect(payloads.some((p) => (p.query as string).startsWith('subscription'))).toBe(true);
    expect(payloads.some((p) => p.variables && Object.keys(p.variables as Obj).length > 0)).toBe(true);
    expect(payloads.some((p) => typeof p.operationName === 'string')).toBe(true);
  });
});

test('graphql-ws (legacy) sequences use start, stop and connection_terminate', () => {
  const types = new Set(
    sample('graphql-ws')
      .flat()
      .map((m) => (m && typeof m === 'object' ? m.type : undefined)),
  );
  for (const t of ['connection_init', 'start', 'stop', 'connection_terminate']) expect(types).toContain(t);
  expect(types).not.toContain('complete');
});

test('only connection_init owes a reply', () => {
  expect(owesReply({ type: 'json', data: { type: 'connection_init', payload: {} } })).toBe(true);
  expect(owesReply({ type: 'json', data: { type: 'subscribe' } })).toBe(false);
  expect(owesReply({ type: 'text', data: 'connection_init' })).toBe(false);
});
