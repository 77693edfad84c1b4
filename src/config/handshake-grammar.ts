/**
 * The grammar of the handshake inputs, in one place: `--auth` (`bearer:TOKEN`,
 * `header:NAME:VALUE`, `query:NAME:VALUE`), `--header NAME:VALUE`, `--cookie NAME=VALUE`,
 * `--query NAME=VALUE` and their `$VAR` / `${VAR}` references. The flag parser, the
 * config schema, the handshake (execution/auth.ts), the reproduce line and the exported
 * tests all parse with these. Every value is a secret: errors name the flag and the name,
 * never the value.
 */
import { WsroutesError } from '../errors.js';

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

/** The value of each `$VAR` / `${VAR}` in `value` (each is a secret on its own); unset ones are left to expandVars. */
export function varValues(value: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return [...value.matchAll(VAR)].map((m) => env[(m[1] ?? m[2])!]).filter((v): v is string => v !== undefined);
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

export function checkValue(flag: string, name: string, value: string): void {
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
