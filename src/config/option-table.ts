/**
 * The option table: every option of a run declared once, with its Options key, its flag
 * (and the pytest-routes `--routes-*` spellings, hidden), its key in a config file (the
 * same key, with the same unit, in `wsroutes/vitest`, `wsroutes/jest`, `wsroutes/node-test`
 * and, where it applies, the Conductor), its `[tool.pytest-routes]` key, its value kind
 * (`option-values.ts`), its default and its help. The flag parser (cli/flags.ts,
 * cli/parse.ts), `--help`, the config schema (schema.ts), the config reader
 * (to-options.ts), the pyproject reader (pyproject.ts), the runners' and the Conductor's
 * options (code-options.ts) and --verbose's key order (resolve.ts) are all read from it,
 * as Vitest's `cli-config.ts` drives its CLI. Table order is the order --help and
 * --verbose list the options in.
 */
import { DEFAULT_CLOSE_CODES, MAX_CLIENTS, MAX_CONCURRENCY, MAX_EXAMPLES, MAX_FAILURES, MAX_MESSAGES, MESSAGE_KINDS } from './limits.js';
import type { Options } from './options.js';
import * as v from './option-values.js';
import { seconds, type ValueType } from './option-values.js';
import type { WsroutesConfig } from './user-config.js';

export interface OptionDef<K extends keyof Options = keyof Options, C extends keyof WsroutesConfig = keyof WsroutesConfig> {
  key: K;
  /** Commander syntax, '--ws-timeout <seconds>' (a switch has no value). Absent: no flag. */
  flag?: string;
  /** A one-letter spelling, e.g. '-v'. */
  short?: string;
  /** A switch's off spelling, e.g. '--no-websocket': it turns off what a config file turned on. */
  negation?: string;
  /** Hidden spellings: pytest-routes' `--routes-*`. */
  aliases?: string[];
  /** Given twice (in any spelling) is an error, not a silent replacement. */
  once?: boolean;
  /** Its key in a config file, a runner's options and the Conductor's. Absent: command line only, or internal. */
  config?: C;
  /** Its key in `[tool.pytest-routes]`, as a dotted path (`websocket.max_messages`), read in the config key's unit. */
  pytest?: string;
  value: ValueType<NonNullable<Options[K]>>;
  /** Absent: unset by default (the Options field is optional) or filled at resolve time (seed, cwd). */
  default?: Options[K];
  /** The flag's help, also the option's one-line documentation. */
  help: string;
}

