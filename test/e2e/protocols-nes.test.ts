/**
 * @hapi/nes against test/apps/node/nes-app.ts (nes' README server, started at import):
 * detected by the hello it answers, the planted `onMessage` TypeError found after a hello
 * (nes rethrows a TypeError out of its message listener: it would end the process), and the
 * correct request and subscription messages answered without a failure (their 4xx replies,
 * for made-up paths, are answers).
 */
import { expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';

test("nes: detected; the onMessage crash is found after a hello; nes' own 4xx answers are not failures", async () => {
  const result = await runWsroutes(resolveOptions({ app: 'test/apps/node/nes-app.ts', maxExamples: 60, maxMessages: 4, seed: 2, maxFailures: 10 }));
  const route = result.routes.find((r) => r.path === '/')!;
  expect(route.status).toBe('failed');
  const planted = route.failures.find((f) => f.serverTrace?.includes('test/apps/node/nes-app.ts'));
  expect(planted, route.failures.map((f) => f.message).join('\n')).toBeDefined();
  expect(planted!.errorType).toBe('server_error');
  expect(planted!.message).toMatch(/TypeError: Cannot (read properties of (undefined|null) \(reading 'trim'\)|destructure property 'text')/);
  expect(planted!.sequence).toHaveLength(2);
  expect(planted!.sequence[0]).toMatchObject({ type: 'json', data: { type: 'hello', version: '2' } });
  expect(planted!.sequence[1]).toMatchObject({ type: 'json', data: { type: 'message' } });
  // Every other failure is nes' own (a TypeError it rethrows from its socket), none an answer it gave.
  for (const f of route.failures.filter((x) => x !== planted)) {
    expect(f.serverTrace).toContain('@hapi/nes/lib/socket.js');
    expect(f.serverTrace).not.toContain('nes-app.ts');
  }
}, 60_000);
