/**
 * Secrets out of everything wsroutes writes. The values of `--auth`, `--header`,
 * `--cookie` and `--query` can come back in places no field-by-field rule would know:
 * the app echoes a token (last_response), puts it in an exception (the server
 * traceback, the failure message), logs it, or a URL carries it. So redaction is done
 * once, on the way out: every write to stdout and stderr (`scrubWrites`) and the JSON
 * report (`redactDeep`) go through one `Redact` built from the run's secrets, which
 * replaces each secret, and its URL- and JSON-escaped forms, with `***`.
 *
 * Values shorter than MIN_SECRET_LENGTH are not scrubbed from free text: a `--query
 * debug=1` would otherwise turn every "1" of the output into `***`. wsroutes itself
 * never prints them (the reproduce line and --verbose show placeholders).
 */
import { terminalSafe } from './terminal-text.js';

export type Redact = (text: string) => string;

export const REDACTED = '***';
export const MIN_SECRET_LENGTH = 4;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The spellings a secret takes in output: as is, URL-encoded (both ways), JSON-escaped. */
function spellings(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
}

export function redactor(secrets: readonly string[]): Redact {
  const forms = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(spellings))];
  if (!forms.length) return (text) => text;
  // Longest first, so a secret that holds another is replaced whole.
  const re = new RegExp(
    forms
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return (text) => text.replace(re, REDACTED);
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