/** One entry, typed by its key so `value` and `default` match `Options[K]`, and by its config key so the table covers WsroutesConfig. */
const opt = <K extends keyof Options, C extends keyof WsroutesConfig = never>(d: OptionDef<K, C>): OptionDef<K, C> => d;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export const OPTION_TABLE = [
  opt({
    key: 'app',
    flag: '--app <spec>',
    aliases: ['--routes-app'],
    config: 'app',
    pytest: 'app',
    value: v.appSpec,
    help: 'Node module FILE[:EXPORT] (.ts/.js) or Python ASGI app module.path:attr',
  }),
  opt({
    key: 'url',
    flag: '--url <url>',
    aliases: ['--routes-url'],
    config: 'url',
    value: v.text,
    help: 'a running server (http://host:port or ws://host:port); routes from --ws-include',
  }),
  opt({
    key: 'python',
    flag: '--python <path>',
    config: 'python',
    value: v.interpreter,
    help: 'Python interpreter for ASGI apps (default: $VIRTUAL_ENV, ./.venv, python3)',
  }),
  opt({
    key: 'appDir',
    flag: '--app-dir <dir>',
    aliases: ['--routes-app-dir'],
    config: 'appDir',
    value: v.path,
    help: 'directory the Python app is imported from (default: current directory)',
  }),
  opt({
    key: 'config',
    flag: '--config <file>',
    value: v.text,
    help: 'config file (default: wsroutes.config.{ts,mts,js,mjs,json}, then package.json "wsroutes", then pyproject.toml [tool.pytest-routes])',
  }),
  opt({
    key: 'websocket',
    flag: '--websocket',
    negation: '--no-websocket',
    aliases: ['--routes-websocket'],
    config: 'enabled',
    pytest: 'websocket.enabled',
    value: v.switchValue,
    default: true,
    help: 'test WebSocket routes',
  }),
  // `--routes` is pytest-routes' own switch for its HTTP testing: every seed command starts with it.
  opt({
    key: 'http',
    flag: '--http',
    negation: '--no-http',
    aliases: ['--routes'],
    config: 'http',
    value: v.switchValue,
    default: false,
    help: 'test HTTP routes too',
  }),
  opt({
    key: 'openapi',
    flag: '--openapi <file|url>',
    aliases: ['--routes-openapi'],
    config: 'openapi',
    value: v.documentRef,
    help: 'an OpenAPI 3 document (JSON file, URL, or a path on the server such as /openapi.json) whose operations are HTTP routes',
  }),
  opt({
    key: 'methods',
    flag: '--methods <methods>',
    aliases: ['--routes-methods'],
    config: 'methods',
    pytest: 'methods',
    value: v.methods,
    default: METHODS,
    help: 'HTTP methods tested, comma-separated',
  }),
  opt({
    key: 'failOn5xx',
    flag: '--fail-on-5xx',
    negation: '--no-fail-on-5xx',
    aliases: ['--routes-fail-on-5xx'],
    config: 'failOn5xx',
    pytest: 'fail_on_5xx',
    value: v.switchValue,
    default: true,
    help: 'a 5xx answer is a failure',
  }),
  opt({
    key: 'allowedStatusCodes',
    flag: '--allowed-status-codes <codes>',
    aliases: ['--routes-allowed-status-codes'],
    config: 'allowedStatusCodes',
    pytest: 'allowed_status_codes',
    value: v.statusCodes,
    default: [],
    help: 'HTTP statuses that pass, comma-separated; any other is a failure (default: any below 500)',
  }),
  opt({
    key: 'validateResponses',
    flag: '--validate-responses',
    negation: '--no-validate-responses',
    aliases: ['--routes-validate-responses'],
    config: 'validateResponses',
    pytest: 'validate_responses',
    value: v.switchValue,
    default: false,
    help: 'check JSON response bodies against their declared schemas',
  }),
  opt({
    key: 'responseValidators',
    config: 'responseValidators',
    pytest: 'response_validators',
    value: v.names,
    default: [],
    help: "pytest-routes' response validator names: accepted and shown by --verbose, with no effect (they are Python classes)",
  }),
  opt({
    key: 'httpInclude',
    flag: '--http-include <globs>',
    aliases: ['--routes-include'],
    config: 'httpInclude',
    pytest: 'include',
    value: v.globs,
    default: [],
    help: 'comma-separated globs of HTTP paths to test',
  }),
  opt({
    key: 'httpExclude',
    flag: '--http-exclude <globs>',
    aliases: ['--routes-exclude'],
    config: 'httpExclude',
    pytest: 'exclude',
    value: v.globs,
    default: [],
    help: 'comma-separated globs of HTTP paths to skip',
  }),
  opt({
    key: 'maxExamples',
    flag: '--max-examples <n>',
    aliases: ['--routes-max-examples'],
    config: 'maxExamples',
    pytest: 'max_examples',
    value: v.countUpTo(MAX_EXAMPLES),
    default: 100,
    help: 'sequences per route',
  }),
  opt({
    key: 'maxMessages',
    flag: '--ws-max-messages <n>',
    aliases: ['--routes-ws-max-messages'],
    config: 'maxMessages',
    pytest: 'websocket.max_messages',
    value: v.countUpTo(MAX_MESSAGES),
    default: 10,
    help: 'messages per sequence, at most',
  }),
  opt({
    key: 'maxClients',
    flag: '--ws-max-clients <n>',
    aliases: ['--routes-ws-max-clients'],
    config: 'maxClients',
    value: v.wholeNumber(1, MAX_CLIENTS),
    default: 3,
    help: 'clients of a multi-client script, at most; 1 turns scripts off',
  }),
  opt({
    key: 'maxFailures',
    flag: '--max-failures <n>',
    aliases: ['--routes-max-failures'],
    config: 'maxFailures',
    value: v.countUpTo(MAX_FAILURES),
    default: 5,
    help: 'distinct failures reported per route, each shrunk on its own',
  }),
  opt({
    key: 'maxMessageSize',
    flag: '--ws-max-message-size <bytes>',
    aliases: ['--routes-ws-max-message-size'],
    config: 'maxMessageSize',
    pytest: 'websocket.max_message_size',
    value: v.count,
    default: 65_536,
    help: 'largest generated message in bytes',
  }),
  opt({
    key: 'connectionTimeoutMs',
    flag: '--ws-timeout <seconds>',
    aliases: ['--routes-ws-timeout'],
    config: 'connectionTimeout',
    pytest: 'websocket.connection_timeout',
    value: v.seconds,
    default: 30_000,
    help: 'connection (handshake) timeout, seconds',
  }),
  opt({
    key: 'messageTimeoutMs',
    flag: '--ws-message-timeout <seconds>',
    aliases: ['--routes-ws-message-timeout'],
    config: 'messageTimeout',
    pytest: 'websocket.message_timeout',
    value: v.seconds,
    default: 10_000,
    help: 'how long the server may owe a pong or a close, seconds',
  }),
  opt({
    key: 'testCloseCodes',
    flag: '--ws-close-codes <codes>',
    aliases: ['--routes-ws-close-codes'],
    config: 'testCloseCodes',
    pytest: 'websocket.test_close_codes',
    value: v.closeCodes,
    default: [...DEFAULT_CLOSE_CODES],
    help: 'close codes our client ends sequences with, comma-separated',
  }),
  opt({
    key: 'validateSubprotocols',
    flag: '--ws-validate-subprotocols',
    negation: '--no-ws-validate-subprotocols',
    aliases: ['--routes-ws-validate-subprotocols'],
    config: 'validateSubprotocols',
    pytest: 'websocket.validate_subprotocols',
    value: v.switchValue,
    default: false,
    help: 'offer subprotocols and check the one the server selects',
  }),
  opt({ key: 'subprotocols', config: 'subprotocols', value: v.subprotocolRules, default: [], help: 'subprotocol offers per route glob' }),
  opt({
    key: 'graphql',
    flag: '--graphql <globs>',
    config: 'graphql',
    value: v.globs,
    default: [],
    help: 'comma-separated globs of route templates tested as GraphQL over WebSocket (graphql-transport-ws, else graphql-ws: whichever the server selects)',
  }),
  opt({
    key: 'include',
    flag: '--ws-include <globs>',
    aliases: ['--routes-ws-include'],
    config: 'include',
    pytest: 'websocket.include',
    value: v.globs,
    default: [],
    help: 'comma-separated globs of route templates to test',
  }),
  opt({
    key: 'exclude',
    flag: '--ws-exclude <globs>',
    aliases: ['--routes-ws-exclude'],
    config: 'exclude',
    pytest: 'websocket.exclude',
    value: v.globs,
    default: [],
    help: 'comma-separated globs of route templates to skip',
  }),
  // [[tool.pytest-routes.routes]] is read by pyproject.ts: pytest-routes applies its first match.
  opt({ key: 'routeOverrides', config: 'routes', value: v.routeOverrides, default: [], help: 'per-route overrides: { pattern, maxExamples?, skip? }' }),
  opt({
    key: 'seed',
    flag: '--seed <n>',
    aliases: ['--routes-seed'],
    config: 'seed',
    pytest: 'seed',
    value: v.seed,
    help: 'seed of the run; the same seed replays the same sequences',
  }),
  // [tool.pytest-routes.auth] is a table of its own, turned into this spec by pyproject.ts.
  opt({
    key: 'auth',
    flag: '--auth <spec>',
    aliases: ['--routes-auth'],
    once: true,
    config: 'auth',
    value: v.auth,
    help: 'bearer:TOKEN | header:NAME:VALUE | query:NAME:VALUE ($VAR expanded), applied to every handshake',
  }),
  opt({
    key: 'headers',
    flag: '--header <name:value>',
    config: 'headers',
    value: v.headers,
    default: [],
    help: 'a header sent with every handshake ($VAR expanded, never printed); repeatable',
  }),
  opt({
    key: 'cookies',
    flag: '--cookie <name=value>',
    config: 'cookies',
    value: v.cookies,
    default: [],
    help: 'a cookie sent with every handshake ($VAR expanded, never printed); repeatable',
  }),
  opt({
    key: 'query',
    flag: '--query <name=value>',
    config: 'query',
    value: v.queryParams,
    default: [],
    help: 'a query parameter added to every handshake ($VAR expanded, never printed); repeatable',
  }),
  opt({
    key: 'prelude',
    flag: '--ws-prelude <message>',
    config: 'prelude',
    value: v.prelude,
    default: [],
    help: 'sent first on every connection, each waiting for an answer (a login step; JSON when it parses, else text); repeatable',
  }),
  opt({
    key: 'messageKinds',
    flag: '--ws-message-kinds <kinds>',
    config: 'messageKinds',
    value: v.messageKinds,
    default: [...MESSAGE_KINDS],
    help: 'kinds of generated messages, comma-separated: text,json,bytes (default: all)',
  }),
  opt({
    key: 'checks',
    flag: '--checks <names>',
    config: 'checks',
    value: v.checkNames,
    default: [],
    help: 'the checks to run, comma-separated (default: all; --list-checks names them)',
  }),
  opt({
    key: 'excludeChecks',
    flag: '--exclude-checks <names>',
    config: 'excludeChecks',
    value: v.checkNames,
    default: [],
    help: 'checks not to run, comma-separated',
  }),
  opt({ key: 'listChecks', flag: '--list-checks', value: v.switchValue, default: false, help: 'list the checks and exit' }),
  opt({
    key: 'setup',
    flag: '--setup <file>',
    config: 'setup',
    value: v.modulePaths,
    default: [],
    help: 'module loaded before the run (registerMessageStrategy); repeatable',
  }),
  opt({
    key: 'concurrency',
    flag: '--concurrency <n>',
    config: 'concurrency',
    value: v.countUpTo(MAX_CONCURRENCY),
    help: 'connections open at once, fixed; routes always run side by side (default: adaptive, 8 growing to 64 while latency stays flat)',
  }),
  opt({ key: 'shrinkTimeMs', value: v.count, default: 30_000, help: 'time spent shrinking one failure, milliseconds (internal)' }),
  opt({
    key: 'reportJson',
    flag: '--report-json <file>',
    aliases: ['--routes-report-json'],
    config: 'reportJson',
    value: v.path,
    help: 'write the JSON report there',
  }),
  opt({
    key: 'html',
    flag: '--html <file>',
    aliases: ['--routes-report'],
    config: 'html',
    value: v.path,
    help: 'write a self-contained HTML report there (summary, charts, every failure)',
  }),
  opt({ key: 'junit', flag: '--junit <file>', config: 'junit', value: v.path, help: 'write a JUnit XML report there (one testcase per route)' }),
  opt({
    key: 'exportTests',
    flag: '--export-tests <dir>',
    config: 'exportTests',
    value: v.path,
    help: 'write every failure there as a node:test file that replays it through the Conductor',
  }),
  opt({
    key: 'shard',
    flag: '--shard <i/n>',
    once: true,
    config: 'shard',
    value: v.shard,
    help: 'test only shard I of N of the routes (a stable hash of the route template), e.g. 1/3',
  }),
  opt({
    key: 'verbose',
    flag: '--verbose',
    short: '-v',
    negation: '--no-verbose',
    aliases: ['--routes-verbose'],
    config: 'verbose',
    pytest: 'verbose',
    value: v.switchValue,
    default: false,
    help: 'print the effective configuration, every route and full error traces',
  }),
  opt({ key: 'cwd', value: v.path, help: 'where relative paths resolve (the process cwd; internal)' }),
] as const;

