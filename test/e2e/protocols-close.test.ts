/**
 * Our close handshake (test_close_codes) against test/apps/node/protocols-close-app.ts,
 * a hand-rolled server, through the library entry: a server that never answers our
 * close, or answers 1001 with 1002, is a shutdown_error; a correct one passes; and
 * every listed code is used (the strict route passes only when 1000 is the one code).
 */
import { describe, expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';
import type { Options, RouteResult } from '../../src/index.js';

const ROUTES = ['/ws/close-ok', '/ws/close-ignored', '/ws/close-strict'];

async function run(extra: Partial<Options>): Promise<Map<string, RouteResult>> {
  const result = await runWsroutes(
    resolveOptions({
      app: 'test/apps/node/protocols-close-app.ts',
      include: ROUTES,
      maxExamples: 10,
      maxMessages: 2,
      messageTimeoutMs: 300,
      seed: 2,
      ...extra,
    }),
  );
  return new Map(result.routes.map((r) => [r.path, r]));
}

describe('close handshake', () => {
  test('default codes [1000, 1001]: unanswered and wrongly answered closes are shutdown_errors', async () => {
    const routes = await run({});
    expect(routes.get('/ws/close-ok')?.status).toBe('passed');

    const ignored = routes.get('/ws/close-ignored')!;
    expect(ignored.status).toBe('failed');
    expect(ignored.failures[0]).toMatchObject({
      errorType: 'shutdown_error',
      messageIndex: null,
      sequence: [{ type: 'text', data: '' }],
    });
    expect(ignored.failures[0]!.message).toMatch(/^Server did not complete the close handshake within 300 ms \(we sent 100[01]\)$/);

    const strict = routes.get('/ws/close-strict')!;
    expect(strict.status).toBe('failed');
    expect(strict.failures[0]!.message).toMatch(/^Server answered our close 100[01] with 1002 \(protocol error\)$/);
    expect(strict.failures[0]).toMatchObject({
      errorType: 'shutdown_error',
      closeCode: 1002,
      messageIndex: null,
      sequence: [{ type: 'text', data: '' }],
    });
  });

  test('each listed code is used: with [1000] alone the strict server passes, with [4000] it fails on 4000', async () => {
    const only1000 = await run({ testCloseCodes: [1000], include: ['/ws/close-strict'] });
    expect(only1000.get('/ws/close-strict')?.status).toBe('passed');
    const only4000 = await run({ testCloseCodes: [4000], include: ['/ws/close-strict', '/ws/close-ok'] });
    expect(only4000.get('/ws/close-strict')?.failures[0]?.message).toBe('Server answered our close 4000 with 1002 (protocol error)');
    expect(only4000.get('/ws/close-ok')?.status).toBe('passed');
  });
});
