/**
 * Requests for one HTTP operation, as fast-check arbitraries: path params of their
 * type, declared query params (optional ones present or absent), declared headers,
 * and a JSON body from the schema. Each request is one of three variants, so a run
 * sends both what the route declares and what it must refuse:
 * - `valid`: everything satisfies the declared schemas;
 * - `edge`: extra fields, empty strings, edge numbers (valid or not: a handler that
 *   trusts its model crashes on them);
 * - `invalid`: one part breaks its schema (a wrong type, a missing required field or
 *   query param, a non-number where a number goes), which a server must answer 4xx.
 * A route without a body schema (Express, Hono) gets arbitrary JSON bodies on
 * POST/PUT/PATCH. The schema part is `http-schema.ts`.
 */
import fc from 'fast-check';
import type { HttpOperation, HttpParam, JsonSchema } from '../discovery/http-route.js';
import { fillTemplate } from '../discovery/route.js';
import type { PathParam } from '../discovery/route.js';
import { anyJson, edgeArb, invalidArb, typesOf, valueArb } from './http-schema.js';
import { pathParamsArb } from './path-params.js';

export type HttpVariant = 'valid' | 'edge' | 'invalid';

/** One generated request, before the run's handshake inputs are added. Plain data (shrinkable, printable). */
export interface HttpExample {
  variant: HttpVariant;
  /** Path param values, URL-encoded. */
  pathValues: Record<string, string>;
  /** Query pairs in order (an array param repeats its name). */
  query: Array<[string, string]>;
  headers: Record<string, string>;
  /** The JSON body, when one is sent (`undefined`: no body). */
  body?: { json: unknown };
}

