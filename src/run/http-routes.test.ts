import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../config/options.js';
import { httpRouteKey, noHttpRoutesError, selectHttpRoutes } from './http-routes.js';
import { NO_TRACES, type Target } from '../targets/target.js';

const target = (routes: Target['routes'], kind: Target['kind'] = 'node'): Target => ({
  kind,
  framework: 'express',
  spec: 'app.ts',
  baseUrl: 'ws://127.0.0.1:1',
  routes,
  traces: NO_TRACES,
  stop: async () => {},
});

const discovered = target([
  { path: '/ws', kind: 'websocket', params: [] },
  { path: '/users/:id', kind: 'http', params: [{ name: 'id', type: 'str' }], methods: ['GET', 'DELETE', 'HEAD'] },
  { path: '/health', kind: 'http', params: [], methods: ['GET'] },
]);

describe('the HTTP routes of a run', () => {
  test('one route per method, keyed `METHOD /path`; methods and path globs filter', async () => {
    const all = await selectHttpRoutes(discovered, resolveOptions({ http: true }));
    expect(all.map(httpRouteKey)).toEqual(['GET /users/:id', 'DELETE /users/:id', 'GET /health']);
    expect(all[0]!.http).toEqual({ method: 'GET', path: '/users/:id', params: [{ name: 'id', type: 'str' }], query: [] });
    const some = await selectHttpRoutes(discovered, resolveOptions({ http: true, methods: ['DELETE', 'GET'], httpExclude: ['/health'] }));
    expect(some.map(httpRouteKey)).toEqual(['GET /users/:id', 'DELETE /users/:id']);
    const included = await selectHttpRoutes(discovered, resolveOptions({ http: true, httpInclude: ['/users/*'], methods: ['DELETE'] }));
    expect(included.map(httpRouteKey)).toEqual(['DELETE /users/:id']);
  });

  test('--openapi extends discovery, and its operation replaces a discovered route of the same method and path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsroutes-select-'));
    writeFileSync(
      join(dir, 'api.json'),
      JSON.stringify({
        openapi: '3.0.0',
        paths: {
          '/health': { get: { operationId: 'health', responses: {} } },
          '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: {} } },
        },
      }),
    );
    const routes = await selectHttpRoutes(discovered, resolveOptions({ http: true, openapi: 'api.json', cwd: dir }));
    expect(routes.map(httpRouteKey)).toEqual(['GET /users/:id', 'DELETE /users/:id', 'GET /health', 'POST /orders']);
    expect(routes[2]!.http?.name).toBe('health');
    expect(routes[3]!.http?.body?.schema).toEqual({ type: 'object' });
  });

  test('nothing to test over HTTP: the line says where routes come from', () => {
    expect(noHttpRoutesError(target([], 'url'), resolveOptions()).message).toMatch(/a --url target lists no HTTP routes: pass --openapi/);
    expect(noHttpRoutesError(discovered, resolveOptions({ httpInclude: ['/nope'] })).message).toBe(
      'no HTTP route matched --http-include /nope --methods GET,POST,PUT,PATCH,DELETE',
    );
  });
});
