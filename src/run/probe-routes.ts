/**
 * Discovery by probing: when the target lists no WebSocket route (an unknown framework, a
 * server that routes upgrades itself, a raw ASGI callable) and `--ws-include` names no
 * literal path, the paths the app's own source names (targets/app-sources.ts,
 * discovery/candidate-paths.ts) are each tried with a real handshake; those the server
 * upgrades (101) are its routes, `discoveredBy: "probe"`.
 *
 * A server may upgrade any path (a `ws` server without `path`, an ASGI callable that never
 * looks at it): one handshake to a path nobody wrote tells. Then each candidate would pass
 * for a route, so the routes are `/` and the first few literal paths of the source
 * (an app that accepts everything may still behave by path), not every string that
 * looks like one.
 */
import { randomBytes } from 'node:crypto';
import type { Options } from '../config/options.js';
import { candidatePaths, type CandidatePath } from '../discovery/candidate-paths.js';
import type { Route } from '../discovery/route.js';
import { foundBy, websocketRoute } from '../discovery/route.js';
import type { AuthParts } from '../execution/auth.js';
import type { Pool } from '../execution/pool.js';
import { appSourceTexts } from '../targets/app-sources.js';
import type { Target } from '../targets/target.js';
import { sequenceRunner } from './judged-runners.js';

/** Routes kept for a server that upgrades any path: `/` and at most this many of the source's. */
const ANY_PATH_ROUTES = 10;

/** The app's routes found by handshakes to the paths its source names; none without source. */
export async function probedRoutes(target: Target, options: Options, auth: AuthParts, pool: Pool): Promise<Route[]> {
  const candidates = candidatePaths(appSourceTexts(options));
  if (!candidates.length) return [];
  // A short connection timeout: a path that is no route answers at once; one that hangs is none either.
  const probeOptions: Options = { ...options, connectionTimeoutMs: Math.min(options.connectionTimeoutMs, 5_000) };
  const upgrades = async (path: string): Promise<boolean> => {
    const run = sequenceRunner(websocketRoute(path, []), target, probeOptions, auth, pool);
    const { transcript } = await run({ params: {}, messages: [], closeCode: 1000 });
    return transcript.handshake.outcome === 'accepted';
  };
  const nobodyWrote = `/wsroutes-probe-${randomBytes(6).toString('hex')}`;
  if (await upgrades(nobodyWrote)) {
    const literal = withoutTwins(candidates.filter((c) => c.template === c.probe && c.template !== '/')).slice(0, ANY_PATH_ROUTES);
    return foundBy([websocketRoute('/'), ...literal.map((c) => websocketRoute(c.template))], 'probe');
  }
  const accepted = await Promise.all(candidates.map(async (c) => ((await upgrades(c.probe)) ? c : undefined)));
  return foundBy(
    withoutTwins(accepted.filter((c): c is CandidatePath => c !== undefined)).map((c) => websocketRoute(c.template)),
    'probe',
  );
}

/** `/x` and `/x/` both upgraded: one route (the form the source wrote first). */
function withoutTwins(candidates: CandidatePath[]): CandidatePath[] {
  const kept: CandidatePath[] = [];
  const stem = (t: string): string => (t.length > 1 ? t.replace(/\/$/, '') : t);
  for (const c of candidates) if (!kept.some((k) => stem(k.template) === stem(c.template))) kept.push(c);
  return kept;
}
