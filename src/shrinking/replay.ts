/**
 * The reproduce line: the whole command that replays a route's run with its seed,
 * runnable as printed from any directory. Paths are absolute; a Python app names its
 * interpreter and import directory; everything that changes what is sent (prelude,
 * kinds, handshake inputs, limits, timeouts) is repeated. Secrets never appear: the value
 * of a secret input (any `--auth` and `--cookie`, a credential-named `--header` or `--query`:
 * execution/secrets.ts) is shown as its `$VAR` when given as one (wsroutes expands it
 * again), else as `<withheld>` (which wsroutes refuses with a line saying to put the value
 * back); other values are printed as given, `$VAR`s unexpanded, so the line runs as printed.
 */
import { resolve } from 'node:path';
import type { Options } from '../config/options.js';
import { DEFAULTS, MESSAGE_KINDS } from '../config/options.js';
import { isVarOnly, parseCookie, parseHeader, parseQuery, splitAuth, WITHHELD } from '../config/handshake-grammar.js';
import { isNodeSpec, isPythonSpec, mapNodeSpecFile } from '../config/app-spec.js';
import { resolvePython } from '../targets/python/resolve-python.js';
import { isSecretInput } from '../execution/secrets.js';

export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A secret as the reproduce line shows it. */
const placeholder = (value: string): string => (isVarOnly(value) ? value : WITHHELD);

/** A `--header` or `--query` value as given (its `$VAR`s unexpanded), unless it is a secret input. */
const shown = (flag: '--header' | '--query', name: string, value: string): string => (isSecretInput(flag, name) ? placeholder(value) : value);

function authPlaceholder(spec: string): string {
  const a = splitAuth(spec);
  return [a.kind, ...(a.name !== undefined ? [a.name] : []), placeholder(a.value)].join(':');
}

/** `--url` with its password withheld (the url target does not send it anyway). */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    return url.replace(`:${u.password}@`, `:${WITHHELD}@`);
  } catch {
    return url;
  }
}

const seconds = (ms: number): string => String(ms / 1000);

/** The reproduce line of a WebSocket route. */
export function reproduceCommand(o: Options, routePath: string): string {
  return reproduceLine(o, ['--ws-include', routePath]);
}

/** The reproduce line with `route`, the flags that name the route (its kind's), where a WebSocket route's `--ws-include PATH` stands. */
export function reproduceLine(o: Options, route: string[]): string {
  const cwd = o.cwd ?? process.cwd();
  const abs = (p: string): string => resolve(cwd, p);
  const args = ['npx', 'wsroutes'];
  if (o.app) {
    if (isNodeSpec(o.app)) {
      args.push('--app', mapNodeSpecFile(o.app, abs));
    } else {
      args.push('--app', o.app);
      if (isPythonSpec(o.app)) {
        // The interpreter this run used ($VIRTUAL_ENV and ./.venv depend on where it ran), and where it imported from.
        const python = resolvePython({ python: o.python, cwd });
        if (python.source !== 'PATH' || o.python) args.push('--python', python.command);
        args.push('--app-dir', abs(o.appDir ?? '.'));
      }
    }
  }
  if (o.url) args.push('--url', withoutPassword(o.url));
  if (o.config) args.push('--config', abs(o.config));
  for (const setup of o.setup ?? []) args.push('--setup', abs(setup));
  for (const h of o.headers ?? []) {
    const { name, value } = parseHeader(h);
    args.push('--header', `${name}:${shown('--header', name, value)}`);
  }
  for (const c of o.cookies ?? []) {
    const { name, value } = parseCookie(c);
    args.push('--cookie', `${name}=${placeholder(value)}`);
  }
  for (const q of o.query ?? []) {
    const { name, value } = parseQuery(q);
    args.push('--query', `${name}=${shown('--query', name, value)}`);
  }
  if (o.auth) args.push('--auth', authPlaceholder(o.auth));
  for (const message of o.prelude ?? []) args.push('--ws-prelude', message);
  if (o.messageKinds && o.messageKinds.length < MESSAGE_KINDS.length) args.push('--ws-message-kinds', o.messageKinds.join(','));
  args.push(...route);
  if (o.maxExamples !== DEFAULTS.maxExamples) args.push('--max-examples', String(o.maxExamples));
  if (o.maxMessages !== DEFAULTS.maxMessages) args.push('--ws-max-messages', String(o.maxMessages));
  if (o.maxFailures !== DEFAULTS.maxFailures) args.push('--max-failures', String(o.maxFailures));
  // The clients a script may have, as generation saw them (never more than --concurrency).
  const clients = Math.min(o.maxClients, o.concurrency ?? o.maxClients);
  if (clients !== DEFAULTS.maxClients) args.push('--ws-max-clients', String(clients));
  if (o.maxMessageSize !== DEFAULTS.maxMessageSize) args.push('--ws-max-message-size', String(o.maxMessageSize));
  if (o.connectionTimeoutMs !== undefined && o.connectionTimeoutMs !== DEFAULTS.connectionTimeoutMs) args.push('--ws-timeout', seconds(o.connectionTimeoutMs));
  if (o.messageTimeoutMs !== undefined && o.messageTimeoutMs !== DEFAULTS.messageTimeoutMs) args.push('--ws-message-timeout', seconds(o.messageTimeoutMs));
  if (o.testCloseCodes && o.testCloseCodes.join(',') !== DEFAULTS.testCloseCodes.join(',')) args.push('--ws-close-codes', o.testCloseCodes.join(','));
  if (o.validateSubprotocols) args.push('--ws-validate-subprotocols');
  // Routes spoken to as GraphQL by configuration: the same protocol, so the same messages.
  if (o.graphql?.length) args.push('--graphql', o.graphql.join(','));
  args.push('--seed', String(o.seed));
  return args.map(shellQuote).join(' ');
}
