/**
 * The bytes of the Yjs sync and awareness protocols (y-protocols' sync.js and awareness.js,
 * over lib0's encoding) and of Yjs v1 updates, written here rather than through yjs: a
 * message is a handful of variable-length integers and strings, and generating arbitrary
 * ones needs their parts, not a document.
 *
 * lib0: an unsigned integer is 7 bits a byte, low first, the high bit saying more follow;
 * a string or a byte array is its length then its bytes (UTF-8 for strings); `writeAny`
 * tags each value (119 string, 125 integer, 123 float64, 126 null, 120/121 true/false,
 * 117 array, 118 object).
 */

export class Lib0Writer {
  private readonly bytes: number[] = [];

  uint8(n: number): this {
    this.bytes.push(n & 0xff);
    return this;
  }

  varUint(n: number): this {
    let v = Math.floor(Math.abs(n));
    while (v > 0x7f) {
      this.bytes.push(0x80 | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
    return this;
  }

  /** lib0's signed integer: the first byte holds a sign bit and 6 bits of the magnitude. */
  varInt(n: number): this {
    const negative = n < 0;
    let v = Math.abs(n);
    this.bytes.push((v > 0x3f ? 0x80 : 0) | (negative ? 0x40 : 0) | (v & 0x3f));
    v = Math.floor(v / 64);
    while (v > 0) {
      this.bytes.push((v > 0x7f ? 0x80 : 0) | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    return this;
  }

  bytesWithLength(b: Uint8Array): this {
    this.varUint(b.length);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  string(s: string): this {
    return this.bytesWithLength(Buffer.from(s, 'utf8'));
  }

  any(value: unknown): this {
    if (value === undefined) return this.uint8(127);
    if (value === null) return this.uint8(126);
    if (typeof value === 'boolean') return this.uint8(value ? 120 : 121);
    if (typeof value === 'string') return this.uint8(119).string(value);
    if (typeof value === 'number') {
      if (Number.isInteger(value) && Math.abs(value) <= 0x7fffffff) return this.uint8(125).varInt(value);
      const b = Buffer.alloc(8);
      b.writeDoubleBE(value);
      this.uint8(123);
      for (const x of b) this.bytes.push(x);
      return this;
    }
    if (Array.isArray(value)) {
      this.uint8(117).varUint(value.length);
      for (const v of value) this.any(v);
      return this;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    this.uint8(118).varUint(entries.length);
    for (const [k, v] of entries) this.string(k).any(v);
    return this;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** y-websocket's top-level message types, and the sync protocol's. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** What an item holds (Yjs content refs): text, JSON values, a tombstone run, a formatting mark, a nested type. */
export type ItemContent =
  | { kind: 'string'; text: string }
  | { kind: 'any'; values: unknown[] }
  | { kind: 'deleted'; length: number }
  | { kind: 'format'; key: string; value: unknown }
  | { kind: 'type'; typeRef: 0 | 1 | 2 | 4 | 6 };

export interface Item {
  /** The root type it belongs to (`doc.getText(name)`), or the item it is nested in. */
  parent: { root: string } | { client: number; clock: number };
  /** Its key, for a map entry. */
  parentSub?: string;
  /** The item it was inserted after. */
  origin?: { client: number; clock: number };
  content: ItemContent;
}

/** How many clock ticks an item takes (Yjs counts a string in UTF-16 units). */
export function itemLength(c: ItemContent): number {
  switch (c.kind) {
    case 'string':
      return c.text.length;
    case 'any':
      return c.values.length;
    case 'deleted':
      return c.length;
    default:
      return 1;
  }
}

const CONTENT_REF = { deleted: 1, string: 4, format: 6, type: 7, any: 8 } as const;

function writeItem(w: Lib0Writer, item: Item): void {
  const info = CONTENT_REF[item.content.kind] | (item.origin ? 0x80 : 0) | (item.parentSub !== undefined ? 0x20 : 0);
  w.uint8(info);
  if (item.origin) w.varUint(item.origin.client).varUint(item.origin.clock);
  else if ('root' in item.parent) w.varUint(1).string(item.parent.root);
  else w.varUint(0).varUint(item.parent.client).varUint(item.parent.clock);
  if (!item.origin && item.parentSub !== undefined) w.string(item.parentSub);
  const c = item.content;
  switch (c.kind) {
    case 'string':
      w.string(c.text);
      break;
    case 'any':
      w.varUint(c.values.length);
      for (const v of c.values) w.any(v);
      break;
    case 'deleted':
      w.varUint(c.length);
      break;
    case 'format':
      w.string(c.key).string(JSON.stringify(c.value ?? null));
      break;
    case 'type':
      w.varUint(c.typeRef);
      break;
  }
}

/** A Yjs v1 update: one client's items from `clock` on, and a delete set of `[client, clock, length]` ranges. */
export function encodeUpdate(client: number, clock: number, items: Item[], deletes: Array<[number, number, number]>): Uint8Array {
  const w = new Lib0Writer();
  if (items.length) {
    w.varUint(1).varUint(items.length).varUint(client).varUint(clock);
    for (const item of items) writeItem(w, item);
  } else w.varUint(0);
  const byClient = new Map<number, Array<[number, number]>>();
  for (const [c, k, len] of deletes) byClient.set(c, [...(byClient.get(c) ?? []), [k, len]]);
  w.varUint(byClient.size);
  for (const [c, ranges] of byClient) {
    w.varUint(c).varUint(ranges.length);
    for (const [k, len] of ranges) w.varUint(k).varUint(len);
  }
  return w.toBytes();
}

/** A state vector: the next clock of each client. */
export function encodeStateVector(clocks: Array<[number, number]>): Uint8Array {
  const w = new Lib0Writer().varUint(clocks.length);
  for (const [client, clock] of clocks) w.varUint(client).varUint(clock);
  return w.toBytes();
}

export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  return new Lib0Writer().varUint(MESSAGE_SYNC).varUint(step).bytesWithLength(payload).toBytes();
}

/** An awareness message: each client's clock and state (JSON; null removes the client). */
export function awarenessMessage(states: Array<{ client: number; clock: number; state: unknown }>): Uint8Array {
  const update = new Lib0Writer().varUint(states.length);
  for (const s of states)
    update
      .varUint(s.client)
      .varUint(s.clock)
      .string(JSON.stringify(s.state ?? null));
  return new Lib0Writer().varUint(MESSAGE_AWARENESS).bytesWithLength(update.toBytes()).toBytes();
}

/** Reads a lib0 unsigned integer at `at`; undefined past the end. */
export function readVarUint(b: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let mult = 1;
  for (let i = at; i < b.length && i < at + 8; i++) {
    value += (b[i]! & 0x7f) * mult;
    if (b[i]! < 0x80) return { value, next: i + 1 };
    mult *= 128;
  }
  return undefined;
}
