/**
 * The complete, resolved options of a run. Everything after `config/` reads this
 * frozen object; nothing else reads argv or files. Each field's doc starts with its default;
 * the values themselves, the flags and the config keys are declared in `option-table.ts`.
 */
/** Subprotocols offered on routes matching a glob (validate_subprotocols). */
export interface SubprotocolRule {
  /** Route glob, as --ws-include. */
  route: string;
  /** Offered in this order. */
  offer: string[];
  /** The server must select one of them. */
  required: boolean;
}

/** Per-route overrides ([[tool.pytest-routes.routes]] or the config file's `routes`). */
export interface RouteOverride {
  /** Route glob. */
  pattern: string;
  maxExamples?: number;
  skip?: boolean;
}

import type { MessageKindOption } from './limits.js';
import { OPTION_DEFAULTS } from './option-table.js';

export { MAX_CLIENTS, MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS, MESSAGE_KINDS, type MessageKindOption } from './limits.js';

export interface Options {
  /** --app: `FILE[:EXPORT]` (Node) or `module.path:attr` (Python). */
  app?: string;
  /** --url: a running server (http:// or ws://). */
  url?: string;
  /** --python: interpreter for Python targets. */
  python?: string;
  /** --app-dir: directory Python imports the app from (default: cwd). */
  appDir?: string;
  /** true. Test WebSocket routes. */
  websocket: boolean;
  /** false. Test HTTP routes too (`--http`, pytest-routes' `--routes`). */
  http: boolean;
  /** unset. An OpenAPI document (file, URL, or a path on the running server) whose operations are HTTP routes. */
  openapi?: string;
  /** GET, POST, PUT, PATCH, DELETE. HTTP methods tested. */
  methods: string[];
  /** true. A 5xx answer is a failure. */
  failOn5xx: boolean;
  /** [] (any). HTTP statuses that pass; when given, any other status is a failure. */
  allowedStatusCodes: number[];
  /** false. Check JSON response bodies against their declared schemas. */
  validateResponses: boolean;
  /** []. pytest-routes' response validator names: accepted and shown by --verbose, with no effect (they are Python classes). */
  responseValidators: string[];
  /** [] (all). HTTP route globs to test (pytest-routes' top-level include). */
  httpInclude: string[];
  /** []. HTTP route globs to skip. */
  httpExclude: string[];
  /** 100. Sequences generated per route. */
  maxExamples: number;
  /** 10. Messages per sequence, at most. */
  maxMessages: number;
  /** 3. Clients of a multi-client script, at most (1: no scripts). */
  maxClients: number;
  /** 5. Distinct failures (by signature) reported per route, each shrunk on its own. */
  maxFailures: number;
  /** 30000. Connection (handshake) timeout, milliseconds. */
  connectionTimeoutMs: number;
  /** 10000. How long the server may owe us a pong, a close or a reply, milliseconds. */
  messageTimeoutMs: number;
  /** 65536. Largest generated message, in bytes. */
  maxMessageSize: number;
  /** [1000, 1001]. Close codes our client ends sequences with. */
  testCloseCodes: number[];
  /** false. Offer subprotocols and validate the server's choice. */
  validateSubprotocols: boolean;
  /** []. Route globs to test (empty: all). */
  include: string[];
  /** []. Route globs to skip. */
  exclude: string[];
  /** random. Seed of the whole run; the same seed replays the same run. */
  seed: number;
  /** unset. `bearer:TOKEN`, `header:NAME:VALUE` or `query:NAME:VALUE` ($VAR expanded); never printed. */
  auth?: string;
  /** []. `NAME:VALUE` headers sent with every handshake ($VAR expanded); values never printed. */
  headers: string[];
  /** []. `NAME=VALUE` cookies sent with every handshake ($VAR expanded); values never printed. */
  cookies: string[];
  /** []. `NAME=VALUE` query parameters added to every handshake ($VAR expanded); values never printed. */
  query: string[];
  /** []. Messages sent at the start of every connection, in order, each waiting for an answer (JSON when it parses, else text). */
  prelude: string[];
  /** ['text', 'json', 'bytes']. The kinds of generated messages. */
  messageKinds: MessageKindOption[];
  /** false. Print more (effective options, every route, stack traces of errors). */
  verbose: boolean;
  /** unset. Write the JSON report there. */
  reportJson?: string;
  /** unset. Write the self-contained HTML report there. */
  html?: string;
  /** unset. Write the JUnit XML report there (one testcase per route). */
  junit?: string;
  /** unset. `I/N`: test only the routes of shard I of N (by a stable hash of the route template). */
  shard?: string;
  /** unset. Write every failure there as a node:test file replaying it through the Conductor. */
  exportTests?: string;
  /** []. Subprotocol offers per route glob; without a rule, routes get generated offers when validateSubprotocols is on. */
  subprotocols: SubprotocolRule[];
  /** []. Route globs to test as GraphQL over WebSocket besides those detected by subprotocol. */
  graphql: string[];
  /** []. Modules loaded before the run (they call registerMessageStrategy). */
  setup: string[];
  /** []. Per-route overrides. */
  routeOverrides: RouteOverride[];
  /** unset. The config file given with --config (else found in cwd). */
  config?: string;
  /**
   * unset: adaptive. Connections open at once across the run (routes always run side by
   * side). Unset, the budget starts at 8 and grows (to 64) while the server answers at the
   * same latency, backing off when latency rises with load; a number fixes it.
   */
  concurrency?: number;
  /** [] (all). The checks run (names of the checks registry); --checks. */
  checks: string[];
  /** []. Checks left out; --exclude-checks. */
  excludeChecks: string[];
  /** false. --list-checks (command line only): list the checks instead of running. */
  listChecks: boolean;
  /** 30000. Time spent shrinking one failure before the smallest found so far is reported, ms. */
  shrinkTimeMs: number;
  /** Where the options came from, for the reproduce line (e.g. the argv spelling of --app). */
  cwd: string;
}

/** The default of every option that has one (declared with the option in `option-table.ts`). */
export const DEFAULTS = OPTION_DEFAULTS;

/** A fresh random 31-bit seed, printed with every run so it can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** Options with defaults filled in; for the library and tests. */
export function resolveOptions(partial: Partial<Options> = {}): Options {
  return Object.freeze({
    ...DEFAULTS,
    seed: randomSeed(),
    cwd: process.cwd(),
    ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
  }) as Options;
}
