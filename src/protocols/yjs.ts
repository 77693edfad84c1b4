/**
 * The Yjs sync protocol as y-websocket speaks it: binary frames, `messageSync` (0) carrying
 * sync step 1 (a state vector), step 2 or an update (Yjs v1 updates), and `messageAwareness`
 * (1) carrying each client's presence state as JSON.
 *
 * Detected on the wire: a y-websocket server sends sync step 1 as soon as a client connects,
 * before the client says anything: a binary frame `0 0 <length> <state vector>` whose length
 * is the rest of the frame. An echo or JSON server sends nothing unasked.
 *
 * Sequences are a provider's: its own sync step 1 (mostly first), then updates (text runs,
 * map entries, JSON values, formatting marks, nested types under root types named by the
 * route's literals or the editor bindings' defaults, with deletes) as step 2 or update
 * messages, and awareness states (the `user` field the awareness docs set, or any JSON).
 * Some are subtly broken but well-formed: clock gaps, unknown origins and parents (Yjs
 * keeps them pending), deletes of unknown ranges, stale awareness clocks, empty state
 * vectors, message types y-websocket skips. Malformed bytes are not sent: y-websocket
 * logs the decoding error and sends nothing back (the protocol has no error reply), so a
 * logged trace would not tell a bug from a refused message. No handled errors either.
 *
 * Documents are shared by every client of a route's path: scripts of several clients.
 */
import fc from 'fast-check';
import type { Route } from '../discovery/route.js';
import type { Message } from '../generation/message.js';
import { sequenceArb } from '../generation/sequence.js';
import { jsonArb } from '../generation/json.js';
import { lastBytes } from './probe-reply.js';
import type { Probe, Protocol } from './protocol.js';
import { sequenceBase } from './sequence-base.js';
import {
  awarenessMessage,
  encodeStateVector,
  encodeUpdate,
  type Item,
  type ItemContent,
  itemLength,
  MESSAGE_SYNC,
  readVarUint,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  syncMessage,
} from './yjs-encoding.js';

/** Root type names of the editor bindings' defaults (y-prosemirror, y-quill, y-codemirror, y-monaco, Tiptap). */
const BINDING_ROOTS = ['prosemirror', 'quill', 'codemirror', 'monaco', 'default'];

/**
 * Whether a frame (its length and first bytes) is sync step 1: `0 0`, then the state
 * vector's length, which must be the rest of the frame; the vector itself is read as far
 * as the bytes at hand go (a count, then client/clock pairs).
 */
export function isSyncStep1(frame: { length: number; head: Uint8Array }): boolean {
  const { length, head } = frame;
  if (head.length < 3 || head[0] !== MESSAGE_SYNC || head[1] !== SYNC_STEP1) return false;
  const size = readVarUint(head, 2);
  if (!size || size.next + size.value !== length) return false;
  // Past the bytes at hand (a long vector), what was read is all there is to check.
  const whole = head.length === length;
  const count = readVarUint(head, size.next);
  if (!count) return !whole;
  let at = count.next;
  for (let i = 0; i < count.value * 2; i++) {
    const n = readVarUint(head, at);
    if (!n) return !whole;
    at = n.next;
  }
  return at === length;
}

export async function detectYjs(route: Route, probe: Probe): Promise<Route | undefined> {
  const t = await probe({ messages: [] });
  if (t.handshake.outcome !== 'accepted' || t.received.count < 1) return undefined;
  const frame = lastBytes(t);
  return frame && isSyncStep1(frame) ? { ...route, protocol: 'yjs' } : undefined;
}

const clientArb = fc.integer({ min: 1, max: 2 ** 32 - 1 });

function rootArb(route: Route): fc.Arbitrary<string> {
  const literals = (route.literals?.strings ?? []).filter((s) => s.length > 0 && s.length <= 64);
  return fc.oneof(fc.constantFrom(...BINDING_ROOTS, ...literals), fc.stringMatching(/^[a-z]{1,6}$/));
}

/** Keys of map entries and formatting marks: the route's literal keys and strings, or short words. */
function keyArb(route: Route): fc.Arbitrary<string> {
  const literals = [...(route.literals?.keys ?? []), ...(route.literals?.strings ?? [])].filter((s) => s.length > 0 && s.length <= 64);
  return literals.length ? fc.oneof(fc.constantFrom(...literals), fc.stringMatching(/^[a-z]{1,6}$/)) : fc.stringMatching(/^[a-z]{1,6}$/);
}

const textArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('😀', 'é\n', '\u0000') },
);

