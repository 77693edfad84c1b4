/**
 * The contract between the one route runner (`route-runner.ts`) and a kind of route
 * (`kinds/websocket.ts`, `kinds/http.ts`). The runner owns what every kind shares:
 * per-route overrides, the examples budget through the run's pool, the counts, the
 * shrink of each distinct failure, its replay on a fresh server (alone, or after the
 * earlier examples it needs, of any kind), the re-shrink on fresh instances when the
 * live server's state misled it, and the report fields every failure has. A kind says
 * how its examples are drawn, run, counted, shrunk further, described and reproduced.
 * A new kind (an AsyncAPI operation, a mixed HTTP-and-WebSocket script) is one file
 * implementing `RouteKind`, listed in `kinds/index.ts`.
 */
import type fc from 'fast-check';
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import type { AuthParts } from '../execution/auth.js';
import type { Pool } from '../execution/pool.js';
import type { LoggedExample, RunLog } from '../execution/run-log.js';
import type { FreshVerdict } from '../shrinking/fresh-replay.js';
import type { Exploration, Outcome, OutcomeFacts, Runner, Shrunk } from '../shrinking/property.js';
import type { Target } from '../targets/target.js';
import type { FailureResult, HistoryEntry, RouteResult } from './results.js';

/** Examples explored, and messages (requests) and connections over exploration and shrinking. */
export interface Counters {
  sequences: number;
  messagesSent: number;
  connections: number;
}

export interface RouteDeps {
  target: Target;
  options: Options;
  auth: AuthParts;
  pool: Pool;
  /** Every example of the run, of every kind, in start order: the history a failure may depend on. */
  log: RunLog;
  /** Bounds the fresh instances of the app started at once (each replay starts one). */
  freshStarts: Pool;
  /** Live counters, shared with the progress line. */
  counters: Counters;
}

/** What one example sent and reached, for the route's counts. */
export interface ExampleCount {
  messages: number;
  connections: number;
}

/** The report fields a kind gives a failure; the runner adds signature, seed, path, shrinks, history, flaky, uncaught and reproduce. */
export type FailureFacts = Omit<
  FailureResult,
  'signature' | 'seed' | 'path' | 'shrinks' | 'shrinkTimedOut' | 'reproduce' | 'history' | 'flaky' | 'hint' | 'uncaught'
> & {
  hint?: string;
};

/** One route of a kind, ready to test. */
export interface RouteSession<E extends object, O extends Outcome> {
  /** How outcomes are told apart, charged to the pool, and whether they opened a protocol. */
  facts: OutcomeFacts<O>;
  /** The route's arbitrary in force (a kind may switch it during `explore`). */
  arbitrary(): fc.Arbitrary<E>;
  /** Runs an example on the live target (through the run's pool). */
  run: Runner<E, O>;
  /** Explores with `explore` (the runner's, wired to the pool, counts and log): once, or again with another arbitrary after `reset`. */
  explore(explore: (arb: fc.Arbitrary<E>) => Promise<Exploration<E, O>>, reset: () => void): Promise<Exploration<E, O>>;
  /** What an outcome counts for. */
  count(o: O): ExampleCount;
  /** Every outcome of the route, for the kind's own chart data. */
  observe?(o: O): void;
  /** Why a route that ran was not tested (every example refused), when it was not. */
  skipReason(exploration: Exploration<E, O>): string | undefined;
  /** A pass after fast-check's shrink, on the live server only (the WebSocket kind rewrites JSON as text). */
  polish?(shrunk: Shrunk<E, O>, deadline: number, tally: (o: O) => void): Promise<Shrunk<E, O>>;
  /** The failure as reported, from what the kind knows of it. */
  describe(shrunk: Shrunk<E, O>, fresh: FreshVerdict | undefined): FailureFacts;
  /** The route's own result fields (chart data). */
  extra?(): Partial<RouteResult>;
}

export interface RouteKind {
  readonly name: Route['kind'];
  /** The name a route goes by in progress lines, runner tests and its seed: `/ws/chat`, `GET /items/{id}`. */
  key(route: Route): string;
  /** The result fields that name the route, and what discovery found about it (a WebSocket route's events, literals, ...). */
  identity(route: Route): Pick<RouteResult, 'path' | 'kind' | 'method' | 'protocol' | 'events' | 'acks' | 'literals' | 'discoveredBy'>;
  open(route: Route, deps: RouteDeps, seed: number): Promise<RouteSession<object, Outcome>>;
  /** A runner of this kind's examples on another instance of the app, one at a time (fresh-server replays). */
  runnerOn(target: Target, route: Route, deps: RouteDeps): Runner<object, Outcome>;
  /** What an example's connections sent, for the run's log (none: it never reached the server). */
  connections(o: Outcome): LoggedExample['connections'];
  /** The connections a logged example of this kind made, as a failure's history shows them. */
  history(e: LoggedExample): HistoryEntry[];
  /** The flags that name the route in the reproduce line (in place of a WebSocket route's `--ws-include PATH`). */
  reproduceArgs(route: Route, options: Options): string[];
}

/** A kind's session or runner with its example and outcome types erased, as the runner holds them (the kind alone knows them). */
export function erased<E extends object, O extends Outcome>(session: RouteSession<E, O>): RouteSession<object, Outcome> {
  return session as unknown as RouteSession<object, Outcome>;
}

export function erasedRunner<E extends object, O extends Outcome>(run: Runner<E, O>): Runner<object, Outcome> {
  return run as unknown as Runner<object, Outcome>;
}
