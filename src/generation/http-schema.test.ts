/**
 * Schemas whose bounds a filter could never meet (issue 27, item 16): generation must end
 * whatever the schema says. Each case hung in a synchronous loop before the fix.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { JsonSchema } from '../discovery/http-route.js';
import { valueArb } from './http-schema.js';

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
