/**
 * fast-check arbitraries from JSON Schema: values that satisfy a schema, and values
 * that deliberately break it (a wrong type, a missing required field) or sit at its
 * edges (extra fields, empty strings, edge numbers).
 *
 * Written here rather than taken from npm: the one JSON-Schema-to-fast-check package
 * (json-schema-fast-check 0.0.6) is unmaintained, built on fast-check 1 and faker 4,
 * and produces no malformed values, which are half of what HTTP testing sends.
 * zod-fast-check and fast-check-io-ts start from their own schema languages, not from
 * the JSON Schema that FastAPI, Litestar, Fastify and OpenAPI documents give. So this
 * covers the subset those frameworks emit: `type` (also a list, and 3.0's `nullable`),
 * `enum`/`const`, `anyOf`/`oneOf`/`allOf`, object `properties`/`required`/
 * `additionalProperties`, array `items`/`prefixItems` with length bounds, string length,
 * `pattern` and the common formats, number bounds and `multipleOf`. Unknown keywords
 * are ignored: the value then satisfies what was understood.
 */
import fc from 'fast-check';
import type { JsonSchema } from '../discovery/http-route.js';
import { refTarget } from '../discovery/schema-refs.js';
import { preferring } from './bounded-filter.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Nesting below which objects and arrays are generated empty or minimal (a recursive model stays finite). */
const MAX_DEPTH = 4;
/**
 * Nesting past which a `$ref` to a model is no longer followed (its value is null): every
 * property of an object is built, optional ones included, so a model that holds itself
 * needs this cut for its arbitrary to be finite.
 */
const MAX_REF_NESTING = MAX_DEPTH + 2;

/** One arbitrary per model and depth: mutually recursive models are built once per level, not once per path. */
const modelArbs = new WeakMap<object, Map<number, fc.Arbitrary<unknown>>>();

function modelArb(target: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > MAX_REF_NESTING) return fc.constant(null);
  if (typeof target !== 'object') return valueArb(target, depth);
  let byDepth = modelArbs.get(target);
  if (!byDepth) modelArbs.set(target, (byDepth = new Map()));
  let arb = byDepth.get(depth);
  if (!arb) byDepth.set(depth, (arb = valueArb(target, depth)));
  return arb;
}

/** The model a `{ $ref }` node names (discovery/schema-refs.ts), else the schema itself. */
const resolved = (schema: JsonSchema): JsonSchema => refTarget(schema) ?? schema;

const EDGE_NUMBERS = [0, -1, 1, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324];

/** The types a schema allows, as written (`type`, a type list, or inferred from keywords). */
export function typesOf(schema: JsonSchema): string[] {
  schema = resolved(schema);
  if (typeof schema !== 'object') return [];
  const t = schema.type;
  const list = Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
  if (!list.length) {
    if (isObj(schema.properties) || schema.required !== undefined || schema.additionalProperties !== undefined) list.push('object');
    else if (schema.items !== undefined || schema.prefixItems !== undefined) list.push('array');
  }
  if (schema.nullable === true && !list.includes('null')) list.push('null');
  return list;
}

/** Merges `allOf` parts into one schema (properties and required combined; the rest, last wins). */
function mergeAllOf(schema: Obj): Obj {
  const { allOf, ...rest } = schema;
  let merged: Obj = { ...rest };
  for (const part of allOf as unknown[]) {
    if (!isObj(part)) continue;
    const target = resolved(part);
    if (!isObj(target)) continue;
    const p = Array.isArray(target.allOf) ? mergeAllOf(target) : target;
    merged = {
      ...merged,
      ...p,
      ...(isObj(merged.properties) || isObj(p.properties) ? { properties: { ...(merged.properties as Obj), ...(p.properties as Obj) } } : {}),
      ...(Array.isArray(merged.required) || Array.isArray(p.required)
        ? { required: [...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])] }
        : {}),
    };
  }
  return merged;
}

