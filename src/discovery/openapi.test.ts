import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { WsroutesError } from '../errors.js';
import { loadOpenApi, operationsFromOpenApi } from './openapi.js';
import { refTarget } from './schema-refs.js';

const doc30 = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/items/{item_id}': {
      parameters: [
        { name: 'item_id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'verbose', in: 'query', schema: { type: 'boolean' } },
      ],
      get: {
        operationId: 'read_item',
        // Overrides the path-level item_id: an integer.
        parameters: [
          { name: 'item_id', in: 'path', required: true, schema: { type: 'integer' } },
          { $ref: '#/components/parameters/Limit' },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          '4XX': { $ref: '#/components/responses/Problem' },
          '204': { description: 'no body' },
        },
      },
      put: {
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
        responses: { default: { description: 'x', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    '/upload': { post: { requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } }, responses: {} } },
  },
  components: {
    parameters: { Limit: { name: 'limit', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } } },
    responses: {
      Problem: { description: 'p', content: { 'application/problem+json': { schema: { type: 'object', properties: { detail: { type: 'string' } } } } } },
    },
    schemas: {
      Item: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, parent: { $ref: '#/components/schemas/Item' } } },
    },
  },
};

describe('operationsFromOpenApi', () => {
  test('methods, typed path params (operation level wins), query and header params, body and JSON responses by status', () => {
    const ops = operationsFromOpenApi(doc30);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /items/{item_id}', 'PUT /items/{item_id}', 'POST /upload']);
    const get = ops[0]!;
    expect(get.name).toBe('read_item');
    expect(get.params).toEqual([{ name: 'item_id', type: 'int' }]);
    expect(get.pathSchemas).toEqual({ item_id: { type: 'integer' } });
    expect(get.query).toEqual([
      { name: 'verbose', required: false, schema: { type: 'boolean' } },
      { name: 'limit', required: true, schema: { type: 'integer', minimum: 1 } },
    ]);
    expect(get.headers).toEqual([{ name: 'X-Trace', required: false, schema: { type: 'string' } }]);
    expect(get.body).toBeUndefined();
    expect(Object.keys(get.responses!)).toEqual(['200', '4XX']);
    expect(get.responses!['4XX']).toEqual({ type: 'object', properties: { detail: { type: 'string' } } });
    const put = ops[1]!;
    expect(put.body?.required).toBe(true);
    expect(put.body?.contentType).toBe('application/json');
    expect(put.responses).toBeUndefined();
    // Not JSON: no body schema to generate from.
    expect(ops[2]!.body).toBeUndefined();
  });

  test('a recursive model stays a reference (issue 27 item 17): the schema is finite, the model under $defs once', () => {
    const put = operationsFromOpenApi(doc30)[1]!;
    const body = put.body!.schema as Record<string, any>;
    expect(body.$ref).toBe('#/$defs/Item');
    expect(Object.keys(body.$defs)).toEqual(['Item']);
    expect(body.$defs.Item.properties.parent.$ref).toBe('#/$defs/Item');
    // The reference node points at the same model object: nothing is copied per use.
    expect(refTarget(body.$defs.Item.properties.parent)).toBe(body.$defs.Item);
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      $ref: '#/$defs/Item',
      $defs: { Item: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, parent: { $ref: '#/$defs/Item' } } } },
    });
  });

  test('OpenAPI 3.1: type lists, $ref with siblings, a path param without a schema keeps the template type', () => {
    const ops = operationsFromOpenApi({
      openapi: '3.1.0',
      paths: {
        '/users/{user_id}/posts/{slug}': {
          post: {
            parameters: [{ name: 'user_id', in: 'path', required: true, schema: { type: ['integer', 'null'] } }],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/$defs/Post', description: 'a post' } } } },
            responses: { '201': { content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
      $defs: { Post: { type: 'object', properties: { title: { type: 'string' } } } },
    });
    expect(ops[0]!.params).toEqual([
      { name: 'user_id', type: 'int' },
      { name: 'slug', type: 'str' },
    ]);
    expect(ops[0]!.body).toEqual({
      required: false,
      contentType: 'application/json',
      schema: { type: 'object', properties: { title: { type: 'string' } }, description: 'a post' },
    });
  });

  test('not an OpenAPI 3 document: one CONFIG error', () => {
    expect(() => operationsFromOpenApi({ hello: 1 })).toThrow(WsroutesError);
    expect(() => operationsFromOpenApi({ swagger: '2.0', paths: {} })).toThrow(/Swagger 2.0/);
    expect(() => operationsFromOpenApi('nope')).toThrow(/not an OpenAPI document/);
  });
});

describe('loadOpenApi', () => {
  test('a file relative to cwd; a missing file and YAML are one line each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsroutes-openapi-'));
    writeFileSync(join(dir, 'api.json'), JSON.stringify(doc30));
    writeFileSync(join(dir, 'api.yaml'), 'openapi: 3.0.0\npaths: {}\n');
    expect(await loadOpenApi('api.json', { cwd: dir, timeoutMs: 1000 })).toEqual(doc30);
    await expect(loadOpenApi('nope.json', { cwd: dir, timeoutMs: 1000 })).rejects.toThrow(/--openapi nope.json: file not found/);
    await expect(loadOpenApi('api.yaml', { cwd: dir, timeoutMs: 1000 })).rejects.toThrow(/YAML documents are not supported/);
  });

  test('a URL, and a path fetched from the running server', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/openapi.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(doc30));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await loadOpenApi(`http://127.0.0.1:${port}/openapi.json`, { cwd: '/', timeoutMs: 5000 })).toEqual(doc30);
      expect(await loadOpenApi('/openapi.json', { cwd: '/', baseUrl: `ws://127.0.0.1:${port}`, timeoutMs: 5000 })).toEqual(doc30);
      await expect(loadOpenApi('/missing.json', { cwd: '/', baseUrl: `ws://127.0.0.1:${port}`, timeoutMs: 5000 })).rejects.toThrow(/answered HTTP 404/);
    } finally {
      server.close();
    }
  });
});
