/**
 * Schemas whose bounds a filter could never meet (issue 27, item 16): generation must end
 * whatever the schema says. Each case hung in a synchronous loop before the fix.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { JsonSchema } from '../discovery/http-route.js';
import { operationsFromOpenApi } from '../discovery/openapi.js';
import { edgeArb, invalidArb, valueArb } from './http-schema.js';

const sample = (schema: JsonSchema): unknown[] => fc.sample(valueArb(schema), { numRuns: 30, seed: 1 });

test('a pattern without maxLength gives its matches, however long (FastAPI Query(pattern=...))', () => {
  const values = sample({ type: 'string', pattern: '^[a-f0-9]{64}$' });
  expect(values).toHaveLength(30);
  for (const v of values) expect(v).toMatch(/^[a-f0-9]{64}$/);
});

test('a pattern within its length bounds keeps to them', () => {
  for (const v of sample({ type: 'string', pattern: '^[a-z]+$', minLength: 2, maxLength: 5 })) expect(String(v)).toMatch(/^[a-z]{2,5}$/);
});

test('bounds a pattern can never meet end generation, with values that miss them', () => {
  const values = sample({ type: 'string', pattern: '^[a-f0-9]{64}$', maxLength: 10 });
  expect(values).toHaveLength(30);
  for (const v of values) expect(v).toMatch(/^[a-f0-9]{64}$/);
});

test('more unique items than the enum has end generation', () => {
  expect(sample({ type: 'array', items: { enum: ['a', 'b'] }, minItems: 3, uniqueItems: true })).toHaveLength(30);
});

describe('mutually recursive models (issue 27, item 17)', () => {
  const names = ['Org', 'Team', 'Person', 'Project', 'Office'];
  // Each model holds each of the others, optionally, once and as a list.
  const schemas = Object.fromEntries(
    names.map((name) => [
      name,
      {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          ...Object.fromEntries(
            names
              .filter((n) => n !== name)
              .flatMap((n) => [
                [n.toLowerCase(), { anyOf: [{ $ref: `#/components/schemas/${n}` }, { type: 'null' }] }],
                [`${n.toLowerCase()}s`, { type: 'array', items: { $ref: `#/components/schemas/${n}` } }],
              ]),
          ),
        },
      },
    ]),
  );
  const doc = {
    openapi: '3.1.0',
    paths: {
      '/orgs/': {
        post: {
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Org' } } } },
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Team' } } } } },
        },
      },
    },
    components: { schemas },
  };

  test('discovery keeps the references: each model once, under $defs', () => {
    const [op] = operationsFromOpenApi(doc);
    const body = op!.body!.schema as Record<string, unknown>;
    expect(body.$ref).toBe('#/$defs/Org');
    expect(Object.keys(body.$defs as object).sort()).toEqual([...names].sort());
    expect(JSON.stringify(op).length).toBeLessThan(50_000);
  });

  test('generated bodies are finite and validate against the schema (ajv resolves #/$defs)', () => {
    const [op] = operationsFromOpenApi(doc);
    const schema = op!.body!.schema;
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(schema as object);
    for (const v of fc.sample(valueArb(schema), { numRuns: 50, seed: 7 })) {
      if (JSON.stringify(v).includes('null')) continue; // a model cut at the nesting bound is null
      expect(validate(v), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(fc.sample(invalidArb(schema)!, { numRuns: 20, seed: 7 })).toHaveLength(20);
    expect(fc.sample(edgeArb(schema), { numRuns: 20, seed: 7 })).toHaveLength(20);
  });
});
