/**
 * The effective configuration as --verbose prints it: one key per line, its value
 * and where it came from. Secrets are reduced to their kind or name (`bearer:***`,
 * `X-Api-Key:***`, `session=***`).
 */
import { type NamedValue, parseCookie, parseHeader, parseQuery, splitAuth } from './handshake-grammar.js';
import type { Options } from './options.js';
import type { Provenance } from './resolve.js';
import { OPTION_KEYS } from './resolve.js';

/** Read by the handshake grammar; a spec it refuses shows nothing of itself (it may be the secret). */
function shown(read: () => string): string {
  try {
    return read();
  } catch {
    return '***';
  }
}

export function redactAuth(auth: string): string {
  return shown(() => `${splitAuth(auth).kind}:***`);
}

/** `NAME:VALUE` -> `NAME:***`, `NAME=VALUE` -> `NAME=***`. */
function redactNamed(spec: string, parse: (spec: string) => NamedValue, separator: ':' | '='): string {
  return shown(() => `${parse(spec).name}${separator}***`);
}

function show(key: keyof Options, value: unknown): string {
  if (key === 'concurrency' && value === undefined) return 'adaptive';
  if (value === undefined) return '(unset)';
  if (key === 'auth') return redactAuth(String(value));
  if (key === 'headers') return JSON.stringify((value as string[]).map((h) => redactNamed(h, parseHeader, ':')));
  if (key === 'cookies') return JSON.stringify((value as string[]).map((c) => redactNamed(c, parseCookie, '=')));
  if (key === 'query') return JSON.stringify((value as string[]).map((q) => redactNamed(q, parseQuery, '=')));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Lines, without a trailing newline; `flags` names the spelling a CLI value came from. */
export function describeOptions(o: Options, provenance: Provenance, flags: Partial<Record<keyof Options, string>> = {}): string[] {
  const width = Math.max(...OPTION_KEYS.map((k) => k.length));
  return OPTION_KEYS.map((key) => {
    const source = provenance[key] === 'cli' && flags[key] ? `cli (${flags[key]})` : provenance[key];
    return `  ${key.padEnd(width)}  ${show(key, o[key])}  [${source}]`;
  });
}