/** Values that satisfy `schema`. */
export function valueArb(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const target = refTarget(schema);
  if (target !== undefined) return modelArb(target, depth);
  if (schema === true || (isObj(schema) && Object.keys(schema).length === 0)) return anyJson(depth);
  if (schema === false) return fc.constant(null);
  if (Array.isArray(schema.allOf)) return valueArb(mergeAllOf(schema), depth);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(alternatives) && alternatives.length) {
    const { anyOf: _a, oneOf: _o, ...base } = schema;
    return fc.oneof(...alternatives.map((alt) => valueArb(isObj(alt) ? { ...base, ...alt } : (alt as JsonSchema), depth)));
  }
  const types = typesOf(schema);
  if (!types.length) return anyJson(depth);
  const arbs = types.map((t) => typedArb(t, schema, depth));
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

function typedArb(type: string, s: Obj, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArb(s);
    case 'number':
      return numberArb(s);
    case 'string':
      return stringArb(s);
    case 'array':
      return arrayArb(s, depth);
    case 'object':
      return objectArb(s, depth);
    default:
      return anyJson(depth);
  }
}

function bounds(s: Obj, integer: boolean): { min: number; max: number } {
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const step = integer ? 1 : 1e-6;
  // 3.0 spells exclusive bounds as booleans beside minimum/maximum; 3.1 as numbers.
  let min = num(s.minimum) ?? -1e9;
  let max = num(s.maximum) ?? 1e9;
  if (typeof s.exclusiveMinimum === 'number') min = Math.max(min, s.exclusiveMinimum + step);
  else if (s.exclusiveMinimum === true) min += step;
  if (typeof s.exclusiveMaximum === 'number') max = Math.min(max, s.exclusiveMaximum - step);
  else if (s.exclusiveMaximum === true) max -= step;
  return { min, max };
}

function integerArb(s: Obj): fc.Arbitrary<unknown> {
  const { min, max } = bounds(s, true);
  const lo = Math.ceil(Math.max(min, Number.MIN_SAFE_INTEGER));
  const hi = Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER));
  const m = typeof s.multipleOf === 'number' && Number.isInteger(s.multipleOf) && s.multipleOf > 0 ? s.multipleOf : 1;
  if (hi < lo) return fc.constant(lo);
  const kMin = Math.ceil(lo / m);
  const kMax = Math.max(kMin, Math.floor(hi / m));
  return withEdges(kMin, kMax).map((x) => x * m);
}

/**
 * Integers from `min` to `max`: the edges a handler divides or indexes by (0, 1, -1 and
 * the bounds) often, small values often, the whole range the rest. All shrink towards 0.
 */
function withEdges(min: number, max: number): fc.Arbitrary<number> {
  const edges = [...new Set([0, 1, -1, min, max])].filter((n) => n >= min && n <= max);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...edges) },
    { weight: 3, arbitrary: fc.integer({ min: Math.max(min, -100), max: Math.max(Math.max(min, -100), Math.min(max, 100)) }) },
    { weight: 3, arbitrary: fc.integer({ min, max }) },
  );
}

function numberArb(s: Obj): fc.Arbitrary<unknown> {
  const { min, max } = bounds(s, false);
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
    const m = s.multipleOf;
    return fc.integer({ min: Math.ceil(min / m), max: Math.max(Math.ceil(min / m), Math.floor(max / m)) }).map((k) => k * m);
  }
  return fc.oneof(withEdges(Math.ceil(min), Math.max(Math.ceil(min), Math.floor(max))), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

// Built on first use: fc.webUrl() alone takes over a second to build (its percent-encoding
// tables), which every run paid at start-up, WebSocket-only runs included.
const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  'date-time': () => fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString()),
  date: () => fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  time: () => fc.date({ min: new Date(0), max: new Date(86_399_000), noInvalidDate: true }).map((d) => `${d.toISOString().slice(11, 19)}Z`),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
  hostname: () => fc.domain(),
};
const builtFormats = new Map<string, fc.Arbitrary<string>>();

