/**
 * What a real client sends with its handshake, applied to every connection: the
 * `--auth`, `--header`, `--cookie` and `--query` values (their grammar is
 * `config/handshake-grammar.ts`) turned into headers and query parameters, with `$VAR` /
 * `${VAR}` expanded from the environment. `handshakeInputs` hands back the expanded values
 * so the output can be scrubbed of them (`reporting/redact.ts`).
 */
import { checkValue, expandVars, type NamedValue, parseCookie, parseHeader, parseQuery, splitAuth, varValues } from '../config/handshake-grammar.js';
import { credentialParts, isSecretInput, urlSecrets } from './secrets.js';
import { WsroutesError } from '../errors.js';

export interface AuthParts {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** The handshake parts of a run, and every secret value in them (expanded). */
export interface HandshakeInputs extends AuthParts {
  secrets: string[];
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
  /** `--url`: its password is a secret. */
  url?: string;
}

/** Headers and query parameters of every handshake, `$VAR`s expanded, and the secret values. */
export function handshakeInputs(o: HandshakeOptions, env: NodeJS.ProcessEnv = process.env): HandshakeInputs {
  const auth = parseAuth(o.auth, env);
  const headers: Record<string, string> = { ...auth.headers };
  const query: Record<string, string> = { ...auth.query };
  const secrets: string[] = urlSecrets(o.url);
  // The value (by the rules of secrets.ts), each $VAR in it, and a credential's parts.
  const collect = (raw: string, value: string, credential: boolean): void => {
    if (credential) secrets.push(value);
    secrets.push(...varValues(raw, env), ...credentialParts(value));
  };
  if (o.auth) {
    const a = splitAuth(o.auth);
    collect(a.value, expandVars(a.value, '--auth', env), true);
  }
  const expanded = (flag: '--header' | '--cookie' | '--query', p: NamedValue): string => {
    const v = expandVars(p.value, `${flag} ${p.name}`, env);
    checkValue(flag, p.name, v);
    collect(p.value, v, isSecretInput(flag, p.name));
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
  return { headers, query, secrets: [...new Set(secrets.filter((s) => s !== ''))] };
}

export function withQuery(path: string, query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (!entries.length) return path;
  const qs = new URLSearchParams(entries).toString();
  return path + (path.includes('?') ? '&' : '?') + qs;
}
