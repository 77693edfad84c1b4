/**
 * What one connection does: path parameter values, 1..max_messages messages of
 * any kind, and the close code that ends it. One fast-check value, so the whole
 * thing shrinks together and a seed replays it.
 */
import fc from 'fast-check';
import type { Route } from '../discovery/route.js';
import { bytesArb } from './bytes.js';
import { withEventMessages } from './events.js';
import { jsonArb } from './json.js';
import { withLiteralMessages } from './literals.js';
import type { Message, MessageKind } from './message.js';
import { pathParamsArb } from './path-params.js';
import type { RouteStrategies } from './strategies.js';
import type { SubprotocolOffer } from './subprotocols.js';
import { textArb } from './text.js';

export interface Sequence {
  params: Record<string, string>;
  messages: Message[];
  closeCode: number;
  /** Subprotocols offered at the handshake (only with validate_subprotocols or on GraphQL routes). */
  subprotocols?: SubprotocolOffer;
  /**
   * A protocol sequence (GraphQL, tRPC, nes): sent stepwise, and after a message that owes a
   * reply (replies.ts: connection_init, a tRPC request, a nes request) the next waits for the
   * server's answer, as a real client does.
   */
  awaitReplies?: boolean;
  /** With no messages: wait this long for the server to close on its own before closing (an idle probe). */
  idleMs?: number;
  /** A protocol probe without messages: wait this long at most for the server's first frame before closing. */
  firstFrameMs?: number;
}

export interface SequenceConstraints {
  maxMessages: number;
  /** Largest message in bytes. */
  maxMessageSize: number;
  closeCodes: number[];
  /** User strategies for the route: when set, messages come from these kinds only. */
  strategies?: RouteStrategies;
  /** The subprotocol offer; without it nothing is offered (and the drawn values stay as before). */
  subprotocols?: fc.Arbitrary<SubprotocolOffer>;
  /** Replaces the message list altogether (GraphQL routes); empty lists are dropped. */
  messageList?: fc.Arbitrary<Message[]>;
  /** `--ws-message-kinds`: the default messages of these kinds only (all when unset). */
  kinds?: readonly MessageKind[];
  /** Messages naming the route's events (events.ts), drawn beside the others. */
  events?: fc.Arbitrary<Message>;
  /** Messages carrying the literals the route's code dispatches on (literals.ts), drawn beside the others. */
  literals?: fc.Arbitrary<Message>;
}

/**
 * Text first: shrinking across kinds moves toward the simplest (text, then JSON).
 * `kinds` leaves the others out (with all three, the values drawn are as before).
 */
export function messageArb(maxMessageSize: number, kinds?: readonly MessageKind[]): fc.Arbitrary<Message> {
  const shortChars = Math.max(0, Math.min(64, Math.floor(maxMessageSize / 4)));
  const text = textArb({ maxLength: shortChars, longLength: Math.min(Math.floor(maxMessageSize / 4), 4096) });
  const json = jsonArb().filter((v) => Buffer.byteLength(JSON.stringify(v)) <= maxMessageSize);
  const bytes = bytesArb({ maxLength: Math.min(64, maxMessageSize), largeLength: Math.min(maxMessageSize, 65_536) });
  const all = [
    { kind: 'text', weight: 2, arbitrary: text.map((data): Message => ({ type: 'text', data })) },
    { kind: 'json', weight: 2, arbitrary: json.map((data): Message => ({ type: 'json', data })) },
    { kind: 'bytes', weight: 1, arbitrary: bytes.map((data): Message => ({ type: 'bytes', data })) },
  ] as const;
  const chosen = all.filter((a) => !kinds || kinds.includes(a.kind)).map(({ weight, arbitrary }) => ({ weight, arbitrary }));
  if (!chosen.length) throw new RangeError('messageArb: no message kind left to generate');
  return fc.oneof({ withCrossShrink: true }, ...chosen);
}

/** Messages from the user's strategies, in the order text, JSON, bytes. */
export function strategyMessageArb(s: RouteStrategies): fc.Arbitrary<Message> {
  const arbs: Array<fc.Arbitrary<Message>> = [];
  if (s.text) arbs.push(s.text.map((data): Message => ({ type: 'text', data: String(data) })));
  if (s.json) arbs.push(s.json.map((data): Message => ({ type: 'json', data: data as fc.JsonValue })));
  if (s.bytes) arbs.push(s.bytes.map((data): Message => ({ type: 'bytes', data: data instanceof Uint8Array ? data : Uint8Array.from(data) })));
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

export function sequenceArb(route: Route, c: SequenceConstraints): fc.Arbitrary<Sequence> {
  const base = c.strategies ? strategyMessageArb(c.strategies) : messageArb(c.maxMessageSize, c.kinds);
  const evented = c.events ? withEventMessages(base, c.events) : base;
  const message = c.literals ? withLiteralMessages(evented, c.literals) : evented;
  const record = fc.record({
    params: pathParamsArb(route.params),
    // minLength 0 then filtered: fast-check's array shrinker can drop the last element only
    // when the array may be shorter than the result, so [a, b] -> [a] needs minLength 0.
    messages: (c.messageList ?? fc.array(message, { maxLength: Math.max(1, c.maxMessages) })).filter((m) => m.length > 0),
    closeCode: fc.constantFrom(...(c.closeCodes.length ? c.closeCodes : [1000])),
  });
  if (!c.subprotocols) return record;
  return fc.tuple(record, c.subprotocols).map(([seq, subprotocols]): Sequence => ({ ...seq, subprotocols }));
}