// An Options key, or a WsroutesConfig key, missing from the table stops these lines compiling.
const _everyKey: [Exclude<keyof Options, (typeof OPTION_TABLE)[number]['key']>] extends [never] ? true : false = true;
const _everyConfigKey: [Exclude<keyof WsroutesConfig, NonNullable<(typeof OPTION_TABLE)[number]['config']>>] extends [never] ? true : false = true;
void _everyKey;
void _everyConfigKey;

/** Options keys whose value is always set once resolved: each has a default in the table (seed and cwd are filled at resolve time). */
type DefaultedKey = Exclude<{ [K in keyof Options]-?: undefined extends Options[K] ? never : K }[keyof Options], 'seed' | 'cwd'>;

/** The defaults, from the table. */
export const OPTION_DEFAULTS = Object.fromEntries(
  OPTION_TABLE.filter((d) => 'default' in d && d.default !== undefined).map((d) => [d.key, (d as OptionDef).default]),
) as { [K in DefaultedKey]: Options[K] };

/** The entry of an Options key. */
export function optionDef<K extends keyof Options>(key: K): OptionDef<K> {
  return OPTION_TABLE.find((d) => d.key === key) as unknown as OptionDef<K>;
}

/**
 * The help line of an entry: its help, then its default (seconds as seconds, a switch as
 * on/off) unless the help words the default itself or there is none to show.
 */
export function helpLine(d: OptionDef): string {
  const v = d.default;
  if (v === undefined || d.help.includes('(default:')) return d.help;
  let shown: string | undefined;
  if (typeof v === 'boolean') shown = d.negation === undefined ? undefined : v ? 'on' : 'off';
  else if (Array.isArray(v)) shown = v.length ? v.join(',') : undefined;
  else shown = d.value === seconds ? String(Number(v) / 1000) : String(v);
  return shown === undefined ? d.help : `${d.help} (default: ${shown})`;
}

/** The entries that have a config key, in table order. */
export const CONFIG_OPTIONS: readonly OptionDef[] = OPTION_TABLE.filter((d) => 'config' in d);
