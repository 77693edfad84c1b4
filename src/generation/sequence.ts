/**
 * What one connection does: path parameter values, 1..max_messages messages of
 * any kind, and the close code that ends it. One fast-check value, so the whole
 * thing shrinks together and a seed replays it.
 */
import fc from 'fast-check';
import type { Route } from '../discovery/route.js';
import { bytesArb } from './bytes.js';
import { jsonArb } from './json.js';
import type { Message } from './message.js';
import { pathParamsArb } from './path-params.js';
import { textArb } from './text.js';

export interface Sequence {
  params: Record<string, string>;
  messages: Message[];
  closeCode: number;
}

export interface SequenceConstraints {
  maxMessages: number;
  /** Largest message in bytes. */
  maxMessageSize: number;
  closeCodes: number[];
}

/** Text first: shrinking across kinds moves toward the simplest (text, then JSON). */
export function messageArb(maxMessageSize: number): fc.Arbitrary<Message> {
  const shortChars = Math.max(0, Math.min(64, Math.floor(maxMessageSize / 4)));
  const text = textArb({ maxLength: shortChars, longLength: Math.min(Math.floor(maxMessageSize / 4), 4096) });
  const json = jsonArb().filter((v) => Buffer.byteLength(JSON.stringify(v)) <= maxMessageSize);
  const bytes = bytesArb({ maxLength: Math.min(64, maxMessageSize), largeLength: Math.min(maxMessageSize, 65_536) });
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 2, arbitrary: text.map((data): Message => ({ type: 'text', data })) },
    { weight: 2, arbitrary: json.map((data): Message => ({ type: 'json', data })) },
    { weight: 1, arbitrary: bytes.map((data): Message => ({ type: 'bytes', data })) },
  );
}

export function sequenceArb(route: Route, c: SequenceConstraints): fc.Arbitrary<Sequence> {
  return fc.record({
    params: pathParamsArb(route.params),
    // minLength 0 then filtered: fast-check's array shrinker can drop the last element only
    // when the array may be shorter than the result, so [a, b] -> [a] needs minLength 0.
    messages: fc
      .array(messageArb(c.maxMessageSize), { maxLength: Math.max(1, c.maxMessages) })
      .filter((m) => m.length > 0),
    closeCode: fc.constantFrom(...(c.closeCodes.length ? c.closeCodes : [1000])),
  });
}