/** The request as it goes on the wire (before auth): method, path with query, headers, body text. */
export interface HttpRequestSpec {
  method: string;
  /** The filled path template, without query. */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: string;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function httpRequestArb(op: HttpOperation): fc.Arbitrary<HttpExample> {
  return fc.oneof(
    { weight: 5, arbitrary: variantArb(op, 'valid') },
    { weight: 3, arbitrary: variantArb(op, 'edge') },
    { weight: 2, arbitrary: variantArb(op, 'invalid') },
  );
}

/** Which part an invalid request breaks: only parts the operation declares can be broken. */
type Broken = 'path' | 'query' | 'body' | 'none';

function variantArb(op: HttpOperation, variant: HttpVariant): fc.Arbitrary<HttpExample> {
  const breakable: Broken[] = [];
  if (variant === 'invalid') {
    if (op.params.some((p) => p.type === 'int' || p.type === 'float' || p.type === 'uuid')) breakable.push('path');
    if (op.query.some(isBreakable)) breakable.push('query');
    if (op.body && invalidArb(op.body.schema) !== undefined) breakable.push('body');
  }
  const broken = breakable.length ? fc.constantFrom(...breakable) : fc.constant<Broken>('none');
  return broken.chain((b) =>
    fc.record({
      variant: fc.constant(variant),
      pathValues: pathArb(op, b === 'path'),
      query: queryArb(op.query, variant, b === 'query'),
      headers: headersArb(op.headers ?? [], variant),
      body: bodyArb(op, variant, b === 'body'),
    }),
  );
}

function pathArb(op: HttpOperation, broken: boolean): fc.Arbitrary<Record<string, string>> {
  const record: Record<string, fc.Arbitrary<string>> = {};
  for (const p of op.params) record[p.name] = pathParamArb(p, op.pathSchemas?.[p.name]);
  if (broken) {
    const typed = op.params.filter((p) => p.type === 'int' || p.type === 'float' || p.type === 'uuid');
    return (
      fc
        // Already URL-encoded: `%20` is a space on the server side.
        .tuple(fc.record(record), fc.constantFrom(...typed.map((p) => p.name)), fc.constantFrom('abc', '1.5', '-1', '%20', 'null'))
        .map(([values, name, bad]) => ({ ...values, [name]: bad }))
    );
  }
  return fc.record(record);
}

function pathParamArb(p: PathParam, schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const byType = pathParamsArb([p]).map((r) => r[p.name]!);
  if (schema === undefined || p.type === 'path') return byType;
  // A declared schema (an enum, bounds) refines the type; a value that is no usable segment falls back to it.
  return fc.oneof(
    valueArb(schema)
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .filter((s) => s !== '' && s !== '.' && s !== '..')
      .map(encodeURIComponent),
    byType,
  );
}

/** A query or header value as text: arrays are handled by the caller, objects as JSON. */
function textOf(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function pairsOf(name: string, v: unknown): Array<[string, string]> {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map((x) => [name, textOf(x)]);
  return [[name, textOf(v)]];
}

function paramValueArb(p: HttpParam, variant: HttpVariant): fc.Arbitrary<unknown> {
  const schema = p.schema ?? { type: 'string' };
  return variant === 'edge' && typesOf(schema).length ? fc.oneof(valueArb(schema), edgeArb(schema)) : valueArb(schema);
}

function queryArb(params: HttpParam[], variant: HttpVariant, broken: boolean): fc.Arbitrary<Array<[string, string]>> {
  const each = params.map((p) => {
    const value = paramValueArb(p, variant);
    return p.required ? value : fc.option(value, { nil: undefined });
  });
  const valid = fc.tuple(...each).map((values) => params.flatMap((p, i) => pairsOf(p.name, values[i])));
  if (!broken) return valid;
  // Break one param: leave a required one out, or send text its schema refuses.
  const targets = params.filter(isBreakable);
  return fc.tuple(fc.tuple(...each), fc.constantFrom(...targets)).chain(([values, target]) => {
    const bad = queryBreaker(target.schema);
    const replaced: fc.Arbitrary<string | undefined> = target.required && bad ? fc.oneof(fc.constant(undefined), bad) : (bad ?? fc.constant(undefined));
    return replaced.map((v) =>
      params.flatMap((p, i): Array<[string, string]> => (p === target ? (v === undefined ? [] : [[p.name, v]]) : pairsOf(p.name, values[i]))),
    );
  });
}

/** A query param that can be broken: a required one (left out), or one whose schema refuses some text. */
export function isBreakable(p: HttpParam): boolean {
  return p.required || queryBreaker(p.schema) !== undefined;
}

/** Query text that `schema` refuses, where there is such text: a non-number for a number, a word outside an enum. */
function queryBreaker(schema: JsonSchema | undefined): fc.Arbitrary<string> | undefined {
  if (schema === undefined || typeof schema !== 'object') return undefined;
  const item = typesOf(schema).includes('array') && typeof schema.items === 'object' ? (schema.items as JsonSchema) : schema;
  if (typeof item !== 'object') return undefined;
  if (Array.isArray(item.enum)) return fc.constantFrom('__not_in_enum__', '');
  const types = typesOf(item);
  if (!types.length || types.includes('string')) return typeof item.minLength === 'number' && item.minLength > 0 ? fc.constant('') : undefined;
  if (types.includes('integer') && !types.includes('number')) return fc.constantFrom('abc', '1.5', '');
  if (types.includes('number')) return fc.constantFrom('abc', '');
  if (types.includes('boolean')) return fc.constantFrom('maybe', '2');
  return undefined;
}

/** A header value must be visible ASCII; anything else is percent-encoded. */
function headerSafe(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text.trim() : encodeURIComponent(text);
}

function headersArb(params: HttpParam[], variant: HttpVariant): fc.Arbitrary<Record<string, string>> {
  if (!params.length) return fc.constant({});
  const each = params.map((p) => (p.required ? paramValueArb(p, variant) : fc.option(paramValueArb(p, variant), { nil: undefined })));
  return fc.tuple(...each).map((values) => {
    const out: Record<string, string> = {};
    params.forEach((p, i) => {
      const v = values[i];
      if (v !== undefined && v !== null) out[p.name] = headerSafe(Array.isArray(v) ? v.map(textOf).join(',') : textOf(v));
    });
    return out;
  });
}

function bodyArb(op: HttpOperation, variant: HttpVariant, broken: boolean): fc.Arbitrary<{ json: unknown } | undefined> {
  if (!op.body) {
    if (!BODY_METHODS.has(op.method)) return fc.constant(undefined);
    // Nothing declared: objects of any JSON (what handlers read `req.body.x` from), or none.
    const anyBody = fc.oneof(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), anyJson(1), { maxKeys: 4 }), anyJson());
    return fc.option(
      anyBody.map((json) => ({ json })),
      { nil: undefined },
    );
  }
  const { schema, required } = op.body;
  const value = broken ? invalidArb(schema)! : variant === 'edge' ? fc.oneof(edgeArb(schema), valueArb(schema)) : valueArb(schema);
  const wrapped = value.map((json) => ({ json }));
  // An optional body is sometimes left out; an invalid request that breaks another part keeps a valid body.
  return required || broken ? wrapped : fc.option(wrapped, { nil: undefined, freq: 5 });
}

/** The request on the wire for an example of `op` (no auth yet). */
export function requestOf(op: HttpOperation, example: HttpExample): HttpRequestSpec {
  const spec: HttpRequestSpec = {
    method: op.method,
    path: fillTemplate(op.path, example.pathValues),
    query: example.query,
    headers: { ...example.headers },
  };
  if (example.body !== undefined) {
    spec.body = JSON.stringify(example.body.json) ?? 'null';
    spec.headers['content-type'] = op.body?.contentType ?? 'application/json';
  }
  return spec;
}
