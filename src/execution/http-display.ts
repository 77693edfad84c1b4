/**
 * A request as reports show it: the run's secrets (secrets.ts `isSecretInput`, and `$VAR`
 * values) replaced by what the reproduce line shows for them, a `$VAR` when the value was
 * given as one (the shell expands it again), else `<withheld>`; and the
 * same request as a curl command line in which a `$VAR` stays outside single quotes,
 * so pasting the line into a shell where the variable is set sends the real request.
 */
import type { HttpRequestSpec } from '../generation/http-request.js';
import { expandVars, isVarOnly, parseCookie, parseHeader, parseQuery, splitAuth, WITHHELD } from '../config/handshake-grammar.js';
import type { AuthParts, HandshakeOptions } from './auth.js';
import { isSecretInput } from './secrets.js';

/** An HTTP request as reported. */
export interface HttpRequestResult {
  method: string;
  /** Path and query. */
  url: string;
  headers: Record<string, string>;
  /** The body as sent (JSON text, or other text), when there is one. */
  body?: string;
  /** The response status, when one came. */
  status?: number;
}

// Placeholders travel through the request as \u0001NAME\u0002, so the curl line can tell them from generated text.
const OPEN = '\u0001';
const CLOSE = '\u0002';
const MARKED = /\u0001([^\u0002]*)\u0002/g;

/**
 * Each value of the run to show otherwise, and what is shown in its place (marked): a
 * secret input's value (secrets.ts) as its `$VAR` when given as one, else withheld; any
 * other value that came from `$VAR`s as written (the shell expands it again); other
 * literal values are shown as they are.
 */
function placeholders(o: HandshakeOptions, env: NodeJS.ProcessEnv): Array<[string, string]> {
  const raw: Array<[string, boolean]> = [];
  if (o.auth) raw.push([splitAuth(o.auth).value, true]);
  for (const h of o.headers ?? []) raw.push([parseHeader(h).value, isSecretInput('--header', parseHeader(h).name)]);
  for (const c of o.cookies ?? []) raw.push([parseCookie(c).value, true]);
  for (const q of o.query ?? []) raw.push([parseQuery(q).value, isSecretInput('--query', parseQuery(q).name)]);
  const pairs: Array<[string, string]> = [];
  for (const [value, secret] of raw) {
    let expanded: string;
    try {
      expanded = expandVars(value, 'display', env);
    } catch {
      continue;
    }
    if (expanded === '' || (!secret && expanded === value)) continue;
    pairs.push([expanded, `${OPEN}${isVarOnly(value) || !secret ? value : WITHHELD}${CLOSE}`]);
  }
  // Longest first, so a secret holding another is replaced whole.
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

/** The run's handshake parts with every secret replaced by its (marked) placeholder. */
export function displayAuth(real: AuthParts, o: HandshakeOptions, env: NodeJS.ProcessEnv = process.env): AuthParts {
  const subs = placeholders(o, env);
  const mask = (v: string): string => subs.reduce((text, [secret, shown]) => text.split(secret).join(shown), v);
  return {
    headers: Object.fromEntries(Object.entries(real.headers).map(([k, v]) => [k, mask(v)])),
    query: Object.fromEntries(Object.entries(real.query).map(([k, v]) => [k, mask(v)])),
  };
}

const unmark = (text: string): string => text.replace(MARKED, '$1');

/** URL-encodes a query component, keeping marked placeholders as they are. */
function encodeKeepingMarks(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKED)) {
    out += encodeURIComponent(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + encodeURIComponent(text.slice(last));
}

function markedUrl(spec: HttpRequestSpec, shown: AuthParts): string {
  const pairs = [...spec.query, ...Object.entries(shown.query)];
  return pairs.length ? `${spec.path}?${pairs.map(([k, v]) => `${encodeKeepingMarks(k)}=${encodeKeepingMarks(v)}`).join('&')}` : spec.path;
}

function markedHeaders(spec: HttpRequestSpec, shown: AuthParts): Record<string, string> {
  const lower = new Set(Object.keys(shown.headers).map((k) => k.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.headers)) if (!lower.has(k.toLowerCase())) out[k] = v;
  return { ...out, ...shown.headers };
}

/** The request as the JSON report and the failure block show it (secrets as placeholders). */
export function requestResult(spec: HttpRequestSpec, shown: AuthParts, status?: number): HttpRequestResult {
  const headers = Object.fromEntries(Object.entries(markedHeaders(spec, shown)).map(([k, v]) => [k, unmark(v)]));
  return {
    method: spec.method,
    url: unmark(markedUrl(spec, shown)),
    headers,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/** Single-quoted for a POSIX shell, with each marked `$VAR` placeholder left outside the quotes. */
function shellArg(text: string): string {
  const parts: string[] = [];
  let last = 0;
  const quote = (s: string): string => (s === '' ? '' : `'${s.replace(/'/g, `'\\''`)}'`);
  for (const m of text.matchAll(MARKED)) {
    parts.push(quote(text.slice(last, m.index)));
    const shown = m[1]!;
    parts.push(isVarOnly(shown) ? `"${shown}"` : quote(shown));
    last = m.index + m[0].length;
  }
  parts.push(quote(text.slice(last)));
  const joined = parts.join('');
  return joined === '' ? "''" : joined;
}

/** `curl -X METHOD 'URL' -H '...' --data-raw '...'`, runnable as printed where the `$VAR`s are set. */
export function curlLine(spec: HttpRequestSpec, shown: AuthParts, baseUrl: string): string {
  const base = baseUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/+$/, '');
  const args = ['curl', '-sS', '-i'];
  if (spec.method !== 'GET' || spec.body !== undefined) args.push('-X', spec.method);
  args.push(shellArg(base + markedUrl(spec, shown)));
  for (const [k, v] of Object.entries(markedHeaders(spec, shown))) args.push('-H', shellArg(`${k}: ${v}`));
  if (spec.body !== undefined) args.push('--data-raw', shellArg(spec.body));
  return args.join(' ');
}
