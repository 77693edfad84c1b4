/**
 * tRPC over WebSocket against test/apps/node/trpc/server.ts (the tRPC docs' applyWSSHandler
 * server, started at import): detected by its NOT_FOUND answer, procedures read from the
 * router's source, the planted `user.domain` TypeError found (an INTERNAL_SERVER_ERROR that
 * onError logs), and the correct procedures' handled errors (BAD_REQUEST for bad input,
 * NOT_FOUND, duplicate subscription ids), logged by the same onError, not reported.
 */
import { expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';

test('tRPC: detected, the user.domain TypeError found and shrunk; bad input to correct procedures is an answer', async () => {
  const result = await runWsroutes(resolveOptions({ app: 'test/apps/node/trpc/server.ts', maxExamples: 60, maxMessages: 5, seed: 2, maxFailures: 5 }));
  const route = result.routes.find((r) => r.path === '/')!;
  expect(route.status).toBe('failed');
  // One failure: the planted bug; no handled error (BAD_REQUEST, NOT_FOUND, duplicate id) is reported.
  expect(route.failures.map((f) => f.message)).toEqual(["Server raised: TypeError: Cannot read properties of undefined (reading 'toLowerCase')"]);
  const f = route.failures[0]!;
  expect(f.errorType).toBe('server_error');
  expect(f.serverTrace).toContain('test/apps/node/trpc/router.ts');
  expect(f.sequence).toHaveLength(1);
  expect(f.sequence[0]).toMatchObject({ type: 'json', data: { method: 'query', params: { path: 'user.domain', input: expect.any(String) } } });
  expect(route.connections).toBeGreaterThanOrEqual(60);
}, 60_000);
