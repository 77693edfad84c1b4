/**
 * The complete, resolved options of a run. Everything after `config/` reads this
 * frozen object; nothing else reads argv or files. Each field's doc starts with its default.
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

/** A kind of generated message (as `generation/message.ts` MessageKind). */
export type MessageKindOption = 'text' | 'json' | 'bytes';
export const MESSAGE_KINDS: readonly MessageKindOption[] = ['text', 'json', 'bytes'];

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
  /** 30000. Time spent shrinking one failure before the smallest found so far is reported, ms. */
  shrinkTimeMs: number;
  /** Where the options came from, for the reproduce line (e.g. the argv spelling of --app). */
  cwd: string;
}

/** The longest timeout a user may set, seconds: a day (Node timers overflow past 2^31 ms, about 24.8 days). */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** The most clients of one multi-client script. */
export const MAX_CLIENTS = 10;

/** The most connections a run may hold open at once. */
export const MAX_CONCURRENCY = 1000;

export const DEFAULTS = {
  websocket: true,
  http: false,
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  failOn5xx: true,
  allowedStatusCodes: [] as number[],
  validateResponses: false,
  responseValidators: [] as string[],
  httpInclude: [] as string[],
  httpExclude: [] as string[],
  maxExamples: 100,
  maxMessages: 10,
  maxClients: 3,
  maxFailures: 5,
  connectionTimeoutMs: 30_000,
  messageTimeoutMs: 10_000,
  maxMessageSize: 65_536,
  testCloseCodes: [1000, 1001],
  validateSubprotocols: false,
  include: [] as string[],
  exclude: [] as string[],
  headers: [] as string[],
  cookies: [] as string[],
  query: [] as string[],
  prelude: [] as string[],
  messageKinds: [...MESSAGE_KINDS] as MessageKindOption[],
  verbose: false,
  shrinkTimeMs: 30_000,
  subprotocols: [] as SubprotocolRule[],
  graphql: [] as string[],
  setup: [] as string[],
  routeOverrides: [] as RouteOverride[],
} satisfies Partial<Options>;

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
