import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Route } from '../discovery/route.js';
import { printableValue } from '../reporting/printable.js';
import { attachmentsOf, emitMessage, emitOf, RESERVED_EVENTS, socketioMessagesArb } from './socketio.js';

const route: Route = {
  path: '/',
  kind: 'websocket',
  params: [],
  events: ['chat message', 'join', 'disconnect'],
  socketio: { namespace: '/', endpoint: '/socket.io/', acks: ['join'], args: { 'chat message': 1, join: 2 } },
};

describe('Socket.IO emits', () => {
  const samples = fc.sample(socketioMessagesArb(route, 5, 4096), { seed: 7, numRuns: 300 }).flat();
  const emits = samples.map((m) => emitOf(m)!);

  test('every message is an emit: JSON data [event, ...args], 0..3 args, never a reserved event', () => {
    expect(emits.every((e) => e !== undefined)).toBe(true);
    for (const m of samples) expect(m.type).toBe('json');
    for (const e of emits) {
      expect(RESERVED_EVENTS.has(e.event)).toBe(false);
      expect(e.args.length).toBeLessThanOrEqual(3);
    }
  });

  test('mostly the known events; an ack event is emitted mostly with its ack, sometimes without, always with its declared arguments', () => {
    const known = emits.filter((e) => e.event === 'chat message' || e.event === 'join');
    expect(known.length / emits.length).toBeGreaterThan(0.8);
    const joins = emits.filter((e) => e.event === 'join');
    expect(joins.length).toBeGreaterThan(20);
    for (const e of joins) expect(e.args).toHaveLength(2);
    const withAck = joins.filter((e) => e.ack).length / joins.length;
    expect(withAck).toBeGreaterThan(0.6);
    expect(withAck).toBeLessThan(0.9);
    const chats = emits.filter((e) => e.event === 'chat message');
    expect(chats.every((e) => !e.ack)).toBe(true);
    // Mostly the declared one argument, sometimes another count.
    expect(chats.filter((e) => e.args.length === 1).length / chats.length).toBeGreaterThan(0.6);
    expect(chats.some((e) => e.args.length !== 1)).toBe(true);
  });

  test('a failure of an emit without its ack shrinks to one emit still without it', () => {
    const details = fc.check(
      fc.property(socketioMessagesArb(route, 5, 4096), (ms) => !ms.some((m) => emitOf(m)!.event === 'join' && !emitOf(m)!.ack)),
      { seed: 5 },
    );
    expect(details.failed).toBe(true);
    const shrunk = details.counterexample![0];
    expect(shrunk).toHaveLength(1);
    expect(emitOf(shrunk[0]!)).toMatchObject({ event: 'join', ack: false });
    expect(emitOf(shrunk[0]!)!.args).toHaveLength(2);
  });

  test('shrinking keeps the event and shrinks its arguments', () => {
    const failing = (ms: ReturnType<typeof emitMessage>[]): boolean =>
      !ms.some((m) => {
        const e = emitOf(m)!;
        return e.event === 'join' && typeof e.args[0] !== 'string';
      });
    const details = fc.check(fc.property(socketioMessagesArb(route, 5, 4096), failing), { seed: 2 });
    expect(details.failed).toBe(true);
    const shrunk = details.counterexample![0];
    expect(shrunk).toHaveLength(1);
    expect(emitOf(shrunk[0]!)).toMatchObject({ event: 'join', ack: true });
    expect(JSON.stringify(shrunk[0]!.data).length).toBeLessThan(30);
  });

  test('bytes arguments: placeholders in the data, the bytes as attachments, back in place for printing', () => {
    const m = emitMessage({ event: 'upload', args: ['a.png', new Uint8Array([1, 2, 3])], ack: true });
    expect(m.data).toEqual(['upload', 'a.png', { _placeholder: true, num: 0 }]);
    expect(attachmentsOf(m)).toEqual([new Uint8Array([1, 2, 3])]);
    expect(emitOf(m)).toEqual({ event: 'upload', args: ['a.png', new Uint8Array([1, 2, 3])], ack: true });
    expect(printableValue(m)).toBe('emit("upload", "a.png", <3 bytes> 01 02 03) with ack');
    expect(emits.some((e) => e.args.some((a) => a instanceof Uint8Array))).toBe(true);
  });

  test("the route's literal strings are drawn as arguments (Feathers' service path first)", () => {
    const feathers: Route = {
      ...route,
      events: ['create'],
      literals: { strings: ['users', 'messages'], numbers: [], keys: [] },
      socketio: { namespace: '/', endpoint: '/socket.io/', acks: ['create'], args: { create: 3 } },
    };
    const firsts = fc.sample(socketioMessagesArb(feathers, 1, 4096), { seed: 1, numRuns: 400 }).flatMap((ms) => ms.map((m) => emitOf(m)!.args[0]));
    const named = firsts.filter((a) => a === 'users' || a === 'messages').length / firsts.length;
    expect(named).toBeGreaterThan(0.15);
    expect(named).toBeLessThan(0.5);
    // Without literals, never by chance.
    expect(samples.some((m) => emitOf(m)!.args.includes('users'))).toBe(false);
  });

  test('printed as the client call', () => {
    expect(printableValue(emitMessage({ event: 'chat message', args: ['hi\u0000'], ack: false }))).toBe('emit("chat message", "hi\\x00")');
    expect(printableValue(emitMessage({ event: 'join', args: [null, { a: [1] }], ack: true }))).toBe('emit("join", null, {"a": [1]}) with ack');
    expect(printableValue(emitMessage({ event: 'ping', args: [], ack: false }))).toBe('emit("ping")');
    // A plain JSON array is not an emit.
    expect(printableValue({ type: 'json', data: ['join', 1] })).toBe('["join", 1]');
  });
});
