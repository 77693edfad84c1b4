/**
 * `--auth` specs applied to every handshake: `bearer:TOKEN`, `header:NAME:VALUE`,
 * `query:NAME:VALUE`, with `$VAR` / `${VAR}` expanded from the environment.
 */
import { WsroutesError } from '../errors.js';

export interface AuthParts {
  headers: Record<string, string>;
  query: Record<string, string>;
}

const NONE: AuthParts = { headers: {}, query: {} };

function expand(value: string): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a?: string, b?: string) => process.env[(a ?? b)!] ?? '');
}

export function parseAuth(spec: string | undefined): AuthParts {
  if (!spec) return NONE;
  const [kind, ...rest] = spec.split(':');
  const usage = 'use bearer:TOKEN, header:NAME:VALUE or query:NAME:VALUE';
  switch (kind) {
    case 'bearer':
      if (!rest.length) break;
      return { headers: { Authorization: `Bearer ${expand(rest.join(':'))}` }, query: {} };
    case 'header':
    case 'query': {
      const [name, ...value] = rest;
      if (!name || !value.length) break;
      const pair = { [name]: expand(value.join(':')) };
      return kind === 'header' ? { headers: pair, query: {} } : { headers: {}, query: pair };
    }
  }
  // The spec may hold a secret: name only its kind.
  throw new WsroutesError('USAGE', `--auth: unrecognised spec of kind "${kind ?? ''}"; ${usage}`);
}

export function withQuery(path: string, query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (!entries.length) return path;
  const qs = new URLSearchParams(entries).toString();
  return path + (path.includes('?') ? '&' : '?') + qs;
}
