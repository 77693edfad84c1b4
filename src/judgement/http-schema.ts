/**
 * JSON Schema validation of response bodies (`validate_responses`), with ajv: the
 * maintained validator Fastify itself compiles its schemas with. One ajv per draft:
 * OpenAPI 3.1 and Fastify schemas may be draft 2020-12; 3.0 schemas are draft-4-like
 * with `nullable` (turned into a type list here) and `example`, which the lenient instance
 * accepts (strict off: unknown keywords and formats ignored). Compiled validators are cached per schema object.
 */
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { boundedRegExp } from './bounded-pattern.js';
import type { JsonSchema } from '../discovery/http-route.js';

type Plugin = (ajv: Ajv) => Ajv;
type AjvClass = new (opts: typeof options) => Ajv;

// ajv is CommonJS, required on first use: a run that validates no response never loads it (about 50 ms).
const require = createRequire(import.meta.url);
const ajvModule = (name: string): AjvClass => (require(name) as { default: AjvClass }).default;
const addFormats = (ajv: Ajv): Ajv => {
  const m = require('ajv-formats') as { default?: Plugin } & Plugin;
  return (m.default ?? m)(ajv);
};

// code.regExp: a response's `pattern` is the server's text, checked under a time budget (bounded-pattern.ts).
const options = { strict: false, allErrors: false, validateFormats: true, logger: false, code: { regExp: boundedRegExp } } as const;
let draft7: Ajv | undefined;
let draft2020: Ajv | undefined;
const cache = new WeakMap<object, ValidateFunction | null>();

function instanceFor(schema: Record<string, unknown>): Ajv {
  const is2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
  if (is2020) {
    draft2020 ??= addFormats(new (ajvModule('ajv/dist/2020'))(options));
    return draft2020;
  }
  draft7 ??= addFormats(new (ajvModule('ajv'))(options));
  return draft7;
}

/** OpenAPI 3.0's `nullable: true` as a type list ajv understands, deeply. */
function normalise(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalise);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = normalise(v);
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.nullable === 'boolean') delete out.nullable;
  // 3.0 exclusive bounds are booleans beside minimum/maximum; draft 7 wants numbers.
  if (out.exclusiveMinimum === true && typeof out.minimum === 'number') {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  } else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
  if (out.exclusiveMaximum === true && typeof out.maximum === 'number') {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  } else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum;
  return out;
}

/** One line naming what breaks the schema, or undefined when `value` satisfies it (or the schema cannot be compiled). */
export function schemaErrors(schema: JsonSchema, value: unknown): string | undefined {
  if (typeof schema === 'boolean') return schema ? undefined : 'the schema accepts nothing';
  let validate = cache.get(schema);
  if (validate === undefined) {
    try {
      const ready = normalise(schema) as Record<string, unknown>;
      // A bare `$id` would clash between two routes sharing a model: compiled without it.
      const { $id: _id, ...rest } = ready;
      validate = instanceFor(rest).compile(rest);
    } catch {
      validate = null;
    }
    cache.set(schema, validate);
  }
  if (!validate || validate(value)) return undefined;
  const e = validate.errors?.[0];
  if (!e) return 'does not match';
  return `${e.instancePath || '(the body)'} ${e.message ?? 'does not match'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`;
}
