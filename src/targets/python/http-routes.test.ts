/** The ready event's HTTP part as Routes: documents through the shared converter, listed routes from their paths. */
import { expect, test } from 'vitest';
import { parseEvent } from './bridge-events.js';

const ready = (extra: Record<string, unknown>): string =>
  JSON.stringify({
    event: 'ready',
    port: 1,
    framework: 'fastapi',
    routes: [{ path: '/ws', kind: 'websocket', params: [] }],
    python: 'p',
    pid: 2,
    warnings: [],
    ...extra,
  });

test('listed HTTP routes become one http Route per method, typed from the template', () => {
  const e = parseEvent(
    ready({
      http_routes: [
        { method: 'get', path: '/api/split/{amount:float}/{parts:int}', name: 'split_bill' },
        { method: 'PUT', path: '/orders/{order_id:int}' },
        { path: '/no-method' },
        'junk',
      ],
    }),
  );
  expect(e?.event === 'ready' && e.routes).toEqual([
    { path: '/ws', kind: 'websocket', params: [] },
    {
      path: '/api/split/{amount:float}/{parts:int}',
      kind: 'http',
      params: [
        { name: 'amount', type: 'float' },
        { name: 'parts', type: 'int' },
      ],
      methods: ['GET'],
      http: {
        method: 'GET',
        path: '/api/split/{amount:float}/{parts:int}',
        params: [
          { name: 'amount', type: 'float' },
          { name: 'parts', type: 'int' },
        ],
        query: [],
        name: 'split_bill',
      },
    },
    {
      path: '/orders/{order_id:int}',
      kind: 'http',
      params: [{ name: 'order_id', type: 'int' }],
      methods: ['PUT'],
      http: { method: 'PUT', path: '/orders/{order_id:int}', params: [{ name: 'order_id', type: 'int' }], query: [] },
    },
  ]);
});

test('an OpenAPI document becomes its operations, beside the listed routes', () => {
  const openapi = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/items/{item_id}': {
        get: { operationId: 'read_item', parameters: [{ name: 'item_id', in: 'path', required: true, schema: { type: 'integer' } }], responses: {} },
      },
    },
  };
  const e = parseEvent(ready({ openapi, http_routes: [{ method: 'DELETE', path: '/shop/carts/{cart_id:int}' }] }));
  if (e?.event !== 'ready') throw new Error('not a ready event');
  const http = e.routes.filter((r) => r.kind === 'http');
  expect(http.map((r) => [r.methods, r.path, r.http?.method, r.http?.path])).toEqual([
    [['GET'], '/items/{item_id}', 'GET', '/items/{item_id}'],
    [['DELETE'], '/shop/carts/{cart_id:int}', 'DELETE', '/shop/carts/{cart_id:int}'],
  ]);
  expect(http[0]?.params).toEqual([{ name: 'item_id', type: 'int' }]);
  expect(http[0]?.params).toBe(http[0]?.http?.params);
  expect(e.warnings).toEqual([]);
});

test('a document the converter refuses is a warning; the other routes stay', () => {
  const e = parseEvent(ready({ openapi: { swagger: '2.0', paths: {} }, http_routes: [{ method: 'GET', path: '/' }], warnings: ['earlier'] }));
  if (e?.event !== 'ready') throw new Error('not a ready event');
  expect(e.routes.map((r) => `${r.kind} ${r.methods?.[0] ?? ''} ${r.path}`)).toEqual(['websocket  /ws', 'http GET /']);
  expect(e.warnings).toHaveLength(2);
  expect(e.warnings[0]).toBe('earlier');
  expect(e.warnings[1]).toMatch(/^the app's OpenAPI document was not read: .*Swagger 2\.0/);
});

test('a ready event without HTTP fields (an older bridge) has only its WebSocket routes', () => {
  const e = parseEvent(ready({}));
  expect(e?.event === 'ready' && e.routes).toEqual([{ path: '/ws', kind: 'websocket', params: [] }]);
});
