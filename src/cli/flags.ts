/**
 * The flag table: each option once, with its value parser, the pytest-routes
 * spelling (`--routes-*`) accepted as a hidden alias, and, for switches, the
 * negation that turns off a value a config file turned on.
 */
import { InvalidArgumentError } from 'commander';
import type { Options } from '../config/options.js';
import type { MessageKindOption } from '../config/options.js';
import { DEFAULTS, MAX_CLIENTS, MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS, MESSAGE_KINDS } from '../config/options.js';
import { isSendableCloseCode } from '../config/close-codes.js';
import { parseShard } from '../discovery/shard.js';
import { WsroutesError } from '../errors.js';
import { parseCookie, parseHeader, parseQuery, splitAuth } from '../config/handshake-grammar.js';

export interface Flag {
  /** Commander flag syntax: '--max-examples <n>' (a switch has no value). */
  flags: string;
  description: string;
  /** The Options key it sets. */
  key: keyof Options;
  parse?: (value: string, previous: unknown) => unknown;
  /** Hidden aliases, pytest-routes spellings. */
  aliases?: string[];
  /** A one-letter spelling, e.g. '-v'. */
  short?: string;
  /** A switch's off spelling (shown in help), e.g. '--no-websocket': it turns off what a config file turned on. */
  negation?: string;
  /** Given twice (in any spelling) is an error, not a silent replacement. */
  once?: boolean;
}

