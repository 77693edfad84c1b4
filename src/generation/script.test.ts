import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../config/options.js';
import { websocketRoute } from '../discovery/route.js';
import { routePlan } from '../run/kinds/websocket-plan.js';
import type { Message } from './message.js';
import type { Example, Script } from './script.js';
import { buildScript, exampleArb, isScript } from './script.js';
import type { Sequence } from './sequence.js';
import { sequenceArb } from './sequence.js';

const text = (data: string): Message => ({ type: 'text', data });
const seq = (room: string, ...messages: string[]): Sequence => ({ params: { room }, messages: messages.map(text), closeCode: 1000 });
const shape = (s: Script): string[] => s.steps.map((st) => `${st.client}:${st.action}${st.message ? `:${String(st.message.data)}` : ''}`);

describe('buildScript', () => {
  test('the schedule interleaves; what it leaves runs client by client', () => {
    const s = buildScript([seq('a', 'x', 'y'), seq('b', 'z')], [2, 1], [0, 1, 1, 0], null);
    expect(shape(s)).toEqual(['0:connect', '1:connect', '1:send:z', '0:send:x', '0:send:y', '0:close', '1:close']);
    // Every client on client 0's URL: one room.
    expect(s.clients.map((c) => c.params.room)).toEqual(['a', 'a']);
  });

  test('an empty schedule runs the clients one after the other; takes cut the messages', () => {
    const s = buildScript([seq('a', 'x', 'y'), seq('b', 'z')], [1, 0], [], null);
    expect(shape(s)).toEqual(['0:connect', '0:send:x', '0:close', '1:connect', '1:close']);
  });

  test('the whole script sends at most maxMessages', () => {
    const s = buildScript([seq('a', 'x', 'y'), seq('b', 'z', 'w')], [2, 2], [], null, 3);
    expect(s.steps.filter((st) => st.action === 'send')).toHaveLength(3);
  });

  test('mixed clients use client 1 URL', () => {
    const s = buildScript([seq('a'), seq('b'), seq('c')], [0, 0, 0], [], [false, true, true]);
    expect(s.clients.map((c) => c.params.room)).toEqual(['a', 'b', 'b']);
  });
});

const route = websocketRoute('/rooms/{room}');
const sequences = sequenceArb(route, { maxMessages: 4, maxMessageSize: 64, closeCodes: [1000] });
const examples = exampleArb(sequences, { maxClients: 3, maxMessages: 4, twoUrls: true });

/** Clients connected (and not closed) when each step runs. */
function live(s: Script): Array<Set<number>> {
  const open = new Set<number>();
  return s.steps.map((st) => {
    if (st.action === 'connect') open.add(st.client);
    const now = new Set(open);
    if (st.action === 'close') open.delete(st.client);
    return now;
  });
}

describe('exampleArb', () => {
  test('draws sequences and scripts of 2..maxClients clients that connect before they act', () => {
    const drawn = fc.sample(examples, { seed: 5, numRuns: 300 });
    const scripts = drawn.filter(isScript);
    expect(scripts.length).toBeGreaterThan(60);
    expect(scripts.length).toBeLessThan(150);
    expect(drawn.filter((e) => !isScript(e)).every((e) => (e as Sequence).messages.length > 0)).toBe(true);
    for (const s of scripts) {
      expect(s.clients.length).toBeGreaterThanOrEqual(2);
      expect(s.clients.length).toBeLessThanOrEqual(3);
      const states = live(s);
      s.steps.forEach((st, i) => {
        if (st.action !== 'connect') expect(states[i]!.has(st.client)).toBe(true);
      });
      expect(s.steps.filter((st) => st.action === 'send').length).toBeLessThanOrEqual(4);
    }
    // Sometimes two URLs of the template.
    expect(scripts.some((s) => new Set(s.clients.map((c) => c.params.room)).size > 1)).toBe(true);
  });

  test('the i-th example is the i-th sequence drawn without scripts, or a script whose client 0 is that sequence', () => {
    const plain = fc.sample(sequences, { seed: 11, numRuns: 100 });
    const mixed = fc.sample(examples, { seed: 11, numRuns: 100 });
    let scripts = 0;
    mixed.forEach((e, i) => {
      if (!isScript(e)) return expect(e).toEqual(plain[i]);
      scripts++;
      const own = e.steps.filter((st) => st.client === 0 && st.action === 'send').map((st) => st.message);
      expect(plain[i]!.messages.slice(0, own.length)).toEqual(own);
      expect(e.clients[0]!.params).toEqual(plain[i]!.params);
    });
    expect(scripts).toBeGreaterThan(10);
  });

  test('the same seed draws the same examples', () => {
    expect(fc.sample(examples, { seed: 9, numRuns: 20 })).toEqual(fc.sample(examples, { seed: 9, numRuns: 20 }));
  });

  test('a bug of one client shrinks to a one-client sequence', () => {
    // Fails whenever any connection sends a text containing "!".
    const failing = (e: Example): boolean =>
      isScript(e)
        ? e.steps.some((st) => st.message?.type === 'text' && String(st.message.data).includes('!'))
        : e.messages.some((m) => m.type === 'text' && String(m.data).includes('!'));
    const details = fc.check(
      fc.property(examples, (e) => !failing(e)),
      { seed: 1, numRuns: 2000 },
    );
    expect(details.failed).toBe(true);
    const found = details.counterexample![0];
    expect(isScript(found)).toBe(false);
    expect((found as Sequence).messages).toEqual([text('!')]);
  });

  test('a bug of two live clients shrinks to connect, connect, send', () => {
    // Fails when a client sends while another client is connected.
    const failing = (e: Example): boolean => isScript(e) && live(e).some((open, i) => e.steps[i]!.action === 'send' && open.size >= 2);
    const details = fc.check(
      fc.property(examples, (e) => !failing(e)),
      { seed: 2, numRuns: 2000 },
    );
    expect(details.failed).toBe(true);
    const found = details.counterexample![0] as Script;
    expect(isScript(found)).toBe(true);
    expect(found.clients).toHaveLength(2);
    const upToSend = found.steps.slice(0, found.steps.findIndex((st) => st.action === 'send') + 1);
    expect(upToSend.map((st) => st.action)).toEqual(['connect', 'connect', 'send']);
    expect(upToSend[2]!.message).toEqual(text(''));
  });

  test('routePlan: maxClients 1 keeps the route arbitrary as it was; above 1 draws scripts too', () => {
    const off = routePlan(route, resolveOptions({ maxClients: 1 }));
    expect(off.examples).toBe(off.arb);
    expect(fc.sample(off.examples, { seed: 3, numRuns: 50 }).some(isScript)).toBe(false);
    const on = routePlan(route, resolveOptions({ maxClients: 3 }));
    expect(fc.sample(on.examples, { seed: 3, numRuns: 50 }).some(isScript)).toBe(true);
  });
});
