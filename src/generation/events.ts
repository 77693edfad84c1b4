/**
 * Messages that name an event the app dispatches on (NestJS `@SubscribeMessage`,
 * see Route.events): `{ "event": name, "data": ... }`, the envelope Nest's ws
 * adapter reads. Random messages almost never carry a registered name, so without
 * these the handlers behind the dispatch are never reached.
 *
 * One arbitrary per name, joined without cross-shrinking: shrinking works on the
 * data (to `null`, `""`, `0`...) and never turns the message into one that names
 * no event, nor into another event's message.
 */
import fc from 'fast-check';
import { jsonArb } from './json.js';
import type { Message } from './message.js';
import { textArb } from './text.js';

export interface EventMessageConstraints {
  /** Largest message in bytes, the envelope included. */
  maxMessageSize: number;
}

/** The `data` of an event message: any JSON value, text (a JSON string) weighed in as often. */
function eventDataArb(): fc.Arbitrary<fc.JsonValue> {
  return fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: jsonArb() }, { weight: 1, arbitrary: textArb() });
}

export function eventMessage(event: string, data: fc.JsonValue): Message {
  return { type: 'json', data: { event, data } };
}

/** `{ event, data }` JSON messages for `events` (at least one name). */
export function eventMessageArb(events: readonly string[], c: EventMessageConstraints): fc.Arbitrary<Message> {
  if (events.length === 0) throw new RangeError('eventMessageArb: no event names');
  const fits = (m: Message): boolean => Buffer.byteLength(JSON.stringify(m.data)) <= c.maxMessageSize;
  const perEvent = [...new Set(events)].map((event) =>
    eventDataArb()
      .map((data) => eventMessage(event, data))
      .filter(fits),
  );
  return perEvent.length === 1 ? perEvent[0]! : fc.oneof(...perEvent);
}

/**
 * The default messages with event messages beside them, one in two: a route with
 * events gets both, so the dispatch itself (unknown names, bad envelopes) is tested
 * as well as each handler.
 */
export function withEventMessages(base: fc.Arbitrary<Message>, events: fc.Arbitrary<Message>): fc.Arbitrary<Message> {
  return fc.oneof(base, events);
}
