/**
 * Checks a loaded config against the schema. The first problem becomes one line
 * naming the file, the key path and what was expected (or, for an unknown key, the
 * nearest known one), as a CONFIG WsroutesError: the CLI prints it and exits 2.
 */
import { WsroutesError } from '../errors.js';
import { nearestKey } from './nearest.js';
import { configSchema, describeAt, knownKeys } from './schema.js';
import type { WsroutesConfig } from './user-config.js';

/** `routes[0].pattern`, or `(top level)` for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out ? `.${String(step)}` : String(step);
  return out || '(top level)';
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const step of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[step] : undefined;
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * `raw` as a WsroutesConfig, or a CONFIG error. `where` names the source in the message
 * (`wsroutes.config.ts`, `package.json "wsroutes"`); `keyName` spells a key for it.
 */
export function validateConfig(raw: unknown, where: string, keyName: (path: readonly PropertyKey[]) => string = formatPath): WsroutesConfig {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  // An unknown key explains a "missing" one beside it (`patern` for `pattern`), so it goes first.
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const path = [...issue.path, key];
    const hint = nearestKey(key, knownKeys(issue.path));
    const fix = hint ? `did you mean ${hint}?` : `known keys: ${knownKeys(issue.path).join(', ')}`;
    throw new WsroutesError('CONFIG', `${where}: unknown key ${keyName(path)} (${fix})${more}`);
  }
  const expected = describeAt(issue.path) ?? issue.message;
  // An --auth, header, cookie or query value may be a secret: never echoed (STYLE habit 5).
  const secret = ['auth', 'headers', 'cookies', 'query'].includes(String(issue.path[0]));
  const got = secret ? 'a value not shown' : show(valueAt(raw, issue.path));
  const subject = issue.path.length ? keyName(issue.path) : 'the config';
  throw new WsroutesError('CONFIG', `${where}: ${subject} must be ${expected} (got ${got})${more}`);
}
