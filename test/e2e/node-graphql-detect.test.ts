/**
 * How each docs-style GraphQL server's route is named and what it tells about itself, on
 * the live app (routeWithProtocol: the route's protocol from the wire, then its schema):
 * Apollo and Yoga select graphql-transport-ws and answer the introspection query over the
 * route; Mercurius selects it too (and closes 1002 on a subprotocol nobody speaks), its
 * schema from the app; a server that negotiates no subprotocol stays plain unless
 * `--graphql` names it; a server with introspection turned off answers it with an error and
 * has no schema.
 */
import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../../src/index.js';
import type { Options, Route } from '../../src/index.js';
import { handshakeInputs } from '../../src/execution/auth.js';
import { Pool } from '../../src/execution/pool.js';
import { sequenceRunner } from '../../src/run/judged-runners.js';
import { routeWithProtocol } from '../../src/run/kinds/websocket-plan.js';
import { startTarget } from '../../src/targets/start.js';

const APPS = 'test/apps/node/graphql-servers';

async function named(app: string, extra: Partial<Options> = {}): Promise<Route> {
  const options = resolveOptions({ app: `${APPS}/${app}`, ...extra });
  const target = await startTarget(options);
  try {
    const [route] = target.routes.filter((r) => r.kind === 'websocket');
    const pool = new Pool(2);
    return await routeWithProtocol(route!, options, (r) => sequenceRunner(r, target, options, handshakeInputs(options), pool), 1);
  } finally {
    await target.stop();
  }
}

describe('GraphQL servers as their docs write them: protocol and schema', () => {
  test('Apollo + graphql-ws: graphql-transport-ws, schema by introspection over the route', async () => {
    const route = await named('apollo-express.ts');
    expect(route).toMatchObject({ path: '/graphql', protocol: 'graphql-transport-ws' });
    expect(route.graphqlSchema).toContain('postCreated: Post');
    expect(route.graphqlSchema).toContain('createPost(author: String!, comment: String!): Post');
  });

  test('Yoga + graphql-ws: graphql-transport-ws, schema by introspection over the route', async () => {
    const route = await named('yoga.ts');
    expect(route).toMatchObject({ path: '/graphql', protocol: 'graphql-transport-ws' });
    expect(route.graphqlSchema).toContain('countdown(from: Int!): String!');
  });

  test('Mercurius: graphql-transport-ws, schema from the app', async () => {
    const route = await named('mercurius.ts');
    expect(route).toMatchObject({ path: '/graphql', protocol: 'graphql-transport-ws' });
    expect(route.graphqlSchema).toContain('notificationAdded(channel: String): Notification');
  });

  test('introspection turned off: graphql-transport-ws, the error answer leaves it without a schema', async () => {
    const route = await named('introspection-off.ts');
    expect(route).toMatchObject({ path: '/graphql', protocol: 'graphql-transport-ws' });
    expect(route.graphqlSchema).toBeUndefined();
  });

  test('no subprotocol negotiated: plain; GraphQL with --graphql, and no schema (introspection answered without one)', async () => {
    expect((await named('no-subprotocol.ts')).protocol).toBe('plain');
    const configured = await named('no-subprotocol.ts', { graphql: ['/graphql'] });
    expect(configured.protocol).toBe('graphql-transport-ws');
    expect(configured.graphqlSchema).toBeUndefined();
  });
});
