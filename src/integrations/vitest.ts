/**
 * wsroutes inside Vitest: `await testWsroutes({ app })` at the top of a spec file runs
 * wsroutes once and registers `websocket /path` per route, failing with the failure block.
 * `conductorTest({ app })` is `test` with a `conductor` fixture: a started Conductor, stopped after.
 */
import { afterAll, test } from 'vitest';
import { Conductor, type ConductorOptions } from '../conductor/conductor.js';
import type { RouteRun, WsroutesTestOptions } from './routes.js';
import { DEFAULT_ROUTE_TIMEOUT_MS, startRoutes, testName, WsroutesRouteFailure } from './routes.js';

export type { RouteRun, WsroutesTestOptions } from './routes.js';

/** Runs wsroutes once for this file and registers `websocket /path` per route (call with top-level await). */
export async function testWsroutes(options: WsroutesTestOptions = {}): Promise<RouteRun> {
  const run = await startRoutes(options);
  afterAll(() => run.done(), options.timeout ?? DEFAULT_ROUTE_TIMEOUT_MS);
  for (const path of run.routes) {
    test(testName(path), { timeout: options.timeout ?? DEFAULT_ROUTE_TIMEOUT_MS }, async (ctx) => {
      const verdict = await run.verdict(path);
      if (verdict.status === 'skipped') ctx.skip(verdict.reason);
      if (verdict.status === 'failed') throw new WsroutesRouteFailure(verdict.message);
    });
  }
  return run;
}

export interface ConductorFixtureOptions {
  /** 'test'. 'test': a fresh target per test; 'file': one target shared by the file's tests. */
  scope?: 'test' | 'file';
}

/** `test` extended with `conductor`: `Conductor.start(options)` before the test, `stop()` after it. */
export function conductorTest(options: ConductorOptions, fixture: ConductorFixtureOptions = {}) {
  return test.extend<{ conductor: Conductor }>({
    // Vitest reads the fixtures a function needs from its destructured first parameter: it must stay `{}`.
    conductor: [
      // biome-ignore lint/correctness/noEmptyPattern: Vitest's fixture API reads this pattern.
      async ({}, use) => {
        const conductor = await Conductor.start(options);
        try {
          await use(conductor);
        } finally {
          await conductor.stop();
        }
      },
      { scope: fixture.scope ?? 'test' },
    ],
  });
}
