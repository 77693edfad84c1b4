import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { HttpOperation, JsonSchema } from '../discovery/http-route.js';
import { httpRequestArb, requestOf } from './http-request.js';
import { edgeArb, invalidArb, valueArb } from './http-schema.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false }));
const valid = (schema: JsonSchema, v: unknown): boolean => ajv.validate(schema as object, v) as boolean;

const item: JsonSchema = {
  type: 'object',
  required: ['name', 'price', 'kind'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 20 },
    price: { type: 'number', minimum: 0, exclusiveMaximum: 1000 },
    qty: { type: 'integer', minimum: 1, maximum: 10, multipleOf: 2 },
    kind: { enum: ['tool', 'food'] },
    code: { type: 'string', pattern: '^[A-Z]{3}-\\d{2}$' },
    id: { type: 'string', format: 'uuid' },
    when: { type: 'string', format: 'date-time' },
    note: { type: ['string', 'null'] },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true },
    dims: { type: 'object', properties: { w: { type: 'number' } }, additionalProperties: { type: 'integer' } },
    either: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
    parts: { allOf: [{ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] }, { properties: { b: { type: 'string' } } }] },
  },
};

describe('values from a JSON Schema', () => {
  test('well-formed values validate against the schema (ajv)', () => {
    fc.assert(
      fc.property(valueArb(item), (v) => {
        expect(ajv.errors ?? null, JSON.stringify(v)).toBeNull();
        expect(valid(item, v), `${JSON.stringify(v)} ${JSON.stringify(ajv.errors)}`).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test('malformed values do not validate: a wrong type, a missing required field, a broken property', () => {
    const bad = invalidArb(item)!;
    fc.assert(
      fc.property(bad, (v) => {
        expect(valid(item, v), JSON.stringify(v)).toBe(false);
      }),
      { numRuns: 300, seed: 7 },
    );
    for (const schema of [
      { type: 'integer' },
      { type: 'string', minLength: 1 },
      { enum: ['a', 'b'] },
      { type: 'array', items: { type: 'string' } },
    ] as JsonSchema[]) {
      fc.assert(
        fc.property(invalidArb(schema)!, (v) => !valid(schema, v)),
        { numRuns: 50, seed: 1 },
      );
    }
    // A schema that accepts anything cannot be broken.
    expect(invalidArb({})).toBeUndefined();
  });

  test('edge values: empty strings, edge numbers, extra fields', () => {
    const seen = fc.sample(edgeArb(item), { numRuns: 400, seed: 3 }) as Record<string, unknown>[];
    expect(seen.some((v) => v.name === '')).toBe(true);
    expect(seen.some((v) => v.price === 2 ** 31 || v.price === Number.MAX_SAFE_INTEGER + 2 || v.price === -1)).toBe(true);
    expect(seen.some((v) => Object.keys(v).some((k) => !(k in (item as { properties: object }).properties)))).toBe(true);
  });
});

describe('requests for an operation', () => {
  const op: HttpOperation = {
    method: 'POST',
    path: '/shops/{shop_id}/items',
    params: [{ name: 'shop_id', type: 'int' }],
    query: [
      { name: 'dry_run', required: false, schema: { type: 'boolean' } },
      { name: 'ids', required: false, schema: { type: 'array', items: { type: 'integer' } } },
      { name: 'lang', required: true, schema: { type: 'string', enum: ['en', 'fr'] } },
    ],
    body: { required: true, contentType: 'application/json', schema: item },
  };
  const sample = fc.sample(httpRequestArb(op), { numRuns: 500, seed: 11 });

  test('path params of their type, optional query params present and absent, a JSON body', () => {
    const valids = sample.filter((e) => e.variant === 'valid');
    expect(valids.length).toBeGreaterThan(100);
    for (const e of valids) {
      expect(e.pathValues.shop_id).toMatch(/^\d+$/);
      expect(e.query.filter(([k]) => k === 'lang').map(([, v]) => v)).toEqual([expect.stringMatching(/^(en|fr)$/)]);
      expect(valid(item, e.body!.json)).toBe(true);
      const spec = requestOf(op, e);
      expect(spec.path).toBe(`/shops/${e.pathValues.shop_id}/items`);
      expect(spec.headers['content-type']).toBe('application/json');
      expect(spec.body).toBe(JSON.stringify(e.body!.json));
    }
    expect(valids.some((e) => e.query.some(([k]) => k === 'dry_run'))).toBe(true);
    expect(valids.some((e) => !e.query.some(([k]) => k === 'dry_run'))).toBe(true);
    // An array param repeats its name.
    expect(valids.some((e) => e.query.filter(([k]) => k === 'ids').length > 1)).toBe(true);
  });

  test('invalid requests break one declared part: the path type, a query param, or the body', () => {
    const invalids = sample.filter((e) => e.variant === 'invalid');
    expect(invalids.length).toBeGreaterThan(50);
    const brokenPath = invalids.filter((e) => !/^\d+$/.test(e.pathValues.shop_id!));
    const brokenQuery = invalids.filter(
      (e) =>
        e.query.filter(([k, v]) => k === 'lang' && /^(en|fr)$/.test(v)).length !== 1 ||
        e.query.some(([k, v]) => (k === 'dry_run' && !/^(true|false)$/.test(v)) || (k === 'ids' && !/^-?\d+$/.test(v))),
    );
    const brokenBody = invalids.filter((e) => !valid(item, e.body?.json));
    expect(brokenPath.length).toBeGreaterThan(0);
    expect(brokenQuery.length).toBeGreaterThan(0);
    expect(brokenBody.length).toBeGreaterThan(0);
    for (const e of invalids) expect(brokenPath.includes(e) || brokenQuery.includes(e) || brokenBody.includes(e)).toBe(true);
  });

  test('a POST without a declared body gets arbitrary JSON bodies, or none; a GET none', () => {
    const post = fc.sample(httpRequestArb({ method: 'POST', path: '/echo', params: [], query: [] }), { numRuns: 100, seed: 2 });
    expect(post.some((e) => e.body !== undefined)).toBe(true);
    expect(post.some((e) => e.body === undefined)).toBe(true);
    const get = fc.sample(httpRequestArb({ method: 'GET', path: '/echo', params: [], query: [] }), { numRuns: 50, seed: 2 });
    expect(get.every((e) => e.body === undefined)).toBe(true);
  });
});