function formatArb(name: string): fc.Arbitrary<string> | undefined {
  const build = Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
  if (!build) return undefined;
  let arb = builtFormats.get(name);
  if (!arb) {
    arb = build();
    builtFormats.set(name, arb);
  }
  return arb;
}

function stringArb(s: Obj): fc.Arbitrary<unknown> {
  const format = typeof s.format === 'string' ? formatArb(s.format) : undefined;
  if (format) return format;
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = typeof s.maxLength === 'number' ? s.maxLength : Math.max(minLength, 24);
  if (typeof s.pattern === 'string') {
    try {
      const matching = fc.stringMatching(new RegExp(s.pattern, 'u'));
      // A pattern bounds its own matches: the default length of plain strings is no bound for
      // it (`^[a-f0-9]{64}$` never fits in 24). The schema's own bounds pick among a few matches.
      if (typeof s.minLength !== 'number' && typeof s.maxLength !== 'number') return matching;
      return preferring(matching, (v) => {
        const n = [...v].length;
        return n >= minLength && n <= maxLength;
      });
    } catch {
      // A pattern JS cannot read (a Python-only construct): plain strings, which may miss it.
    }
  }
  return fc.string({ unit: 'grapheme', minLength, maxLength });
}

function arrayArb(s: Obj, depth: number): fc.Arbitrary<unknown> {
  const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
  const maxLength = depth >= MAX_DEPTH ? minLength : typeof s.maxItems === 'number' ? s.maxItems : Math.max(minLength, 4);
  if (Array.isArray(s.prefixItems)) {
    const head = (s.prefixItems as JsonSchema[]).map((p) => valueArb(p, depth + 1));
    return fc.tuple(...head);
  }
  const items = (s.items as JsonSchema | undefined) ?? true;
  const arr = fc.array(valueArb(items, depth + 1), { minLength, maxLength });
  return s.uniqueItems === true
    ? preferring(
        arr.map((a) => [...new Map(a.map((x) => [JSON.stringify(x), x])).values()]),
        (a) => a.length >= minLength,
      )
    : arr;
}

function objectArb(s: Obj, depth: number): fc.Arbitrary<unknown> {
  const props = isObj(s.properties) ? (s.properties as Record<string, JsonSchema>) : {};
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const keys = Object.keys(props);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) record[k] = valueArb(props[k]!, depth + 1);
  // Required keys that the schema lists without a property schema take any value.
  for (const k of required) if (!(k in record)) record[k] = anyJson(depth + 1);
  const known = fc.record(record, { requiredKeys: [...required] });
  const extraSchema = s.additionalProperties;
  if (isObj(extraSchema) && Object.keys(extraSchema).length && depth < MAX_DEPTH) {
    return fc
      .tuple(
        known,
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in props)),
          valueArb(extraSchema, depth + 1),
          { maxKeys: 3 },
        ),
      )
      .map(([k, extra]) => ({ ...extra, ...(k as Obj) }));
  }
  return known;
}

/** Any JSON value, bounded in depth. */
export function anyJson(depth = 0): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: Math.max(0, 2 - depth) });
}

/** A value of none of `types` (a string where an integer goes, an object where a string goes). */
function wrongTypeArb(types: string[]): fc.Arbitrary<unknown> {
  const candidates: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.constantFrom('', 'abc', 'null', '1')],
    ['integer', fc.constantFrom(0, -1, 7)],
    ['number', fc.constantFrom(1.5)],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.constantFrom([], [1])],
    ['object', fc.constantFrom({}, { a: 1 })],
  ];
  const allowed = new Set(types);
  if (allowed.has('number')) allowed.add('integer');
  const usable = candidates.filter(([t]) => !allowed.has(t)).map(([, a]) => a);
  return usable.length ? fc.oneof(...usable) : fc.constant(Symbol.for('unrepresentable'));
}

/**
 * Values that break `schema` where it can be broken: the top-level type, a missing
 * required field, or one property broken the same ways, recursively. Undefined when
 * the schema accepts anything (nothing to break).
 */
