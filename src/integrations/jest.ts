/**
 * wsroutes inside Jest: `await testWsroutes({ app })` at the top of an ESM spec file
 * (Jest's `--experimental-vm-modules`, for the top-level await) runs wsroutes once and
 * registers `websocket /path` per route, failing with the failure block. Jest cannot
 * skip a test once it runs, so a route wsroutes skipped passes. The run goes in a child
 * process (child-routes.ts): Jest's module sandbox cannot load a .ts app.
 * Jest's injected globals are read rather than imported so Jest is no import-time dependency.
 */
import { WsroutesError } from '../errors.js';
import type { RouteRun, WsroutesTestOptions } from './routes.js';
import { startRoutesInChild } from './child-routes.js';
import { DEFAULT_ROUTE_TIMEOUT_MS, testName, WsroutesRouteFailure } from './routes.js';

export type { RouteRun, WsroutesTestOptions } from './routes.js';

interface JestGlobals {
  test(name: string, fn: () => Promise<void>, timeout?: number): void;
  afterAll(fn: () => Promise<void>, timeout?: number): void;
}

/** Runs wsroutes once for this file and registers `websocket /path` per route (call with top-level await). */
export async function testWsroutes(options: WsroutesTestOptions = {}): Promise<RouteRun> {
  const { test, afterAll } = globalThis as unknown as Partial<JestGlobals>;
  if (!test || !afterAll)
    throw new WsroutesError('USAGE', 'wsroutes/jest: the Jest globals test and afterAll are missing: run this file with Jest, with injectGlobals on');
  const timeout = options.timeout ?? DEFAULT_ROUTE_TIMEOUT_MS;
  const run = await startRoutesInChild(options);
  afterAll(() => run.done(), timeout);
  for (const path of run.routes) {
    test(
      testName(path),
      async () => {
        const verdict = await run.verdict(path);
        if (verdict.status === 'failed') throw new WsroutesRouteFailure(verdict.message);
      },
      timeout,
    );
  }
  return run;
}
