/**
 * Secrets out of everything wsroutes writes. The secret values of `--auth`, `--header`,
 * `--cookie`, `--query` and `--url` (which ones: execution/secrets.ts) can come back in
 * places no field-by-field rule would know: the app echoes a token (last_response, a
 * binary frame shown as hex), puts it in an exception (the server traceback, the failure
 * message), logs it, or a URL carries it. So redaction is done once, on the way out:
 * every write to stdout and stderr (`scrubWrites`, `scrubFdWrites`) and every report go
 * through one `Redact` built from the run's secrets, which replaces each secret, and its
 * URL-encoded, JSON-escaped and hex forms, with `***`. Where a text was cut (`…`), the
 * start of a secret just before the mark, or the end of one just after it, is replaced too.
 *
 * A secret shorter than MIN_SECRET_LENGTH (only a credential or `$VAR` value is one) is
 * replaced only where it stands alone, not inside a longer word or number.
 */
import { terminalSafe } from './terminal-text.js';

export type Redact = (text: string) => string;

export const REDACTED = '***';
const MIN_SECRET_LENGTH = 4;
/** The shortest start of a secret replaced before a cut (`…`); fewer characters tell nothing. */
const MIN_CUT_PREFIX = 4;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The spellings a secret takes in output: as is, URL-encoded (both ways), JSON-escaped, hex bytes (a binary frame's preview). */
function spellings(secret: string): string[] {
  const hex = Buffer.from(secret, 'utf8')
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  return [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1), hex];
}

/** A cut mark: `…`, the quote and spaces before it, and a note after it (`… (300 bytes)`, `… (N characters cut) `). */
const CUT = /["\s]*…(?: ?\([^)\n]*\))? ?/g;

export function redactor(secrets: readonly string[]): Redact {
  const forms = [...new Set(secrets.filter((s) => s !== '').flatMap(spellings))].sort((a, b) => b.length - a.length);
  if (!forms.length) return (text) => text;
  // Longest first, so a secret that holds another is replaced whole; a short one only standing alone.
  const re = new RegExp(
    forms.map((f) => (f.length < MIN_SECRET_LENGTH ? `(?<![\\p{L}\\p{N}])${escapeRegExp(f)}(?![\\p{L}\\p{N}])` : escapeRegExp(f))).join('|'),
    'gu',
  );
  const longest = forms[0]!.length;
  /** The length of the longest part of a secret (a start when `atEnd`, else an end) that `text` ends (starts) with. */
  const partOfSecret = (text: string, atEnd: boolean): number => {
    for (let k = Math.min(longest - 1, text.length); k >= MIN_CUT_PREFIX; k--) {
      const part = atEnd ? text.slice(-k) : text.slice(0, k);
      if (forms.some((f) => f.length > k && (atEnd ? f.startsWith(part) : f.endsWith(part)))) return k;
    }
    return 0;
  };
  return (text) => {
    const whole = text.replace(re, REDACTED);
    if (!whole.includes('…')) return whole;
    // Around each cut mark: the start of a secret before it (a preview cut), the end of one after it (a tail kept).
    let out = '';
    let last = 0;
    for (const m of [...whole.matchAll(CUT), undefined]) {
      let piece = whole.slice(last, m ? m.index : whole.length);
      const head = last > 0 ? partOfSecret(piece, false) : 0;
      piece = head ? REDACTED + piece.slice(head) : piece;
      const tail = m ? partOfSecret(piece, true) : 0;
      out += (tail ? piece.slice(0, -tail) + REDACTED : piece) + (m ? m[0] : '');
      if (m) last = m.index + m[0].length;
    }
    return out;
  };
}

/** `value` with every string in it (object keys too) redacted; plain data only. */
export function redactDeep<T>(value: T, redact: Redact): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

type Write = NodeJS.WriteStream['write'];

/**
 * Routes every later write to `stream` through `redact`, then `terminalSafe` (ours, and
 * an in-process app's or the bridge's echoed output): no secret and no terminal control
 * sequence of the app's reaches the terminal. Returns the function that puts the stream back.
 */
export function scrubWrites(stream: NodeJS.WriteStream, redact: Redact): () => void {
  const original = stream.write;
  const scrubbed = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk;
    return (original as (...args: unknown[]) => boolean).call(this, typeof text === 'string' ? terminalSafe(redact(text)) : text, ...rest);
  };
  stream.write = scrubbed as Write;
  return () => {
    if (stream.write === (scrubbed as Write)) stream.write = original;
  };
}
