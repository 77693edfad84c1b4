/**
 * User strategies: `registerMessageStrategy(routeGlob, kind, arbitrary)`, called from
 * a setup module (`--setup FILE`). On a route matching at least one registered glob,
 * messages are drawn from the registered arbitraries only, one kind per registration
 * (a route with only a `json` strategy gets only those JSON values): the user is
 * describing the route's protocol, and random frames beside it would hide the bugs
 * the strategy is meant to reach. For one kind, the last matching registration wins.
 *
 * The registry lives on `globalThis` under a `Symbol.for` key: a setup module imports
 * `wsroutes` by package name, which may be another copy of this file than the one the
 * run uses (the built package vs. sources under a test runner), and both must agree.
 */
import type fc from 'fast-check';
import { globMatch } from '../discovery/filter.js';
import { WsroutesError } from '../errors.js';
import type { MessageKind } from './message.js';

/** What a strategy of each kind must generate. */
export interface StrategyValues {
  text: string;
  json: unknown;
  bytes: Uint8Array;
}

export type RouteStrategies = { [K in MessageKind]?: fc.Arbitrary<StrategyValues[K]> };

interface Registration {
  routeGlob: string;
  kind: MessageKind;
  arbitrary: fc.Arbitrary<unknown>;
}

const KEY = Symbol.for('wsroutes.messageStrategies');
const registry = (): Registration[] => ((globalThis as Record<symbol, Registration[] | undefined>)[KEY] ??= []);

const KINDS: readonly MessageKind[] = ['text', 'json', 'bytes'];

/** Messages of `kind` on routes matching `routeGlob` (a template or a glob, `*` crossing `/` as in fnmatch) come from `arbitrary`. */
export function registerMessageStrategy<K extends MessageKind>(routeGlob: string, kind: K, arbitrary: fc.Arbitrary<StrategyValues[K]>): void {
  if (typeof routeGlob !== 'string' || routeGlob === '') {
    throw new WsroutesError('USAGE', 'registerMessageStrategy: the route glob must be a non-empty string such as "/ws/chat" or "/ws/*"');
  }
  if (!KINDS.includes(kind)) {
    throw new WsroutesError('USAGE', `registerMessageStrategy: unknown kind "${String(kind)}" (use text, json or bytes)`);
  }
  const arb = arbitrary as unknown as { generate?: unknown; shrink?: unknown } | null;
  if (!arb || typeof arb.generate !== 'function' || typeof arb.shrink !== 'function') {
    throw new WsroutesError(
      'USAGE',
      `registerMessageStrategy("${routeGlob}", "${kind}"): the strategy must be a fast-check arbitrary (fc.record(...), fc.string(), ...)`,
    );
  }
  registry().push({ routeGlob, kind, arbitrary: arbitrary as fc.Arbitrary<unknown> });
}

/** Forgets every registered strategy (tests, and runs that load other setup modules). */
export function clearMessageStrategies(): void {
  registry().length = 0;
}

/** The strategies that apply to a route template, by kind; undefined when none does (defaults apply). */
export function strategiesFor(routePath: string): RouteStrategies | undefined {
  const found: Partial<Record<MessageKind, fc.Arbitrary<unknown>>> = {};
  for (const r of registry()) if (globMatch(r.routeGlob, routePath)) found[r.kind] = r.arbitrary;
  return Object.keys(found).length ? (found as RouteStrategies) : undefined;
}
