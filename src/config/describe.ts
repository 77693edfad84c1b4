/**
 * The effective configuration as --verbose prints it: one key per line, its value
 * and where it came from. Secrets are reduced to their kind or name (`bearer:***`,
 * `X-Api-Key:***`, `session=***`).
 */
import type { Options } from './options.js';
import type { Provenance } from './resolve.js';
import { OPTION_KEYS } from './resolve.js';

export function redactAuth(auth: string): string {
  return `${auth.split(':')[0]}:***`;
}

/** `NAME:VALUE` -> `NAME:***`, `NAME=VALUE` -> `NAME=***`. */
export function redactPair(spec: string, separator: ':' | '='): string {
  const i = spec.indexOf(separator);
  return i < 0 ? '***' : `${spec.slice(0, i)}${separator}***`;
}

function show(key: keyof Options, value: unknown): string {
  if (key === 'concurrency' && value === undefined) return 'adaptive';
  if (value === undefined) return '(unset)';
  if (key === 'auth') return redactAuth(String(value));
  if (key === 'headers') return JSON.stringify((value as string[]).map((h) => redactPair(h, ':')));
  if (key === 'cookies' || key === 'query') return JSON.stringify((value as string[]).map((h) => redactPair(h, '=')));
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
