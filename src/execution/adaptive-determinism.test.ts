/**
 * The same seed gives the same verdicts whatever the budget: one buggy app (two
 * distinct failures on /ws/orders, a NUL-byte crash on /ws/sanitize in another app)
 * run at --concurrency 3, at --concurrency 6 and adaptive (no --concurrency), with the
 * failures' signatures, shrunk sequences and the sequence counts compared. (Below 3 the
 * run draws other examples on purpose: a script never has more clients than the budget.)
 */
import { describe, expect, test } from 'vitest';
import { resolveOptions, type Options } from '../config/options.js';
import { runWsroutes } from '../run/run.js';

/** What must not depend on the budget: per route, its status, count and every failure's signature and sequence. */
async function verdicts(app: string, include: string[], concurrency: number | undefined): Promise<unknown> {
  const options: Partial<Options> = { app, include, maxExamples: 40, maxMessages: 6, seed: 20261202, shrinkTimeMs: 120_000 };
  const result = await runWsroutes(resolveOptions(concurrency === undefined ? options : { ...options, concurrency }));
  return result.routes.map((r) => ({
    path: r.path,
    status: r.status,
    sequences: r.sequences,
    // The app is loaded once per run here, in one process: its module URL carries a load counter.
    failures: r.failures.map((f) => ({
      signature: f.signature?.replace(/\?wsroutes-load=\d+/, ''),
      errorType: f.errorType,
      messageIndex: f.messageIndex,
      sequence: f.sequence,
      script: f.script,
    })),
  }));
}

describe('determinism across budgets', () => {
  test.each([
    ['test/apps/node/every-bug/orders-app.ts', ['/ws/orders']],
    ['test/apps/node/ws-app.ts', ['/ws/sanitize']],
  ])('%s: fixed 3, fixed 6 and adaptive give the same failures', async (app, include) => {
    const three = await verdicts(app, include, 3);
    expect(three).toMatchObject([{ status: 'failed' }]);
    expect(await verdicts(app, include, 6)).toEqual(three);
    expect(await verdicts(app, include, undefined)).toEqual(three);
  });
});
