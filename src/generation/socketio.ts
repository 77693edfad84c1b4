/**
 * Socket.IO messages: emits of the events a namespace's handlers listen to, with
 * 0..3 generated arguments (JSON values, text, now and then bytes). An emit is a JSON
 * message whose data is what Socket.IO puts on the wire, `["event", ...args]`, a
 * bytes argument standing there as Socket.IO's `{"_placeholder":true,"num":N}` with
 * the bytes beside it as attachment N; it is marked `emit` with whether it asks for
 * an acknowledgement (an event whose handler takes one is emitted with and without). Execution frames it as a Socket.IO packet (socketio-socket.ts),
 * reporting prints it as `emit("event", ...)`, and the JSON report keeps the plain
 * `{ type: 'json', data: [...] }`. The event name is drawn apart from the arguments,
 * so shrinking keeps the event and shrinks its arguments.
 */
import fc from 'fast-check';
import type { Route } from '../discovery/route.js';
import { bytesArb } from './bytes.js';
import { jsonArb } from './json.js';
import type { Message } from './message.js';
import { textArb } from './text.js';

/** Names Socket.IO reserves for its own lifecycle: a client cannot emit them (the server drops the connection). */
export const RESERVED_EVENTS: ReadonlySet<string> = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
  'error',
]);

const MAX_ARGS = 3;

export type EmitArg = fc.JsonValue | Uint8Array;

export interface Emit {
  event: string;
  args: EmitArg[];
  /** The emit carries an ack id and the handler's acknowledgement is awaited. */
  ack: boolean;
}

/** A JSON message that is an emit: `data` is `[event, ...args]`, bytes as placeholders of `attachments`. */
export type EmitMessage = { type: 'json'; data: fc.JsonValue[]; emit: { ack: boolean; attachments?: Uint8Array[] } };

/** Socket.IO's stand-in for binary attachment `num` in a packet's JSON. */
export function placeholder(num: number): fc.JsonValue {
  return { _placeholder: true, num };
}

function placeholderNum(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  return v._placeholder === true && typeof v.num === 'number' && Object.keys(v).length === 2 ? v.num : undefined;
}

export function emitMessage(e: Emit): Message {
  const attachments: Uint8Array[] = [];
  const args = e.args.map((a): fc.JsonValue => (a instanceof Uint8Array ? placeholder(attachments.push(a) - 1) : a));
  const m: EmitMessage = { type: 'json', data: [e.event, ...args], emit: { ack: e.ack, ...(attachments.length ? { attachments } : {}) } };
  return m;
}

/** The emit a message stands for, when it is one (bytes arguments back in their places). */
export function emitOf(m: Message): Emit | undefined {
  const marker = (m as Partial<EmitMessage>).emit;
  if (m.type !== 'json' || !marker || !Array.isArray(m.data) || typeof m.data[0] !== 'string') return undefined;
  const attachments = marker.attachments ?? [];
  const args = m.data.slice(1).map((a): EmitArg => attachments[placeholderNum(a) ?? -1] ?? a);
  return { event: m.data[0], args, ack: marker.ack === true };
}

/** The binary attachments of an emit message, in order (none for anything else). */
export function attachmentsOf(m: Message): Uint8Array[] {
  return (m as Partial<EmitMessage>).emit?.attachments ?? [];
}

const anyArgArb: fc.Arbitrary<EmitArg> = fc.oneof(
  { withCrossShrink: true },
  { weight: 4, arbitrary: textArb({ maxLength: 32 }) },
  { weight: 6, arbitrary: jsonArb({ maxDepth: 3, deepDepth: 16 }) },
  { weight: 1, arbitrary: bytesArb({ maxLength: 32 }) },
);

/**
 * An argument: text, JSON, now and then bytes, and the route's literal strings where it
 * has some (the handler compares arguments with them, or they name what it dispatches
 * to: the service path Feathers takes first).
 */
function argArbOf(route: Route): fc.Arbitrary<EmitArg> {
  const strings = route.literals?.strings ?? [];
  if (!strings.length) return anyArgArb;
  return fc.oneof({ withCrossShrink: true }, { weight: 11, arbitrary: anyArgArb }, { weight: 4, arbitrary: fc.constantFrom(...strings) });
}

/** An event name no handler registered (an `onAny` listener, or the server's handling of unknown events). */
const unknownEventArb = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !RESERVED_EVENTS.has(s));

function argsArb(argArb: fc.Arbitrary<EmitArg>, declared: number | undefined, ack: boolean): fc.Arbitrary<EmitArg[]> {
  const any = fc.array(argArb, { maxLength: MAX_ARGS });
  if (declared === undefined) return any;
  const exact = fc.array(argArb, { minLength: declared, maxLength: declared });
  // An ack emit always carries the declared arguments: one fewer or more would put the ack
  // callback on a data parameter, a crash of every such handler that would hide the rest.
  if (ack) return exact;
  return fc.oneof({ weight: 4, arbitrary: exact }, { weight: 1, arbitrary: any });
}

/**
 * The emits of a known event. One whose handler takes an ack is emitted with one, and now
 * and then without (as a client that does not care for the answer does), still with its
 * declared data arguments: a handler that calls its callback unconditionally then throws
 * `callback is not a function` where nothing catches it, the most common Socket.IO crash.
 * Shrinking stays on the branch drawn, so a failure without an ack stays one.
 */
function knownEmitArb(argArb: fc.Arbitrary<EmitArg>, event: string, declared: number | undefined, takesAck: boolean): fc.Arbitrary<Emit> {
  const emits = (ack: boolean): fc.Arbitrary<Emit> => argsArb(argArb, declared, takesAck).map((args): Emit => ({ event, args, ack }));
  return takesAck ? fc.oneof({ weight: 3, arbitrary: emits(true) }, { weight: 1, arbitrary: emits(false) }) : emits(false);
}

/** One emit to the route's namespace. */
export function emitArb(route: Route, maxMessageSize: number): fc.Arbitrary<Message> {
  const acks = new Set(route.socketio?.acks ?? []);
  const declared = route.socketio?.args ?? {};
  const events = (route.events ?? []).filter((e) => !RESERVED_EVENTS.has(e));
  const argArb = argArbOf(route);
  const known = events.map((event) => knownEmitArb(argArb, event, declared[event], acks.has(event)));
  const unknown = fc.tuple(unknownEventArb, fc.array(argArb, { maxLength: MAX_ARGS })).map(([event, args]): Emit => ({ event, args, ack: false }));
  const emit = known.length ? fc.oneof({ weight: 9, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: unknown }) : unknown;
  const size = (m: Message): number => Buffer.byteLength(JSON.stringify(m.data)) + attachmentsOf(m).reduce((n, a) => n + a.length, 0);
  return emit.map(emitMessage).filter((m) => size(m) <= maxMessageSize);
}

/** A connection's emits: 1..maxMessages of them. */
export function socketioMessagesArb(route: Route, maxMessages: number, maxMessageSize: number): fc.Arbitrary<Message[]> {
  return fc.array(emitArb(route, maxMessageSize), { maxLength: Math.max(1, maxMessages) });
}