export const positiveInt =
  (name: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1 (got "${v}")`);
    return n;
  };

const seed = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new InvalidArgumentError(`the seed must be a whole number from 0 to 2147483647 (got "${v}")`);
  return n;
};

/** Seconds on the command line (as in pytest-routes), milliseconds inside; at most a day (timers overflow at 2^31 ms). */
const seconds =
  (name: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS) {
      throw new InvalidArgumentError(`${name} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (a day) (got "${v}")`);
    }
    return Math.max(1, Math.round(n * 1000));
  };

/** Clients of a multi-client script: 1 (none) to MAX_CLIENTS. */
const maxClients = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CLIENTS)
    throw new InvalidArgumentError(`--ws-max-clients must be a whole number from 1 to ${MAX_CLIENTS} (got "${v}")`);
  return n;
};

/** Connections open at once: beyond this, a run exhausts file descriptors and memory before it tests anything. */
const concurrency = (v: string): number => {
  const n = positiveInt('--concurrency')(v);
  if (n > MAX_CONCURRENCY) throw new InvalidArgumentError(`--concurrency must be at most ${MAX_CONCURRENCY} (got "${v}")`);
  return n;
};

const split = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Comma-separated, and repeatable: `--ws-include /a,/b --ws-include /c`. */
const list = (v: string, previous: unknown): string[] => [...((previous as string[] | undefined) ?? []), ...split(v)];

/** Repeatable, one value each (a path may hold a comma). */
const repeat = (v: string, previous: unknown): string[] => [...((previous as string[] | undefined) ?? []), v];

const closeCodes = (v: string, previous: unknown): number[] => {
  const codes = split(v).map(Number);
  const bad = split(v).find((_s, i) => !Number.isInteger(codes[i]) || !isSendableCloseCode(codes[i]!));
  if (bad !== undefined || !codes.length) {
    throw new InvalidArgumentError(`--ws-close-codes takes close codes 1000-1003, 1007-1014 or 3000-4999, comma-separated (got "${bad ?? v}")`);
  }
  return [...((previous as number[] | undefined) ?? []), ...codes];
};

/** Repeatable, each value checked by `check` (which throws a one-line USAGE error that never shows a secret). */
const checked =
  (check: (v: string) => unknown) =>
  (v: string, previous: unknown): string[] => {
    check(v);
    return repeat(v, previous);
  };

const auth = (v: string, previous: unknown): string => {
  if (previous !== undefined)
    throw new WsroutesError('USAGE', '--auth was given twice: pass one spec (add other credentials with --header, --cookie or --query)');
  splitAuth(v);
  return v;
};

const messageKinds = (v: string, previous: unknown): MessageKindOption[] => {
  const kinds = split(v);
  const bad = kinds.find((k) => !(MESSAGE_KINDS as readonly string[]).includes(k));
  if (bad !== undefined || !kinds.length) {
    throw new InvalidArgumentError(`--ws-message-kinds takes text, json and bytes, comma-separated (got "${bad ?? v}")`);
  }
  const all = new Set([...((previous as MessageKindOption[] | undefined) ?? []), ...(kinds as MessageKindOption[])]);
  return MESSAGE_KINDS.filter((k) => all.has(k));
};

const methods = (v: string, previous: unknown): string[] => {
  const given = split(v).map((m) => m.toUpperCase());
  const bad = given.find((m) => !/^[A-Z]+$/.test(m));
  if (bad !== undefined || !given.length) throw new InvalidArgumentError(`--methods takes HTTP methods, comma-separated, e.g. GET,POST (got "${bad ?? v}")`);
  return [...new Set([...((previous as string[] | undefined) ?? []), ...given])];
};

const statusCodes = (v: string, previous: unknown): number[] => {
  const codes = split(v).map(Number);
  const bad = split(v).find((_s, i) => !Number.isInteger(codes[i]) || codes[i]! < 100 || codes[i]! > 599);
  if (bad !== undefined || !codes.length)
    throw new InvalidArgumentError(`--allowed-status-codes takes HTTP statuses 100-599, comma-separated (got "${bad ?? v}")`);
  return [...((previous as number[] | undefined) ?? []), ...codes];
};

/** `I/N`, checked here so a bad spec fails before the app starts. */
const shard = (v: string): string => {
  parseShard(v);
  return v.trim();
};

export const FLAGS: Flag[] = [
  { flags: '--app <spec>', key: 'app', description: 'Node module FILE[:EXPORT] (.ts/.js) or Python ASGI app module.path:attr', aliases: ['--routes-app'] },
  {
    flags: '--url <url>',
    key: 'url',
    description: 'a running server (http://host:port or ws://host:port); routes from --ws-include',
    aliases: ['--routes-url'],
  },
  { flags: '--python <path>', key: 'python', description: 'Python interpreter for ASGI apps (default: $VIRTUAL_ENV, ./.venv, python3)' },
  {
    flags: '--app-dir <dir>',
    key: 'appDir',
    description: 'directory the Python app is imported from (default: current directory)',
    aliases: ['--routes-app-dir'],
  },
  {
    flags: '--config <file>',
    key: 'config',
    description: 'config file (default: wsroutes.config.{ts,mts,js,mjs,json}, then package.json "wsroutes", then pyproject.toml [tool.pytest-routes])',
  },
  { flags: '--websocket', key: 'websocket', negation: '--no-websocket', description: 'test WebSocket routes (default: on)', aliases: ['--routes-websocket'] },
  // `--routes` is pytest-routes' own switch for its HTTP testing: every seed command starts with it.
  { flags: '--http', key: 'http', negation: '--no-http', description: 'test HTTP routes too (default: off)', aliases: ['--routes'] },
  {
    flags: '--openapi <file|url>',
    key: 'openapi',
    description: 'an OpenAPI 3 document (JSON file, URL, or a path on the server such as /openapi.json) whose operations are HTTP routes',
    aliases: ['--routes-openapi'],
  },
  {
    flags: '--methods <methods>',
    key: 'methods',
    parse: methods,
    description: `HTTP methods tested, comma-separated (default: ${DEFAULTS.methods.join(',')})`,
    aliases: ['--routes-methods'],
  },
  {
    flags: '--fail-on-5xx',
    key: 'failOn5xx',
    negation: '--no-fail-on-5xx',
    description: 'a 5xx answer is a failure (default: on)',
    aliases: ['--routes-fail-on-5xx'],
  },
  {
    flags: '--allowed-status-codes <codes>',
    key: 'allowedStatusCodes',
    parse: statusCodes,
    description: 'HTTP statuses that pass, comma-separated; any other is a failure (default: any below 500)',
    aliases: ['--routes-allowed-status-codes'],
  },
  {
    flags: '--validate-responses',
    key: 'validateResponses',
    negation: '--no-validate-responses',
    description: 'check JSON response bodies against their declared schemas (default: off)',
    aliases: ['--routes-validate-responses'],
  },
  {
    flags: '--http-include <globs>',
    key: 'httpInclude',
    parse: list,
    description: 'comma-separated globs of HTTP paths to test',
    aliases: ['--routes-include'],
  },
  {
    flags: '--http-exclude <globs>',
    key: 'httpExclude',
    parse: list,
    description: 'comma-separated globs of HTTP paths to skip',
    aliases: ['--routes-exclude'],
  },
  {
    flags: '--max-examples <n>',
    key: 'maxExamples',
    parse: positiveInt('--max-examples'),
    description: `sequences per route (default: ${DEFAULTS.maxExamples})`,
    aliases: ['--routes-max-examples'],
  },
  {
    flags: '--ws-max-messages <n>',
    key: 'maxMessages',
    parse: positiveInt('--ws-max-messages'),
    description: `messages per sequence, at most (default: ${DEFAULTS.maxMessages})`,
    aliases: ['--routes-ws-max-messages'],
  },
  {
    flags: '--ws-max-clients <n>',
    key: 'maxClients',
    parse: maxClients,
    description: `clients of a multi-client script, at most; 1 turns scripts off (default: ${DEFAULTS.maxClients})`,
    aliases: ['--routes-ws-max-clients'],
  },
  {
    flags: '--max-failures <n>',
    key: 'maxFailures',
    parse: positiveInt('--max-failures'),
    description: `distinct failures reported per route, each shrunk on its own (default: ${DEFAULTS.maxFailures})`,
    aliases: ['--routes-max-failures'],
  },
  {
    flags: '--ws-max-message-size <bytes>',
    key: 'maxMessageSize',
    parse: positiveInt('--ws-max-message-size'),
    description: `largest generated message in bytes (default: ${DEFAULTS.maxMessageSize})`,
    aliases: ['--routes-ws-max-message-size'],
  },
  {
    flags: '--ws-timeout <seconds>',
    key: 'connectionTimeoutMs',
    parse: seconds('--ws-timeout'),
    description: `connection (handshake) timeout (default: ${DEFAULTS.connectionTimeoutMs / 1000})`,
    aliases: ['--routes-ws-timeout'],
  },
  {
    flags: '--ws-message-timeout <seconds>',
    key: 'messageTimeoutMs',
    parse: seconds('--ws-message-timeout'),
    description: `how long the server may owe a pong or a close (default: ${DEFAULTS.messageTimeoutMs / 1000})`,
    aliases: ['--routes-ws-message-timeout'],
  },
  {
    flags: '--ws-close-codes <codes>',
    key: 'testCloseCodes',
    parse: closeCodes,
    description: `close codes our client ends sequences with, comma-separated (default: ${DEFAULTS.testCloseCodes.join(',')})`,
    aliases: ['--routes-ws-close-codes'],
  },
  {
    flags: '--ws-validate-subprotocols',
    key: 'validateSubprotocols',
    negation: '--no-ws-validate-subprotocols',
    description: 'offer subprotocols and check the one the server selects (default: off)',
    aliases: ['--routes-ws-validate-subprotocols'],
  },
  {
    flags: '--ws-include <globs>',
    key: 'include',
    parse: list,
    description: 'comma-separated globs of route templates to test',
    aliases: ['--routes-ws-include'],
  },
  {
    flags: '--ws-exclude <globs>',
    key: 'exclude',
    parse: list,
    description: 'comma-separated globs of route templates to skip',
    aliases: ['--routes-ws-exclude'],
  },
  { flags: '--seed <n>', key: 'seed', parse: seed, description: 'seed of the run; the same seed replays the same sequences', aliases: ['--routes-seed'] },
  {
    flags: '--auth <spec>',
    key: 'auth',
    parse: auth,
    once: true,
    description: 'bearer:TOKEN | header:NAME:VALUE | query:NAME:VALUE ($VAR expanded), applied to every handshake',
    aliases: ['--routes-auth'],
  },
  {
    flags: '--header <name:value>',
    key: 'headers',
    parse: checked(parseHeader),
    description: 'a header sent with every handshake ($VAR expanded, never printed); repeatable',
  },
  {
    flags: '--cookie <name=value>',
    key: 'cookies',
    parse: checked(parseCookie),
    description: 'a cookie sent with every handshake ($VAR expanded, never printed); repeatable',
  },
  {
    flags: '--query <name=value>',
    key: 'query',
    parse: checked(parseQuery),
    description: 'a query parameter added to every handshake ($VAR expanded, never printed); repeatable',
  },
  {
    flags: '--ws-prelude <message>',
    key: 'prelude',
    parse: repeat,
    description: 'sent first on every connection, each waiting for an answer (a login step; JSON when it parses, else text); repeatable',
  },
  {
    flags: '--ws-message-kinds <kinds>',
    key: 'messageKinds',
    parse: messageKinds,
    description: 'kinds of generated messages, comma-separated: text,json,bytes (default: all)',
  },
  { flags: '--setup <file>', key: 'setup', parse: repeat, description: 'module loaded before the run (registerMessageStrategy); repeatable' },
  {
    flags: '--concurrency <n>',
    key: 'concurrency',
    parse: concurrency,
    description: 'connections open at once, fixed; routes always run side by side (default: adaptive, 8 growing to 64 while latency stays flat)',
  },
  { flags: '--report-json <file>', key: 'reportJson', description: 'write the JSON report there', aliases: ['--routes-report-json'] },
  {
    flags: '--html <file>',
    key: 'html',
    description: 'write a self-contained HTML report there (summary, charts, every failure)',
    aliases: ['--routes-report'],
  },
  { flags: '--junit <file>', key: 'junit', description: 'write a JUnit XML report there (one testcase per route)' },
  {
    flags: '--shard <i/n>',
    key: 'shard',
    parse: shard,
    once: true,
    description: 'test only shard I of N of the routes (a stable hash of the route template), e.g. 1/3',
  },
  { flags: '--export-tests <dir>', key: 'exportTests', description: 'write every failure there as a node:test file that replays it through the Conductor' },
  {
    flags: '--verbose',
    short: '-v',
    key: 'verbose',
    negation: '--no-verbose',
    description: 'print the effective configuration, every route and full error traces',
    aliases: ['--routes-verbose'],
  },
];