const contentArb = (route: Route): fc.Arbitrary<ItemContent> =>
  fc.oneof(
    { weight: 4, arbitrary: textArb.map((text): ItemContent => ({ kind: 'string', text })) },
    { weight: 3, arbitrary: fc.array(jsonArb({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }).map((values): ItemContent => ({ kind: 'any', values })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map((length): ItemContent => ({ kind: 'deleted', length })) },
    {
      weight: 1,
      arbitrary: fc.record({ key: keyArb(route), value: jsonArb({ maxDepth: 1 }) }).map(({ key, value }): ItemContent => ({ kind: 'format', key, value })),
    },
    { weight: 1, arbitrary: fc.constantFrom<0 | 1 | 2 | 4 | 6>(0, 1, 2, 4, 6).map((typeRef): ItemContent => ({ kind: 'type', typeRef })) },
  );

interface ItemDraft {
  root: string;
  /** Set for a map entry. */
  key?: string;
  /** After the previous item of the update (a typed run), else at the start of its parent. */
  chained: boolean;
  content: ItemContent;
}

/**
 * An update of one new client: its items in clock order (each after the previous one, or at
 * the start of a root type, or a map entry), then deletes of some of its own or others'
 * ranges. `broken`: the clock starts past 0 (a gap), or an origin or parent names an item
 * nobody has: Yjs keeps such structs pending, well-formed.
 */
function updateArb(route: Route): fc.Arbitrary<Uint8Array> {
  const draft: fc.Arbitrary<ItemDraft> = fc.record({
    root: rootArb(route),
    key: fc.option(keyArb(route), { nil: undefined, freq: 3 }),
    chained: fc.boolean(),
    content: contentArb(route),
  });
  return fc
    .record({
      client: clientArb,
      drafts: fc.array(draft, { minLength: 0, maxLength: 4 }),
      deletes: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 5 })), { maxLength: 2 }),
      broken: fc.constantFrom<'none' | 'gap' | 'origin' | 'parent'>('none', 'none', 'none', 'gap', 'origin', 'parent'),
      strangers: fc.array(clientArb, { minLength: 1, maxLength: 2 }),
    })
    .map(({ client, drafts, deletes, broken, strangers }) => {
      const start = broken === 'gap' ? 7 : 0;
      let clock = start;
      const items: Item[] = drafts.map((d, i) => {
        const prev = i > 0 && d.chained && d.key === undefined && drafts[i - 1]!.key === undefined ? clock - 1 : undefined;
        const item: Item = {
          parent: { root: d.root },
          ...(d.key !== undefined && prev === undefined ? { parentSub: d.key } : {}),
          ...(prev !== undefined ? { origin: { client, clock: prev } } : {}),
          content: d.key !== undefined && d.content.kind === 'string' ? { kind: 'any', values: [d.content.text] } : d.content,
        };
        clock += itemLength(item.content);
        return item;
      });
      if (items.length && broken === 'origin') items[0] = { ...items[0]!, parentSub: undefined, origin: { client: strangers[0]!, clock: 3 } };
      if (items.length && broken === 'parent') items[0] = { ...items[0]!, parent: { client: strangers[0]!, clock: 0 } };
      // A delete names this client's own range (index 0) or a stranger's.
      const dels = deletes.map(([who, k, len]): [number, number, number] => [who === 0 ? client : strangers[(who - 1) % strangers.length]!, k, len]);
      return encodeUpdate(client, start, items, dels);
    });
}

function stateVectorArb(): fc.Arbitrary<Uint8Array> {
  return fc.array(fc.tuple(clientArb, fc.oneof(fc.nat(50), fc.constant(2 ** 31))), { maxLength: 3 }).map(encodeStateVector);
}

/** A presence state: the `user` field the awareness docs set, something else, or any JSON (null leaves). */
function awarenessStateArb(route: Route): fc.Arbitrary<unknown> {
  const user = fc.record({ name: fc.string({ maxLength: 12 }), color: fc.constantFrom('#30bced', '#ee6352', 'red') }, { requiredKeys: [] });
  return fc.oneof(
    { weight: 3, arbitrary: user.map((u) => ({ user: u })) },
    { weight: 2, arbitrary: fc.dictionary(keyArb(route), jsonArb({ maxDepth: 2 }), { maxKeys: 3 }) },
    { weight: 1, arbitrary: jsonArb({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function awarenessArb(route: Route): fc.Arbitrary<Uint8Array> {
  const entry = fc.record({ client: clientArb, clock: fc.oneof(fc.nat(3), fc.constant(0)), state: awarenessStateArb(route) });
  return fc.array(entry, { minLength: 1, maxLength: 2 }).map(awarenessMessage);
}

const bytes = (data: Uint8Array): Message => ({ type: 'bytes', data });

function yjsMessageArb(route: Route): fc.Arbitrary<Message> {
  const update = updateArb(route);
  return fc.oneof(
    { weight: 4, arbitrary: update.map((u) => bytes(syncMessage(SYNC_UPDATE, u))) },
    { weight: 2, arbitrary: update.map((u) => bytes(syncMessage(SYNC_STEP2, u))) },
    { weight: 1, arbitrary: stateVectorArb().map((sv) => bytes(syncMessage(SYNC_STEP1, sv))) },
    { weight: 3, arbitrary: awarenessArb(route).map(bytes) },
    // Message types y-websocket does not handle (auth, query-awareness, unknown): skipped by its switch.
    { weight: 1, arbitrary: fc.constantFrom(Uint8Array.of(2, 0), Uint8Array.of(3), Uint8Array.of(9, 1, 0)).map(bytes) },
  );
}

/** A provider's connection: its sync step 1 first (mostly), then updates and awareness. */
export function yjsMessagesArb(route: Route, maxMessages: number, maxMessageSize: number): fc.Arbitrary<Message[]> {
  const max = Math.max(1, maxMessages);
  const fits = (m: Message): boolean => m.type === 'bytes' && m.data.length <= maxMessageSize;
  const opening = bytes(syncMessage(SYNC_STEP1, encodeStateVector([])));
  return fc
    .tuple(fc.boolean(), fc.array(yjsMessageArb(route).filter(fits), { maxLength: max }))
    .map(([open, rest]) => (open ? [opening, ...rest] : rest).slice(0, max))
    .filter((m) => m.length > 0);
}

export const yjs: Protocol = {
  name: 'yjs',
  detect: detectYjs,
  plan(route, options) {
    const arb = sequenceArb(route, { ...sequenceBase(options), messageList: yjsMessagesArb(route, options.maxMessages, options.maxMessageSize) });
    // Binary protocol frames (no JSON-to-text pass); a document is shared by its clients.
    return { arb, normalizable: false, scripts: true };
  },
};
