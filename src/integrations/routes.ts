/**
 * The core every runner integration shares: one wsroutes run per test file, with the
 * options resolved as the CLI resolves them (config file found in `cwd`, then defaults);
 * the options a test file passes are the config file's keys (`config/code-options.ts`).
 * The routes are known once the target is up (RunHooks.onStart), so a spec file awaits
 * them at its top level and registers one test per route; each test awaits the run and
 * throws the route's failure blocks. The run stops its target itself when it ends.
 */
import { readCodeOptions } from '../config/code-options.js';
import type { Options } from '../config/options.js';
import type { WsroutesConfig } from '../config/user-config.js';
import { WsroutesError } from '../errors.js';
import { handshakeInputs } from '../execution/auth.js';
import { formatFailureBlock } from '../reporting/failure-block.js';
import { redactor, type Redact } from '../reporting/redact.js';
import type { RunResult } from '../run/results.js';
import { loadRunOptions } from '../run/load-run-options.js';
import { runWsroutes } from '../run/run.js';

/**
 * The config file's keys, with its names and units (`connectionTimeout` in seconds,
 * `routes`, `enabled`), over the config file found in `cwd` and the defaults; plus the
 * runner's own keys. An unknown key is an error.
 */
export interface WsroutesTestOptions extends WsroutesConfig {
  /** The config file, as --config (relative to `cwd`); default: the one found in `cwd`. */
  config?: string;
  /** process.cwd(). Where the config file is looked for and relative paths (app, setup) resolve. */
  cwd?: string;
  /** 300000. Timeout of each route test, milliseconds (the test runner's unit): a route test waits for the whole run. */
  timeout?: number;
}

/** The runner's own keys, beside the config keys. */
const RUNNER_KEYS = ['config', 'cwd', 'timeout'] as const;

/** The options as the CLI's values: checked against the option table, in Options units; throws CONFIG on an unknown or bad key. */
export async function runnerValues(options: WsroutesTestOptions): Promise<{ cwd: string; values: Partial<Options> }> {
  if (typeof options !== 'object' || options === null) throw new WsroutesError('CONFIG', 'testWsroutes takes an object of options');
  const cwd = options.cwd ?? process.cwd();
  const values = await readCodeOptions(options as Record<string, unknown>, { where: 'testWsroutes', own: RUNNER_KEYS }, cwd);
  return { cwd, values: options.config === undefined ? values : { ...values, config: options.config } };
}

/** What one route's test does: pass, skip with a reason, or throw a WsroutesRouteFailure with `message`. Plain data. */
export type Verdict = { status: 'passed' } | { status: 'skipped'; reason: string } | { status: 'failed'; message: string };

export interface RouteRun {
  /** The routes under test, in run order: WebSocket paths (`/ws/echo`, test `websocket /ws/echo`) and HTTP `METHOD /path` (test `http GET /items`). */
  routes: string[];
  /** The whole run's result (rejects if the run broke after the target was up). */
  result: Promise<RunResult>;
  /** The verdict of one route, once the run has ended; rejects if the run broke. */
  verdict(path: string): Promise<Verdict>;
  /** Resolves once the run has ended and its target is stopped; never rejects. */
  done(): Promise<void>;
}

export const DEFAULT_ROUTE_TIMEOUT_MS = 300_000;

/** An HTTP route goes by `METHOD /path` in a run's route list (`GET /items/{id}`); a WebSocket route by its path. */
const HTTP_KEY = /^[A-Z]+ \//;

/** The test name of a route: `websocket /ws/chat`, `http GET /items/{id}`. */
export function testName(path: string): string {
  return HTTP_KEY.test(path) ? `http ${path}` : `websocket ${path}`;
}

/** An Error whose message is the route's failure blocks and whose stack is only that (frames in wsroutes say nothing). */
export class WsroutesRouteFailure extends Error {
  override name = 'WsroutesRouteFailure';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/** Starts the run and resolves with its routes as soon as the target is up; rejects if it never comes up. */
export async function startRoutes(options: WsroutesTestOptions = {}): Promise<RouteRun> {
  const { cwd, values } = await runnerValues(options);
  const { options: resolved } = await loadRunOptions(values, cwd);
  // The failure blocks become test messages: no secret value may reach the runner's output.
  const redact = redactor(handshakeInputs(resolved).secrets);
  let onRoutes!: (routes: string[]) => void;
  const started = new Promise<string[]>((resolve) => (onRoutes = resolve));
  const result = runWsroutes(resolved, { onStart: ({ routes }) => onRoutes(routes) });
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  const routes = await Promise.race([started, result.then(() => started)]);
  return {
    routes,
    result,
    done: () => settled,
    verdict: async (path) => verdictOf(await result, path, redact),
  };
}

/** The verdict of route `path` in a finished run: the failure blocks, uncoloured, are the message. */
export function verdictOf(run: RunResult, path: string, redact: Redact = (s) => s): Verdict {
  const route = run.routes.find((r) => (r.kind === 'http' ? `${r.method} ${r.path}` : r.path) === path);
  if (!route) return { status: 'failed', message: `wsroutes: the run has no result for route ${path}` };
  if (route.status === 'skipped') return { status: 'skipped', reason: redact(route.skipReason ?? 'skipped by wsroutes') };
  if (route.status === 'passed') return { status: 'passed' };
  const shared = (route.sharedFailures ?? []).map((s) => `wsroutes: the same framework failure (${s.signature}) as on ${s.reportedOn}, reported there`);
  return { status: 'failed', message: redact([...route.failures.map((f) => formatFailureBlock(route, f, { color: false })), ...shared].join('\n\n')) };
}
