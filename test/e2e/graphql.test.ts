/**
 * GraphQL over WebSocket, through the library entry, against real servers: graphql-ws
 * (test/apps/node/graphql-app.ts, found by its 4406 close, with a bug only a
 * subscribe after connection_init reaches) and a hand-written legacy
 * subscriptions-transport-ws server (test/apps/node/graphql-legacy-app.ts, configured
 * with a `graphql` glob).
 */
import { describe, expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';
import type { Options, RouteResult } from '../../src/index.js';

async function run(app: string, extra: Partial<Options> = {}): Promise<Map<string, RouteResult>> {
  const result = await runWsroutes(resolveOptions({ app, maxExamples: 30, maxMessages: 5, seed: 2, ...extra }));
  return new Map(result.routes.map((r) => [r.path, r]));
}

describe('GraphQL over WebSocket', () => {
  test('graphql-ws: detected by its 4406 close; the onSubscribe bug is a server_error shrunk to [connection_init, subscribe]', async () => {
    const routes = await run('test/apps/node/graphql-app.ts');
    const ok = routes.get('/graphql-ok')!;
    expect(ok.status, ok.failures[0]?.message).toBe('passed');
    expect(ok.connections).toBe(30);
    expect(ok.messagesSent).toBeGreaterThan(30);

    const buggy = routes.get('/graphql')!;
    expect(buggy.status).toBe('failed');
    const f = buggy.failures[0]!;
    expect(f).toMatchObject({
      errorType: 'server_error',
      message: "Server raised: TypeError: Cannot read properties of undefined (reading 'trim')",
      messageIndex: 1,
      closeCode: 4500,
      closeReason: "Cannot read properties of undefined (reading 'trim')",
    });
    expect(f.serverTrace).toContain('onSubscribe');
    expect(f.sequence).toHaveLength(2);
    expect(f.sequence[0]).toEqual({ type: 'json', data: { type: 'connection_init' } });
    expect(f.sequence[1]).toMatchObject({ type: 'json', data: { id: expect.any(String), type: 'subscribe', payload: { query: expect.any(String) } } });
    expect((f.sequence[1]!.data as { payload: object }).payload).not.toHaveProperty('operationName');
  });

  test('the legacy protocol (graphql-ws subprotocol) passes when configured as GraphQL, and when detected on the wire', async () => {
    const configured = await run('test/apps/node/graphql-legacy-app.ts', { graphql: ['/subscr*'] });
    const r = configured.get('/subscriptions')!;
    expect(r.status, r.failures[0]?.message).toBe('passed');
    expect(r.connections).toBe(30);

    // Not configured: the server selects graphql-ws when offered it (and not a token nobody speaks), so it is GraphQL.
    // Sent plain messages instead, it would close 1002 at the first one.
    const detected = await run('test/apps/node/graphql-legacy-app.ts', { maxExamples: 5 });
    expect(detected.get('/subscriptions')?.status, detected.get('/subscriptions')?.failures[0]?.message).toBe('passed');
  });

  test('a subprotocol rule offering graphql-transport-ws makes the route GraphQL without detection', async () => {
    const routes = await run('test/apps/node/graphql-app.ts', {
      include: ['/graphql'],
      validateSubprotocols: true,
      subprotocols: [{ route: '/graph*', offer: ['graphql-transport-ws'], required: true }],
    });
    const f = routes.get('/graphql')!.failures[0]!;
    expect(f).toMatchObject({ errorType: 'server_error', closeCode: 4500, messageIndex: 1 });
    expect(f.sequence.map((m) => (m.data as { type: string }).type)).toEqual(['connection_init', 'subscribe']);
  });

  test('generated subprotocol offers (validate_subprotocols) do not hide a graphql-ws route: still found by 4406', async () => {
    const routes = await run('test/apps/node/graphql-app.ts', { include: ['/graphql-ok'], maxExamples: 10, validateSubprotocols: true });
    expect(routes.get('/graphql-ok')?.status).toBe('passed');
  });

  test('a route that refuses every connection_init (4403) is skipped, not passed; with --auth it passes', async () => {
    const refused = await run('test/apps/node/graphql-app.ts', { include: ['/graphql-private'], maxExamples: 15 });
    const r = refused.get('/graphql-private')!;
    expect(r.status).toBe('skipped');
    expect(r.skipReason).toMatch(/^every connection_init was answered by a close with 4403 \(Forbidden\); the route may require auth \(--auth\)/);
    const authed = await run('test/apps/node/graphql-app.ts', { include: ['/graphql-private'], maxExamples: 15, auth: 'bearer:let-me-in' });
    expect(authed.get('/graphql-private')?.status).toBe('passed');
  });

  test('a route that closes every connection 4406, GraphQL offers included, is skipped with the code', async () => {
    const routes = await run('test/apps/node/graphql-app.ts', { include: ['/graphql-acme'], maxExamples: 5 });
    const r = routes.get('/graphql-acme')!;
    expect(r.status).toBe('skipped');
    expect(r.skipReason).toMatch(/^every connection was closed with 4406 \(Subprotocol not acceptable\) before any message was read/);
  });
});
