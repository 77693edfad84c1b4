/**
 * Messages rendered for a terminal: generated text is full of NUL, control, format
 * and astral characters that would be invisible or would move the cursor, so each
 * such character is shown as an escape (`\x00`, `\n`, `\u{1F600}`), as the
 * pytest-routes failure report shows `\x00`. Long values are cut with `… (N chars)`.
 * A Socket.IO emit is shown as the call that sends it: `emit("chat message", "x")`.
 */
import type { Message } from '../generation/message.js';
import { emitOf, type Emit } from '../generation/socketio.js';

export interface PrintableOptions {
  /** Characters of the value shown before it is cut. Default 200. */
  maxChars?: number;
  /** Bytes of a binary value shown as hex. Default 16. */
  maxBytes?: number;
}

const DEFAULT_MAX_CHARS = 200;
const DEFAULT_MAX_BYTES = 16;

/** Control, format, surrogate, private-use, unassigned, and separators other than the space. */
const UNPRINTABLE = /^[\p{C}\p{Z}]$/u;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One code point as it should appear on a terminal. */
function escapeChar(ch: string, quoted: boolean): string {
  if (quoted && (ch === '\\' || ch === '"')) return `\\${ch}`;
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp > 0xffff) return `\\u{${cp.toString(16).toUpperCase()}}`;
  if (ch === ' ' || !UNPRINTABLE.test(ch)) return ch;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** Escapes unprintable characters of a text that is shown as is (no quotes, backslashes kept). */
export function escapeUnprintable(text: string): string {
  let out = '';
  for (const ch of text) out += escapeChar(ch, false);
  return out;
}

/** Joins pieces until `max` characters are shown; pieces stay whole, so no escape is cut in two. */
function cut(pieces: Iterable<string>, max: number, total: number, close = ''): string {
  let out = '';
  let shown = 0;
  for (const piece of pieces) {
    if (shown >= max) return `${out}${close}… (${total.toLocaleString('en-US')} chars)`;
    out += piece;
    shown += piece.length;
  }
  return out + close;
}

function* stringPieces(text: string): Generator<string> {
  for (const ch of text) yield escapeChar(ch, true);
}

/** A string, double-quoted, with printable escapes: `"a\x00b"`. */
export function printableText(text: string, opts: PrintableOptions = {}): string {
  const total = [...text].length;
  return `"${cut(stringPieces(text), opts.maxChars ?? DEFAULT_MAX_CHARS, total, '"')}`;
}

function* jsonPieces(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    yield '"';
    yield* stringPieces(value);
    yield '"';
  } else if (Array.isArray(value)) {
    yield '[';
    for (const [i, item] of value.entries()) {
      if (i > 0) yield ', ';
      yield* jsonPieces(item === undefined ? null : item);
    }
    yield ']';
  } else if (value !== null && typeof value === 'object') {
    yield '{';
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (!first) yield ', ';
      first = false;
      yield* jsonPieces(key);
      yield ': ';
      yield* jsonPieces(item);
    }
    yield '}';
  } else {
    // null, booleans and numbers, as JSON.stringify sends them (NaN and -0 included).
    yield JSON.stringify(value) ?? 'null';
  }
}

/** A JSON value with `, ` and `: ` separators and printable escapes inside its strings. */
export function printableJson(value: unknown, opts: PrintableOptions = {}): string {
  const total = [...(JSON.stringify(value) ?? 'null')].length;
  return cut(jsonPieces(value), opts.maxChars ?? DEFAULT_MAX_CHARS, total);
}

/** Bytes as length and hex: `<3 bytes> 00 01 02`, cut with `…`. */
export function printableBytes(bytes: Uint8Array, opts: PrintableOptions = {}): string {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const head = `<${bytes.length.toLocaleString('en-US')} ${bytes.length === 1 ? 'byte' : 'bytes'}>`;
  if (bytes.length === 0) return head;
  const hex = [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0'));
  if (bytes.length > max) hex.push('…');
  return `${head} ${hex.join(' ')}`;
}

/** A Socket.IO emit as the client writes it: `emit("join", 0)`, `... with ack` when it asks for one. */
function printableEmit(e: Emit, opts: PrintableOptions): string {
  const args = e.args.map((a) => (a instanceof Uint8Array ? printableBytes(a, opts) : printableJson(a, opts)));
  return `emit(${[printableText(e.event, opts), ...args].join(', ')})${e.ack ? ' with ack' : ''}`;
}

/** The value of a message, printable. */
export function printableValue(message: Message, opts: PrintableOptions = {}): string {
  const emit = emitOf(message);
  if (emit) return printableEmit(emit, opts);
  switch (message.type) {
    case 'text':
      return printableText(message.data, opts);
    case 'json':
      return printableJson(message.data, opts);
    case 'bytes':
      return printableBytes(message.data, opts);
  }
}

/** `Sent (json):` and the value on the next line, indented. */
export function printableMessage(message: Message, opts: PrintableOptions & { indent?: string } = {}): string {
  return `Sent (${message.type}):\n${opts.indent ?? '  '}${printableValue(message, opts)}`;
}
