/**
 * Apollo Server's documented subscriptions setup (test/apps/node/graphql-servers/
 * apollo-express.ts): an Express app without express-ws, a `ws` WebSocketServer attached to
 * its http server, graphql-ws's useServer, and httpServer.listen at top level. The route is
 * found through the attached server, its protocol on the wire, its schema by introspection
 * over the route; the docs' context bug (connectionParams read without a payload) is found
 * by a valid operation after a connection_init without payload, and the correct twin passes.
 */
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';
import type { RouteResult } from '../../src/index.js';
import { badOperationAnswers } from './helpers/graphql-answers.js';
import { typeDefs } from '../apps/node/graphql-servers/apollo-schema.js';

const APPS = 'test/apps/node/graphql-servers';

async function run(app: string, seed: number): Promise<RouteResult[]> {
  const result = await runWsroutes(resolveOptions({ app: `${APPS}/${app}`, maxExamples: 100, maxMessages: 6, seed }));
  return result.routes;
}

describe('Apollo Server with graphql-ws on ws, as its docs set it up', () => {
  test('the route is found, and the context bug is a 4500 after [connection_init, a valid operation of the schema]', async () => {
    const routes = await run('apollo-express.ts', 1);
    expect(routes.map((r) => r.path)).toEqual(['/graphql']);
    const r = routes[0]!;
    expect(r.status).toBe('failed');
    const bug = r.failures.find((f) => /^server_error:TypeError:apollo-express\.ts:\d+$/.test(f.signature ?? ''));
    expect(bug, r.failures.map((f) => f.signature).join(', ')).toBeDefined();
    expect(bug).toMatchObject({ closeCode: 4500, messageIndex: 1, closeReason: "Cannot read properties of undefined (reading 'authentication')" });
    expect(bug!.serverTrace).toContain('getDynamicContext');
    expect(bug!.sequence[0]).toEqual({ type: 'json', data: { type: 'connection_init' } });
    // The operation is one of the schema's own (from introspection): random documents do not validate.
    const { payload } = bug!.sequence[1]!.data as { payload: { query: string } };
    expect(validate(buildSchema(typeDefs), parse(payload.query))).toEqual([]);
  });

  test('the correct twin passes: bad operations are answered with error messages', async () => {
    const routes = await run('apollo-express-ok.ts', 1);
    expect(routes.map((r) => [r.path, r.status, r.failures[0]?.message])).toEqual([['/graphql', 'passed', undefined]]);
    expect(routes[0]!.connections).toBeGreaterThanOrEqual(100);
    // It did answer bad operations: error messages, read as handled errors, the connection open, nothing raised.
    const answered = await badOperationAnswers(`${APPS}/apollo-express-ok.ts`, '/graphql', 'graphql-transport-ws');
    expect(answered).toMatchObject({ handled: 2, closed: false, traces: [] });
    expect(answered.replies.map((r) => JSON.parse(r).type)).toEqual(['error', 'error']);
  });
});
