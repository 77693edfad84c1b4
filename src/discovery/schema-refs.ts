/**
 * `$ref`s kept as references in discovered schemas. Inlining each `$ref` (even a few
 * times per path) grows exponentially with mutually recursive models: five pydantic
 * models that hold each other made one body schema 15 MB and hung discovery. So a
 * reference to `#/components/schemas/Name` becomes `{ $ref: '#/$defs/Name' }`, the root
 * of every schema handed out carries the models it reaches under `$defs` (one shared
 * object per model: no copies), and the node holds its target under REF_TARGET, a symbol
 * key JSON and ajv never see, so generation follows it without the root
 * (generation/http-schema.ts, to a bounded depth) and ajv resolves `#/$defs/Name` itself.
 */
import type { JsonSchema } from './http-route.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** On a `{ $ref }` node: the schema it names. Enumerable, so `{ ...node }` keeps it. */
export const REF_TARGET: unique symbol = Symbol('wsroutes.refTarget');

export const DEFS_PREFIX = '#/$defs/';

/** The schema a `{ $ref }` node of a discovered schema names, else undefined. */
export function refTarget(schema: unknown): JsonSchema | undefined {
  return isObj(schema) ? ((schema as { [REF_TARGET]?: JsonSchema })[REF_TARGET] ?? undefined) : undefined;
}

/** `{ $ref: '#/$defs/<token>' }` pointing at `target`, with the original node's other keywords. */
export function refNode(token: string, target: JsonSchema, siblings: Obj): Obj {
  return { ...siblings, $ref: `${DEFS_PREFIX}${token}`, [REF_TARGET]: target };
}

/** A JSON-pointer token, decoded (`~1` is `/`, `~0` is `~`, then URI escapes). */
export function decodeToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Every `{ $ref }` node's name and target under `v`, not following the targets. */
function collectRefs(v: unknown, found: Map<string, JsonSchema>): void {
  if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, found);
    return;
  }
  if (!isObj(v)) return;
  const target = refTarget(v);
  if (target !== undefined && typeof v.$ref === 'string') {
    found.set(decodeToken(v.$ref.slice(DEFS_PREFIX.length)), target);
    return;
  }
  for (const [k, x] of Object.entries(v)) if (k !== '$defs') collectRefs(x, found);
}

/** `schema` with the models it reaches, directly or through each other, under `$defs`. */
export function withDefs(schema: JsonSchema): JsonSchema {
  if (!isObj(schema)) return schema;
  const reached = new Map<string, JsonSchema>();
  collectRefs(schema, reached);
  if (!reached.size) return schema;
  const done = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, target] of [...reached]) {
      if (done.has(name)) continue;
      done.add(name);
      const before = reached.size;
      collectRefs(target, reached);
      if (reached.size > before) grew = true;
    }
  }
  return { ...schema, $defs: Object.fromEntries(reached) };
}
