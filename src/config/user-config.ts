/**
 * What a user writes in `wsroutes.config.ts|mts|js|mjs|json` or under `"wsroutes"` in
 * package.json: every key optional, camelCase, timeouts in seconds as on the command
 * line. The same keys, with the same units, are the options of the runner integrations
 * (`wsroutes/vitest`, ...) and, where they apply, of the Conductor. Each key is declared in
 * `option-table.ts`; `to-options.ts` turns a config into Options. Each doc starts with the default.
 */
import type { MessageKindOption } from './options.js';

/** A JSON value, as in a prelude message. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Per-route override: the last entry whose glob matches a route wins. */
export interface RouteOverrideConfig {
  /** Route glob, as in `include`. */
  pattern: string;
  /** The run's maxExamples. Sequences for the matching routes. */
  maxExamples?: number;
  /** false. Leave the matching routes out. */
  skip?: boolean;
}

/** Subprotocols offered on the routes matching `route` when validateSubprotocols is on. */
export interface SubprotocolConfig {
  /** Route glob. */
  route: string;
  /** Offered in this order. */
  offer: string[];
  /** false. The server must select one of them. */
  required?: boolean;
}

export interface WsroutesConfig {
  /** unset. Node module `FILE[:EXPORT]` (relative to the config file) or Python app `module.path:attr`. */
  app?: string;
  /** unset. A running server (http:// or ws://). */
  url?: string;
  /** `$VIRTUAL_ENV`, `./.venv`, `python3`. Interpreter for Python apps (a path is relative to the config file). */
  python?: string;
  /** The config file's directory (cwd without a config file). Where Python imports the app from. */
  appDir?: string;
  /** true. Test WebSocket routes (pytest-routes' `[tool.pytest-routes.websocket] enabled`). */
  enabled?: boolean;
  /** false. Test HTTP routes too. */
  http?: boolean;
  /** unset. An OpenAPI document (file relative to the config file, URL, or a path on the running server). */
  openapi?: string;
  /** ["GET", "POST", "PUT", "PATCH", "DELETE"]. HTTP methods tested. */
  methods?: string[];
  /** true. A 5xx answer is a failure. */
  failOn5xx?: boolean;
  /** [] (any). HTTP statuses that pass; when given, any other status is a failure. */
  allowedStatusCodes?: number[];
  /** false. Check JSON response bodies against their declared schemas. */
  validateResponses?: boolean;
  /** []. pytest-routes' response validator names: accepted, no effect. */
  responseValidators?: string[];
  /** [] (all). HTTP route globs to test. */
  httpInclude?: string[];
  /** []. HTTP route globs to skip. */
  httpExclude?: string[];
  /** 100. Sequences generated per route. */
  maxExamples?: number;
  /** 10. Messages per sequence, at most. */
  maxMessages?: number;
  /** 3. Clients of a multi-client script, at most, 1 to 10 (1: one client at a time). */
  maxClients?: number;
  /** 5. Distinct failures reported per route. */
  maxFailures?: number;
  /** 30. Connection (handshake) timeout, seconds. */
  connectionTimeout?: number;
  /** 10. How long the server may owe a pong, a close or a reply, seconds. */
  messageTimeout?: number;
  /** 65536. Largest generated message, bytes. */
  maxMessageSize?: number;
  /** [1000, 1001]. Close codes our client ends sequences with. */
  testCloseCodes?: number[];
  /** false. Offer subprotocols and validate the server's choice. */
  validateSubprotocols?: boolean;
  /** [] (all). Route globs to test. */
  include?: string[];
  /** []. Route globs to skip. */
  exclude?: string[];
  /** random. Seed of the whole run. */
  seed?: number;
  /** unset. `bearer:TOKEN`, `header:NAME:VALUE` or `query:NAME:VALUE`; write `$VAR` to keep the secret out of the file. */
  auth?: string;
  /** []. `NAME:VALUE` headers sent with every handshake; write `$VAR` to keep the secret out of the file. */
  headers?: string[];
  /** []. `NAME=VALUE` cookies sent with every handshake; write `$VAR` to keep the secret out of the file. */
  cookies?: string[];
  /** []. `NAME=VALUE` query parameters added to every handshake; write `$VAR` to keep the secret out of the file. */
  query?: string[];
  /** []. Messages sent first on every connection, in order (a login step): a string (JSON when it parses, else text), or a JSON object or array. */
  prelude?: Array<string | Record<string, JsonValue> | JsonValue[]>;
  /** ["text", "json", "bytes"]. Kinds of generated messages. */
  messageKinds?: MessageKindOption[];
  /** [] (all). The checks to run, by name (the checks registry checks the names). */
  checks?: string[];
  /** []. Checks not to run. */
  excludeChecks?: string[];
  /** false. Print the effective configuration, every route and full error traces. */
  verbose?: boolean;
  /** unset. Write the JSON report there (relative to the config file). */
  reportJson?: string;
  /** unset. Write the self-contained HTML report there (relative to the config file). */
  html?: string;
  /** unset. Write the JUnit XML report there (relative to the config file). */
  junit?: string;
  /** unset. `"I/N"`: test only shard I of N of the routes (a stable hash of the route template). */
  shard?: string;
  /** unset. Write every failure as a node:test file in this folder (relative to the config file). */
  exportTests?: string;
  /** unset: adaptive (8 growing to 64 while latency stays flat). Connections open at once across the run; a number fixes it. */
  concurrency?: number;
  /** []. Subprotocol offers per route glob. */
  subprotocols?: SubprotocolConfig[];
  /** []. Route globs tested as GraphQL over WebSocket. */
  graphql?: string[];
  /** []. Modules loaded before the run, relative to the config file (they call registerMessageStrategy). */
  setup?: string[];
  /** []. Per-route overrides. */
  routes?: RouteOverrideConfig[];
}

/** Types a config file: `export default defineConfig({ ... })`. Returns its argument. */
export function defineConfig(config: WsroutesConfig): WsroutesConfig {
  return config;
}