export function invalidArb(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> | undefined {
  schema = resolved(schema);
  if (typeof schema !== 'object' || Object.keys(schema).length === 0) return undefined;
  if (Array.isArray(schema.allOf)) return invalidArb(mergeAllOf(schema), depth);
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    // Break every alternative at once: a type none of them takes.
    const alts = (schema.anyOf ?? schema.oneOf) as JsonSchema[];
    const types = alts.flatMap(typesOf);
    if (alts.some((a) => !typesOf(a).length)) return undefined;
    return wrongTypeArb(types).filter((v) => typeof v !== 'symbol');
  }
  if (Array.isArray(schema.enum) && schema.enum.length) {
    const enumValues = schema.enum as unknown[];
    return fc.constantFrom('__not_in_enum__', 987654321, null).filter((v) => !enumValues.some((e) => e === v));
  }
  const types = typesOf(schema);
  if (!types.length) return undefined;
  const options: fc.Arbitrary<unknown>[] = [wrongTypeArb(types).filter((v) => typeof v !== 'symbol')];
  if (types.length === 1 && types[0] === 'object' && depth < MAX_DEPTH) {
    const s = Array.isArray(schema.allOf) ? mergeAllOf(schema) : schema;
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    const props = isObj(s.properties) ? (s.properties as Record<string, JsonSchema>) : {};
    const valid = valueArb(s, depth) as fc.Arbitrary<Obj>;
    if (required.length) {
      options.push(
        fc.tuple(valid, fc.constantFrom(...required)).map(([v, k]) => {
          const { [k]: _drop, ...rest } = v;
          return rest;
        }),
      );
    }
    // One required property broken (an optional one could be dropped by the server's defaults).
    const breakable = required.filter((k) => props[k] !== undefined && invalidArb(props[k]!, depth + 1) !== undefined);
    if (breakable.length) {
      options.push(
        fc
          .constantFrom(...breakable)
          .chain((k) => fc.tuple(fc.constant(k), valid, invalidArb(props[k]!, depth + 1)!))
          .map(([k, v, bad]) => ({ ...v, [k]: bad })),
      );
    }
  }
  if (types.length === 1 && types[0] === 'string' && typeof schema.minLength === 'number' && schema.minLength > 0) options.push(fc.constant(''));
  return fc.oneof(...options);
}

/**
 * Values at the edges of `schema`, valid or not: extra fields, empty strings and edge
 * numbers in place of the declared ones. Where validation is strict they are refused;
 * where the handler trusts its model, they are what crashes it.
 */
export function edgeArb(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const base = valueArb(schema, depth);
  schema = resolved(schema);
  if (typeof schema !== 'object') return base;
  const s = Array.isArray(schema.allOf) ? mergeAllOf(schema) : schema;
  const types = typesOf(s);
  if (types.includes('string')) return fc.oneof(fc.constant(''), fc.constantFrom(' ', '0', '\u0000', 'ü'.repeat(3), 'x'.repeat(1000)));
  if (types.includes('integer') || types.includes('number'))
    return fc.constantFrom(...EDGE_NUMBERS.filter((n) => types.includes('number') || Number.isInteger(n)));
  if (types.includes('object') && isObj(s.properties) && depth < MAX_DEPTH) {
    const props = s.properties as Record<string, JsonSchema>;
    const keys = Object.keys(props);
    if (!keys.length) return base;
    const edgeOne = fc
      .constantFrom(...keys)
      .chain((k) => fc.tuple(fc.constant(k), base as fc.Arbitrary<Obj>, edgeArb(props[k]!, depth + 1)))
      .map(([k, v, edge]) => ({ ...v, [k]: edge }));
    const extra = fc
      .tuple(
        base as fc.Arbitrary<Obj>,
        fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in props)),
        anyJson(depth + 1),
      )
      .map(([v, k, x]) => ({ ...v, [k]: x }));
    return fc.oneof(edgeOne, extra);
  }
  return base;
}
