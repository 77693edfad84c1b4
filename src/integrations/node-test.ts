/**
 * wsroutes inside node:test: `await testWsroutes({ app })` at the top of a spec file runs
 * wsroutes once and registers `websocket /path` per route, failing with the failure block.
 */
import { after, test } from 'node:test';
import type { RouteRun, WsroutesTestOptions } from './routes.js';
import { DEFAULT_ROUTE_TIMEOUT_MS, startRoutes, testName, WsroutesRouteFailure } from './routes.js';

export type { RouteRun, WsroutesTestOptions } from './routes.js';

/** Runs wsroutes once for this file and registers `websocket /path` per route (call with top-level await). */
export async function testWsroutes(options: WsroutesTestOptions = {}): Promise<RouteRun> {
  const run = await startRoutes(options);
  after(() => run.done());
  for (const path of run.routes) {
    test(testName(path), { timeout: options.timeout ?? DEFAULT_ROUTE_TIMEOUT_MS }, async (t) => {
      const verdict = await run.verdict(path);
      if (verdict.status === 'skipped') t.skip(verdict.reason);
      if (verdict.status === 'failed') throw new WsroutesRouteFailure(verdict.message);
    });
  }
  return run;
}
