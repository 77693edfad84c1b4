/**
 * A WsroutesConfig in the units and names of `Options`: seconds become milliseconds,
 * `enabled` is `websocket`, `routes` is `routeOverrides`, and every path is resolved
 * against the config file's directory (then shown relative to the cwd when inside it).
 */
import { resolve } from 'node:path';
import { isNodeSpec, mapNodeSpecFile } from './app-spec.js';
import { displayPath } from './display-path.js';
import type { Options } from './options.js';
import type { WsroutesConfig } from './user-config.js';
import { toSubprotocolRule } from './user-config.js';

export interface ConfigPlace {
  /** The config file's directory. */
  dir: string;
  cwd: string;
}

const ms = (seconds: number): number => Math.max(1, Math.round(seconds * 1000));

export function configToOptions(c: WsroutesConfig, place: ConfigPlace): Partial<Options> {
  const path = (p: string): string => displayPath(resolve(place.dir, p), place.cwd);
  const o: Partial<Options> = {
    url: c.url,
    websocket: c.enabled,
    http: c.http,
    // A path on the running server (`/openapi.json`) stays as written; a file is relative to the config file.
    openapi: c.openapi === undefined || /^https?:\/\//i.test(c.openapi) || c.openapi.startsWith('/') ? c.openapi : path(c.openapi),
    methods: c.methods?.map((m) => m.toUpperCase()),
    failOn5xx: c.failOn5xx,
    allowedStatusCodes: c.allowedStatusCodes,
    validateResponses: c.validateResponses,
    responseValidators: c.responseValidators,
    httpInclude: c.httpInclude,
    httpExclude: c.httpExclude,
    maxExamples: c.maxExamples,
    maxMessages: c.maxMessages,
    maxClients: c.maxClients,
    maxFailures: c.maxFailures,
    connectionTimeoutMs: c.connectionTimeout === undefined ? undefined : ms(c.connectionTimeout),
    messageTimeoutMs: c.messageTimeout === undefined ? undefined : ms(c.messageTimeout),
    maxMessageSize: c.maxMessageSize,
    testCloseCodes: c.testCloseCodes,
    validateSubprotocols: c.validateSubprotocols,
    include: c.include,
    exclude: c.exclude,
    seed: c.seed,
    auth: c.auth,
    headers: c.headers,
    cookies: c.cookies,
    query: c.query,
    prelude: c.prelude?.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))),
    messageKinds: c.messageKinds,
    verbose: c.verbose,
    concurrency: c.concurrency,
    graphql: c.graphql,
    subprotocols: c.subprotocols?.map(toSubprotocolRule),
    routeOverrides: c.routes?.map((r) => ({ ...r })),
    setup: c.setup?.map(path),
    reportJson: c.reportJson === undefined ? undefined : path(c.reportJson),
    html: c.html === undefined ? undefined : path(c.html),
    junit: c.junit === undefined ? undefined : path(c.junit),
    exportTests: c.exportTests === undefined ? undefined : path(c.exportTests),
    shard: c.shard,
    appDir: c.appDir === undefined ? undefined : path(c.appDir),
    // A bare interpreter name ("python3") is looked up on PATH, not next to the config.
    python: c.python === undefined ? undefined : /[\\/]/.test(c.python) ? path(c.python) : c.python,
  };
  if (c.app !== undefined) {
    if (isNodeSpec(c.app)) {
      o.app = mapNodeSpecFile(c.app, path);
    } else {
      o.app = c.app;
      // A Python module path is relative to the config file too: Python imports it from there.
      if (c.appDir === undefined && resolve(place.dir) !== resolve(place.cwd)) o.appDir = displayPath(resolve(place.dir), place.cwd);
    }
  }
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<Options>;
}
