/**
 * The HTTP side of the Node adapters (issue 14, `--http`): every adapter turns what its
 * framework knows about a route (method, path template, and for Fastify its JSON Schemas)
 * into one `Route` of kind 'http' per method and path, so generation and judgement read
 * one shape whatever the framework.
 */
import type { HttpOperation, HttpParam, JsonSchema } from '../../discovery/http-route.js';
import { paramsOf, type PathParam, type Route } from '../../discovery/route.js';
import { bag } from './adapter.js';

/**
 * Whether the run tests HTTP routes (`--http`): then an app with HTTP routes and none
 * of WebSocket starts without its WebSocket plugin. Read from the context by shape, as
 * the start path passes it on (`AdapterContext.http`).
 */
export function httpWanted(ctx: unknown): boolean {
  return bag(ctx)?.http === true;
}

/** The route an operation is: one method on one path. */
export function httpRoute(op: HttpOperation): Route {
  return { path: op.path, kind: 'http', params: op.params, methods: [op.method], http: op };
}

/** An operation with nothing declared but its method and path (Express, Hono). */
export function plainOperation(method: string, path: string, name?: string): HttpOperation {
  return { method: method.toUpperCase(), path, params: paramsOf(path), query: [], ...(name && { name }) };
}

/** Routes of `ops`, one per method and path (the first wins), HEAD dropped where a GET serves the same path. */
export function httpRoutes(ops: Iterable<HttpOperation>): Route[] {
  const byKey = new Map<string, HttpOperation>();
  for (const op of ops) {
    const key = `${op.method} ${op.path}`;
    if (!byKey.has(key)) byKey.set(key, op);
  }
  return [...byKey.values()].filter((op) => op.method !== 'HEAD' || !byKey.has(`GET ${op.path}`)).map(httpRoute);
}

/** A handler's own name, for messages; none for anonymous and bound functions. */
export function handlerName(handler: unknown): string | undefined {
  const name = typeof handler === 'function' ? handler.name : undefined;
  return name && !name.startsWith('bound ') && name !== 'anonymous' ? name : undefined;
}

/** A path param's type, refined by its declared schema (`integer` -> int, `number` -> float, uuid format). */
function refined(param: PathParam, schema: JsonSchema | undefined): PathParam {
  const s = bag(schema);
  const types = ([] as unknown[]).concat(s?.type);
  if (types.includes('integer')) return { ...param, type: 'int' };
  if (types.includes('number')) return { ...param, type: 'float' };
  if (types.includes('string') && s?.format === 'uuid') return { ...param, type: 'uuid' };
  return param;
}

/** A plain JSON copy of a schema (TypeBox's symbol keys and any functions dropped); undefined if it has none. */
function plainJson(value: unknown): JsonSchema | undefined {
  if (typeof value === 'boolean') return value;
  if (bag(value) === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonSchema;
  } catch {
    return undefined; // a cycle: not JSON Schema we can hand on
  }
}

/**
 * Inlines `$ref`s to schemas shared by id (Fastify's `addSchema`: `{ $ref: 'Item#' }`,
 * `'Item#/properties/id'`). Local refs (`#/...`) are left for the validator; where a
 * shared schema refers back to itself, the inner reference accepts anything.
 */
export function resolveRefs(schema: unknown, shared: Readonly<Record<string, unknown>>, seen: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(schema)) return schema.map((s) => resolveRefs(s, shared, seen));
  const s = bag(schema);
  if (!s || typeof schema !== 'object') return schema;
  const ref = s.$ref;
  // A cycle becomes "anything": no dangling $ref for a validator to refuse.
  if (typeof ref === 'string' && seen.has(ref)) return {};
  if (typeof ref === 'string' && !ref.startsWith('#')) {
    const [id = '', pointer = ''] = ref.split('#');
    let target: unknown = shared[id];
    for (const part of pointer.split('/').filter(Boolean)) target = bag(target)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    // Without its `$id`: one schema may inline the same shared one twice, which a validator refuses.
    const { $id: _id, ...inlined } = bag(target) ?? {};
    if (target !== undefined) return resolveRefs(bag(target) ? inlined : target, shared, new Set([...seen, ref]));
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, resolveRefs(v, shared, seen)]));
}

/** An object schema's properties, also in Fastify's shorthand (the properties given bare). */
function propertiesOf(schema: unknown): { props: Record<string, unknown>; required: string[] } {
  const s = bag(schema);
  if (!s) return { props: {}, required: [] };
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  if (bag(s.properties)) return { props: s.properties as Record<string, unknown>, required };
  const shorthand = s.type === undefined && Object.values(s).length > 0 && Object.values(s).every((v) => bag(v) !== undefined);
  return { props: shorthand ? s : {}, required };
}

function paramsFrom(schema: unknown): HttpParam[] {
  const { props, required } = propertiesOf(schema);
  return Object.entries(props).map(([name, prop]) => {
    const s = plainJson(prop);
    return { name, required: required.includes(name), ...(s !== undefined && { schema: s }) };
  });
}

/** A schema given per content type (`{ content: { 'application/json': { schema } } }`): its JSON one. */
function byContentType(schema: unknown): { contentType: string; schema: unknown } {
  const content = bag(bag(schema)?.content);
  if (!content) return { contentType: 'application/json', schema };
  const type = Object.keys(content).find((t) => /json/i.test(t)) ?? Object.keys(content)[0] ?? 'application/json';
  return { contentType: type, schema: bag(content[type])?.schema };
}

/** `2xx` (Fastify) as OpenAPI's `2XX`; other keys as they are. */
const statusKey = (key: string): string => (/^[1-5]xx$/i.test(key) ? key.toUpperCase() : key);

const NO_BODY = new Set(['GET', 'HEAD']);

/**
 * One Fastify route method as an operation, from its route `schema` (plain JSON Schema
 * or TypeBox, which is JSON Schema): `params`, `querystring`, `headers`, `body`, `response`.
 */
export function fastifyOperation(method: string, url: string, routeSchema: unknown, shared: Readonly<Record<string, unknown>>, name?: string): HttpOperation {
  const schema = bag(resolveRefs(plainJson(routeSchema) ?? {}, shared)) ?? {};
  const op = plainOperation(method, url, typeof schema.operationId === 'string' ? schema.operationId : name);
  const pathSchemas: Record<string, JsonSchema> = {};
  for (const p of paramsFrom(schema.params)) if (p.schema !== undefined) pathSchemas[p.name] = p.schema;
  if (Object.keys(pathSchemas).length > 0) {
    op.pathSchemas = pathSchemas;
    op.params = op.params.map((p) => refined(p, pathSchemas[p.name]));
  }
  op.query = paramsFrom(schema.querystring ?? schema.query);
  const headers = paramsFrom(schema.headers);
  if (headers.length > 0) op.headers = headers;
  if (schema.body !== undefined && !NO_BODY.has(op.method)) {
    const body = byContentType(schema.body);
    const bodySchema = plainJson(body.schema);
    if (bodySchema !== undefined) op.body = { required: true, contentType: body.contentType, schema: bodySchema };
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [status, declared] of Object.entries(bag(schema.response) ?? {})) {
    const s = plainJson(byContentType(declared).schema);
    if (s !== undefined) responses[statusKey(status)] = s;
  }
  if (Object.keys(responses).length > 0) op.responses = responses;
  return op;
}
