/**
 * What a real client sends with its handshake, applied to every connection:
 * `--auth` (`bearer:TOKEN`, `header:NAME:VALUE`, `query:NAME:VALUE`), `--header
 * NAME:VALUE`, `--cookie NAME=VALUE` and `--query NAME=VALUE`, with `$VAR` / `${VAR}`
 * expanded from the environment. Every value is a secret: errors name the flag and the
 * name, never the value, and `handshakeInputs` hands back the expanded values so the
 * output can be scrubbed of them (`reporting/redact.ts`).
 */
import { WsroutesError } from '../errors.js';

export interface AuthParts {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** The handshake parts of a run, and every secret value in them (expanded). */
export interface HandshakeInputs extends AuthParts {
  secrets: string[];
}

/** What the reproduce line prints in place of a value given literally (not as `$VAR`). */
export const WITHHELD = '<withheld>';

const VAR = /\$\{(\w+)\}|\$(\w+)/g;
/** RFC 9110 section 5.6.2: a header (and cookie) name is a token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `$VAR` / `${VAR}` from the environment; an unset variable is an error naming `what`. */
export function expandVars(value: string, what: string, env: NodeJS.ProcessEnv = process.env): string {
  if (value === WITHHELD) {
    throw new WsroutesError('USAGE', `${what}: the value was withheld from the reproduce line; put the real value (or $VAR) in place of ${WITHHELD}`);
  }
  return value.replace(VAR, (_m, a?: string, b?: string) => {
    const name = (a ?? b)!;
    const v = env[name];
    if (v === undefined) throw new WsroutesError('USAGE', `${what}: $${name} is not set in the environment`);
    return v;
  });
}

/** A value that is only `$VAR` references holds no secret as written, so it may be shown. */
export function isVarOnly(value: string): boolean {
  return value !== '' && value.replace(VAR, '') === '';
}

export interface NamedValue {
  name: string;
  /** As given, `$VAR` unexpanded. */
  value: string;
}

function checkValue(flag: string, name: string, value: string): void {
  if (/[\r\n\0]/.test(value)) throw new WsroutesError('USAGE', `${flag} ${name}: the value holds a line break or NUL, which a header cannot carry`);
}

/** `NAME:VALUE` of `--header`; throws a USAGE error that never shows the value. */
export function parseHeader(spec: string): NamedValue {
  const i = spec.indexOf(':');
  // Without a ":" the whole spec may be the secret: it is not shown.
  if (i < 0) throw new WsroutesError('USAGE', '--header: expected NAME:VALUE (no ":" found)');
  const name = spec.slice(0, i).trim();
  if (!TOKEN.test(name))
    throw new WsroutesError(
      'USAGE',
      `--header: "${name.replace(/[^\x20-\x7e]/g, '?')}" is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only)`,
    );
  const value = spec.slice(i + 1).trim();
  checkValue('--header', name, value);
  return { name, value };
}

function parsePair(flag: '--cookie' | '--query', spec: string, nameOk: (name: string) => boolean, nameRule: string): NamedValue {
  const i = spec.indexOf('=');
  if (i < 0) throw new WsroutesError('USAGE', `${flag}: expected NAME=VALUE (no "=" found)`);
  const name = spec.slice(0, i).trim();
  if (!nameOk(name)) throw new WsroutesError('USAGE', `${flag}: "${name.replace(/[^\x20-\x7e]/g, '?')}" is not a valid name (${nameRule})`);
  const value = spec.slice(i + 1);
  checkValue(flag, name, value);
  if (flag === '--cookie' && value.includes(';')) throw new WsroutesError('USAGE', `--cookie ${name}: the value holds ";", which ends a cookie`);
  return { name, value };
}

/** `NAME=VALUE` of `--cookie` (the name a token, the value without `;`). */
export function parseCookie(spec: string): NamedValue {
  return parsePair('--cookie', spec, (n) => TOKEN.test(n), "letters, digits and !#$%&'*+.^_`|~- only");
}

/** `NAME=VALUE` of `--query` (any non-empty name; both are URL-encoded on the way). */
export function parseQuery(spec: string): NamedValue {
  return parsePair('--query', spec, (n) => n !== '', 'a non-empty name');
}

/** The kind and name of an `--auth` spec, and its value as given. */
export function splitAuth(spec: string): { kind: 'bearer' | 'header' | 'query'; name?: string; value: string } {
  const [kind, ...rest] = spec.split(':');
  // The spec may hold a secret: messages name its kind and name, never the value.
  const bad = (why: string): never => {
    throw new WsroutesError('USAGE', `--auth ${kind}: ${why}`);
  };
  if (kind === 'bearer') {
    if (!rest.length || rest.join(':') === '') bad('the token is empty; use bearer:TOKEN or bearer:$VAR');
    return { kind, value: rest.join(':') };
  }
  if (kind === 'header' || kind === 'query') {
    const [name, ...value] = rest;
    if (!name || !value.length) bad(`expected ${kind}:NAME:VALUE`);
    if (kind === 'header' && !TOKEN.test(name!)) bad(`"${name!.replace(/[^\x20-\x7e]/g, '?')}" is not a valid header name`);
    if (value.join(':') === '') bad(`the value of ${name} is empty`);
    return { kind, name: name!, value: value.join(':') };
  }
  // Not even the kind is shown: `--auth TOKEN` without one would print the token.
  throw new WsroutesError('USAGE', '--auth: the spec must start with bearer:, header: or query: (bearer:TOKEN, header:NAME:VALUE, query:NAME:VALUE)');
}

export function parseAuth(spec: string | undefined, env: NodeJS.ProcessEnv = process.env): AuthParts {
  if (!spec) return { headers: {}, query: {} };
  const a = splitAuth(spec);
  const value = expandVars(a.value, '--auth', env);
  if (a.kind === 'bearer') return { headers: { Authorization: `Bearer ${value}` }, query: {} };
  checkValue('--auth', a.name!, value);
  return a.kind === 'header' ? { headers: { [a.name!]: value }, query: {} } : { headers: {}, query: { [a.name!]: value } };
}

export interface HandshakeOptions {
  auth?: string;
  headers?: readonly string[];
  cookies?: readonly string[];
  query?: readonly string[];
}

/** Headers and query parameters of every handshake, `$VAR`s expanded, and the secret values. */
export function handshakeInputs(o: HandshakeOptions, env: NodeJS.ProcessEnv = process.env): HandshakeInputs {
  const auth = parseAuth(o.auth, env);
  const headers: Record<string, string> = { ...auth.headers };
  const query: Record<string, string> = { ...auth.query };
  const secrets: string[] = [];
  if (o.auth) secrets.push(expandVars(splitAuth(o.auth).value, '--auth', env));
  const expanded = (flag: string, p: NamedValue): string => {
    const v = expandVars(p.value, `${flag} ${p.name}`, env);
    checkValue(flag, p.name, v);
    secrets.push(v);
    return v;
  };
  for (const spec of o.headers ?? []) {
    const h = parseHeader(spec);
    // Same name twice: one header holding both values, as HTTP allows (RFC 9110 section 5.3).
    const key = Object.keys(headers).find((k) => k.toLowerCase() === h.name.toLowerCase()) ?? h.name;
    const v = expanded('--header', h);
    headers[key] = headers[key] === undefined ? v : `${headers[key]}, ${v}`;
  }
  const cookies = (o.cookies ?? []).map((spec) => {
    const c = parseCookie(spec);
    const v = expanded('--cookie', c);
    if (v.includes(';')) throw new WsroutesError('USAGE', `--cookie ${c.name}: the value holds ";", which ends a cookie`);
    return `${c.name}=${v}`;
  });
  if (cookies.length) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === 'cookie') ?? 'Cookie';
    headers[key] = [headers[key], ...cookies].filter((c) => c !== undefined).join('; ');
  }
  for (const spec of o.query ?? []) {
    const q = parseQuery(spec);
    query[q.name] = expanded('--query', q);
  }
  return { headers, query, secrets: secrets.filter((s) => s !== '') };
}

export function withQuery(path: string, query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (!entries.length) return path;
  const qs = new URLSearchParams(entries).toString();
  return path + (path.includes('?') ? '&' : '?') + qs;
}
