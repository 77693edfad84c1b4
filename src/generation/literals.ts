/**
 * Messages built from the literals a route's handler code dispatches on (Route.literals:
 * `data == "goodbye"`, `msg["type"] == "subscribe"`, `case 'join':`). Random text and JSON
 * almost never hit such a word, so the code behind it would go untested; these messages
 * carry them: as whole text messages (`goodbye`, `42`, `join <text>` for a prefix the
 * code tests with startsWith), and as JSON (`"subscribe"`, `7`, and objects whose keys are
 * the keys the code reads, valued with the literals or ordinary JSON:
 * `{"type": "subscribe", "room": "..."}`), within the message kinds allowed.
 *
 * Joined to the default messages one in three, without cross-shrinking into them: a
 * failing literal message shrinks within its own shape (fewer keys, simpler values) and
 * never back into random text that no longer names the literal.
 */
import fc from 'fast-check';
import type { RouteLiterals } from '../discovery/route.js';
import { jsonArb } from './json.js';
import type { Message, MessageKind } from './message.js';
import { textArb } from './text.js';

export interface LiteralMessageConstraints {
  /** `--ws-message-kinds`: literal messages of these kinds only (all when unset). */
  kinds?: readonly MessageKind[];
  /** Largest message in bytes. */
  maxMessageSize: number;
}

/** At most this many of a route's keys in one object. */
const MAX_KEYS_PER_OBJECT = 4;

/** Whether the literals hold anything to send. */
export function hasLiterals(l: RouteLiterals | undefined): l is RouteLiterals {
  return l !== undefined && l.strings.length + l.numbers.length + l.keys.length > 0;
}

/** A JSON value for a key: one of the literals most of the time, else any JSON value. */
function fieldValueArb(l: RouteLiterals): fc.Arbitrary<fc.JsonValue> {
  const literal: Array<fc.Arbitrary<fc.JsonValue>> = [];
  if (l.strings.length) literal.push(fc.constantFrom(...l.strings));
  if (l.numbers.length) literal.push(fc.constantFrom(...l.numbers));
  const ordinary = jsonArb({ maxDepth: 2 });
  if (!literal.length) return ordinary;
  return fc.oneof({ weight: 3, arbitrary: literal.length === 1 ? literal[0]! : fc.oneof(...literal) }, { weight: 1, arbitrary: ordinary });
}

/** Objects of 1..4 of the route's keys, each valued by fieldValueArb. */
function objectArb(l: RouteLiterals): fc.Arbitrary<fc.JsonValue> {
  const value = fieldValueArb(l);
  return fc
    .uniqueArray(fc.constantFrom(...l.keys), { minLength: 1, maxLength: Math.min(MAX_KEYS_PER_OBJECT, l.keys.length) })
    .chain((keys) => fc.tuple(...keys.map(() => value)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]!]))));
}

function textMessagesArb(l: RouteLiterals): fc.Arbitrary<Message> | undefined {
  const words = [...l.strings, ...l.numbers.map(String)];
  if (!words.length) return undefined;
  const whole = fc.constantFrom(...words);
  // A command word followed by its argument (`join room1`, a prefix matched with startsWith).
  const prefixed = fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ''), textArb({ maxLength: 16 })).map(([w, sep, rest]) => `${w}${sep}${rest}`);
  return fc.oneof({ weight: 3, arbitrary: whole }, { weight: 1, arbitrary: prefixed }).map((data): Message => ({ type: 'text', data }));
}

/**
 * JSON values carrying the route's literals (objects of its keys, or a literal alone); undefined
 * when it has none. Protocols use them as a payload inside their own envelope (a tRPC input).
 */
export function literalJsonArb(l: RouteLiterals | undefined): fc.Arbitrary<fc.JsonValue> | undefined {
  if (!hasLiterals(l)) return undefined;
  const arbs: Array<{ weight: number; arbitrary: fc.Arbitrary<fc.JsonValue> }> = [];
  if (l.keys.length) arbs.push({ weight: 4, arbitrary: objectArb(l) });
  if (l.strings.length || l.numbers.length) arbs.push({ weight: 1, arbitrary: fieldValueArb(l) });
  return fc.oneof(...arbs);
}

function jsonMessagesArb(l: RouteLiterals): fc.Arbitrary<Message> | undefined {
  return literalJsonArb(l)?.map((data): Message => ({ type: 'json', data }));
}

/**
 * Messages carrying the route's literals, of the allowed kinds; undefined when there is
 * nothing to send (no literals, or only kinds they cannot take, as bytes).
 */
export function literalMessageArb(given: RouteLiterals | undefined, c: LiteralMessageConstraints): fc.Arbitrary<Message> | undefined {
  // Room for a literal with a key or an argument beside it, so the size filter below always finds values.
  const small = (s: string): boolean => Buffer.byteLength(s) * 2 + 32 <= c.maxMessageSize;
  const l = given && { strings: given.strings.filter(small), numbers: given.numbers.filter((n) => Number.isFinite(n)), keys: given.keys.filter(small) };
  if (!hasLiterals(l)) return undefined;
  const allowed = (k: MessageKind): boolean => !c.kinds || c.kinds.includes(k);
  const arbs = [allowed('text') ? textMessagesArb(l) : undefined, allowed('json') ? jsonMessagesArb(l) : undefined].filter(
    (a): a is fc.Arbitrary<Message> => a !== undefined,
  );
  if (!arbs.length) return undefined;
  const fits = (m: Message): boolean => Buffer.byteLength(m.type === 'json' ? JSON.stringify(m.data) : String(m.data)) <= c.maxMessageSize;
  return (arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs)).filter(fits);
}

/**
 * The default messages with literal messages beside them, one in three. A literal message
 * shrinks towards the default ones too (cross shrink), so a failure that needs no literal
 * still ends at the plainest message.
 */
export function withLiteralMessages(base: fc.Arbitrary<Message>, literals: fc.Arbitrary<Message>): fc.Arbitrary<Message> {
  return fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: base }, { weight: 1, arbitrary: literals });
}

/** The literals as --verbose shows them: strings quoted, numbers bare, then keys bare. */
export function describeLiterals(l: RouteLiterals): string {
  return [...l.strings.map((s) => JSON.stringify(s)), ...l.numbers.map(String), ...l.keys].join(', ');
}
