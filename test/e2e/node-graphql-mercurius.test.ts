/**
 * Mercurius with `subscription: true`, as its docs write it (test/apps/node/graphql-servers/
 * mercurius.ts): detected on the wire (it serves both GraphQL subprotocols and closes 1002 on
 * any other), its schema read from the app (it runs only subscriptions over the route, so
 * introspection there is refused with an error). The greeting's uncaught TypeError for a
 * subscriber without a channel is found; the correct twin passes.
 */
import { describe, expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';
import type { RouteResult } from '../../src/index.js';
import { badOperationAnswers } from './helpers/graphql-answers.js';

const APPS = 'test/apps/node/graphql-servers';

async function run(app: string, seed: number): Promise<RouteResult[]> {
  const result = await runWsroutes(resolveOptions({ app: `${APPS}/${app}`, maxExamples: 100, maxMessages: 6, seed }));
  return result.routes;
}

describe('Mercurius subscriptions, as its docs write them', () => {
  test('the greeting bug is found after [connection_init, subscribe notificationAdded without a channel]', async () => {
    const routes = await run('mercurius.ts', 1);
    expect(routes.map((r) => r.path)).toEqual(['/graphql']);
    const r = routes[0]!;
    expect(r.status).toBe('failed');
    const bug = r.failures.find((f) => /^server_error:TypeError:mercurius\.ts:\d+$/.test(f.signature ?? ''));
    expect(bug, r.failures.map((f) => f.signature).join(', ')).toBeDefined();
    expect(bug!.message).toMatch(/reading 'toUpperCase'/);
    expect(bug!.sequence).toHaveLength(2);
    const { payload } = bug!.sequence[1]!.data as { payload: { query: string } };
    expect(payload.query).toMatch(/^subscription\b.*\bnotificationAdded\b/);
    expect(payload.query).not.toContain('channel');
  });

  test('the correct twin passes, and it does answer bad operations with error messages (both subprotocols)', async () => {
    const routes = await run('mercurius-ok.ts', 1);
    expect(routes.map((r) => [r.path, r.status, r.failures[0]?.message])).toEqual([['/graphql', 'passed', undefined]]);
    for (const protocol of ['graphql-transport-ws', 'graphql-ws'] as const) {
      const answered = await badOperationAnswers(`${APPS}/mercurius-ok.ts`, '/graphql', protocol);
      expect(answered, protocol).toMatchObject({ handled: 2, closed: false, traces: [] });
    }
  });
});
