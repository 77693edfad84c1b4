/**
 * GraphQL Yoga with graphql-ws on `ws`, as Yoga's docs set it up (test/apps/node/
 * graphql-servers/yoga.ts): `createServer(yoga)` with a WebSocketServer attached at
 * `yoga.graphqlEndpoint`, found through the attached server; operations from the schema by
 * introspection over the route. The countdown's timer bug (an uncaught TypeError for
 * `from` above 3) is found; the correct twin passes, answering bad operations with errors.
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

describe('GraphQL Yoga with graphql-ws, as its docs set it up', () => {
  test('the countdown timer bug is found after [connection_init, subscribe countdown(from: > 3)]', async () => {
    const routes = await run('yoga.ts', 1);
    expect(routes.map((r) => r.path)).toEqual(['/graphql']);
    const r = routes[0]!;
    expect(r.status).toBe('failed');
    const bug = r.failures.find((f) => /^server_error:TypeError:yoga\.ts:\d+$/.test(f.signature ?? ''));
    expect(bug, r.failures.map((f) => f.signature).join(', ')).toBeDefined();
    expect(bug!.message).toMatch(/Cannot read properties of undefined \(reading 'toUpperCase'\)/);
    expect(bug!.sequence).toHaveLength(2);
    expect(bug!.sequence[0]!.data).toMatchObject({ type: 'connection_init' });
    const { payload } = bug!.sequence[1]!.data as { payload: { query: string; variables?: { from?: number } } };
    // A real field of the schema, with an argument of its type above the table's end.
    const from = Number(/countdown\(from: (-?\d+)\)/.exec(payload.query)?.[1] ?? payload.variables?.from);
    expect(payload.query).toMatch(/^subscription\b.*\bcountdown\(from: /);
    expect(from).toBeGreaterThan(3);
  });

  test('the correct twin passes, and it does answer bad operations with error messages', async () => {
    const routes = await run('yoga-ok.ts', 1);
    expect(routes.map((r) => [r.path, r.status, r.failures[0]?.message])).toEqual([['/graphql', 'passed', undefined]]);
    const answered = await badOperationAnswers(`${APPS}/yoga-ok.ts`, '/graphql', 'graphql-transport-ws');
    expect(answered).toMatchObject({ handled: 2, closed: false, traces: [] });
  });
});
