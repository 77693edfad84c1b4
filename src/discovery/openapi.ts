/**
 * HTTP operations out of an OpenAPI document (3.0 and 3.1), and `--openapi FILE|URL`.
 * FastAPI and Litestar hand over the document they generate; any running server that
 * serves one is tested from it. What generation needs is kept: method, path template,
 * path/query/header params with their schemas, the JSON request body, JSON response
 * schemas by status. Local `$ref`s to the document's structure are inlined (a cycle cut
 * at a depth bound); references to models stay references, with the models each schema
 * reaches under its `$defs` (`schema-refs.ts`), so recursive models cost their size once. A malformed document is one CONFIG line, never a trace.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { WsroutesError } from '../errors.js';
import type { HttpOperation, HttpParam, JsonSchema } from './http-route.js';
import type { ParamType, PathParam } from './route.js';
import { paramsOf } from './route.js';
import { decodeToken, refNode, refTarget, withDefs } from './schema-refs.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** The largest document read (the largest public ones, GitHub's and Stripe's, are under 15 MB). */
export const MAX_OPENAPI_BYTES = 32 * 1024 * 1024;
/** Redirects followed, each within the document URL's origin. */
const MAX_REDIRECTS = 5;
/** How many times one `$ref` to the structure (not a model) may be entered along one path before it is cut. */
const MAX_REF_DEPTH = 3;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function operationsFromOpenApi(doc: unknown): HttpOperation[] {
  if (!isObj(doc) || (typeof doc.openapi !== 'string' && typeof doc.swagger !== 'string')) {
    throw new WsroutesError('CONFIG', 'the OpenAPI document has no "openapi" version field: not an OpenAPI document');
  }
  if (typeof doc.swagger === 'string') throw new WsroutesError('CONFIG', `Swagger ${doc.swagger} documents are not supported: give an OpenAPI 3.x document`);
  const deref = dereferencer(doc);
  const paths = isObj(doc.paths) ? doc.paths : {};
  const out: HttpOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(rawItem);
    if (!isObj(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = deref(item[method]);
      if (!isObj(op)) continue;
      out.push(operation(method.toUpperCase(), path, op, shared, deref));
    }
  }
  return out;
}

function operation(method: string, path: string, op: Obj, shared: unknown[], deref: (v: unknown) => unknown): HttpOperation {
  // Operation-level parameters override path-level ones of the same name and place.
  const byKey = new Map<string, Obj>();
  for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
    const p = deref(raw);
    if (isObj(p) && typeof p.name === 'string' && typeof p.in === 'string') byKey.set(`${p.in}:${p.name}`, p);
  }
  const params = [...byKey.values()];
  const schemaOf = (p: Obj): JsonSchema | undefined => {
    if (p.schema !== undefined) return withDefs(deref(p.schema) as JsonSchema);
    // `content` instead of `schema` (a JSON-encoded parameter): its one media type's schema.
    const content = isObj(p.content) ? Object.values(p.content)[0] : undefined;
    return isObj(content) && content.schema !== undefined ? withDefs(deref(content.schema) as JsonSchema) : undefined;
  };
  const listed = (where: string): HttpParam[] =>
    params
      .filter((p) => p.in === where)
      .map((p) => {
        const schema = schemaOf(p);
        return { name: p.name as string, required: p.required === true, ...(schema !== undefined ? { schema } : {}) };
      });
  const pathSchemas: Record<string, JsonSchema> = {};
  for (const p of listed('path')) if (p.schema !== undefined) pathSchemas[p.name] = p.schema;
  const typed: PathParam[] = paramsOf(path).map((p) => ({ name: p.name, type: pathSchemas[p.name] ? paramType(pathSchemas[p.name]!) : p.type }));

  const result: HttpOperation = { method, path, params: typed, query: listed('query') };
  if (Object.keys(pathSchemas).length) result.pathSchemas = pathSchemas;
  const headers = listed('header').filter((h) => !/^(accept|content-type|authorization)$/i.test(h.name));
  if (headers.length) result.headers = headers;
  const body = requestBody(deref(op.requestBody), deref);
  if (body) result.body = body;
  const responses = responseSchemas(deref(op.responses), deref);
  if (responses) result.responses = responses;
  const name = typeof op.operationId === 'string' ? op.operationId : typeof op.summary === 'string' ? op.summary : undefined;
  if (name) result.name = name;
  return result;
}

function paramType(schema: JsonSchema): ParamType {
  if (typeof schema !== 'object') return 'str';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer') return 'int';
  if (type === 'number') return 'float';
  if (type === 'string' && schema.format === 'uuid') return 'uuid';
  return 'str';
}

/** The JSON media type of a content map (`application/json`, `application/problem+json`, `*\/*`). */
function jsonMedia(content: unknown): { type: string; media: Obj } | undefined {
  if (!isObj(content)) return undefined;
  const entries = Object.entries(content).filter((e): e is [string, Obj] => isObj(e[1]));
  const json = entries.find(([t]) => /^application\/([\w.+-]*\+)?json\b/i.test(t)) ?? entries.find(([t]) => t === '*/*');
  return json ? { type: json[0], media: json[1] } : undefined;
}

function requestBody(body: unknown, deref: (v: unknown) => unknown): HttpOperation['body'] {
  if (!isObj(body)) return undefined;
  const json = jsonMedia(body.content);
  if (json) {
    const contentType = json.type === '*/*' ? 'application/json' : json.type;
    return { required: body.required === true, contentType, schema: withDefs((deref(json.media.schema) as JsonSchema | undefined) ?? {}) };
  }
  return undefined;
}

function responseSchemas(responses: unknown, deref: (v: unknown) => unknown): Record<string, JsonSchema> | undefined {
  if (!isObj(responses)) return undefined;
  const out: Record<string, JsonSchema> = {};
  for (const [status, raw] of Object.entries(responses)) {
    const r = deref(raw);
    const json = isObj(r) ? jsonMedia(r.content) : undefined;
    if (json && json.media.schema !== undefined) out[status.toUpperCase()] = withDefs(deref(json.media.schema) as JsonSchema);
  }
  return Object.keys(out).length ? out : undefined;
}

/** A reference to a model: kept as a reference (`schema-refs.ts`), never inlined. */
const MODEL_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * Inlines local `$ref`s to the document's structure (parameters, bodies, responses, path
 * items), deeply, with a bound per ref along each path (cycles become `{}`), and keeps
 * references to models (`#/components/schemas/Name`) as `#/$defs/Name` nodes, each model
 * rewritten once and shared. Siblings of a `$ref` (3.1 allows `description` and friends
 * there) are kept over the target.
 */
function dereferencer(doc: Obj): (v: unknown) => unknown {
  const lookup = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return {};
    let at: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeToken(raw);
      at = isObj(at) ? at[key] : Array.isArray(at) ? at[Number(key)] : undefined;
    }
    return at ?? {};
  };
  const models = new Map<string, Obj>();
  const model = (token: string): Obj => {
    let def = models.get(token);
    if (!def) {
      // Registered before its walk: a model that reaches itself points at this same object.
      def = {};
      models.set(token, def);
      const walked = walk(lookup(`#/components/schemas/${token}`), []);
      if (isObj(walked)) Object.assign(def, walked);
    }
    return def;
  };
  const walk = (v: unknown, seen: readonly string[]): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, seen));
    if (!isObj(v) || refTarget(v) !== undefined) return v;
    if (typeof v.$ref === 'string') {
      const { $ref: ref, ...siblings } = v;
      const named = MODEL_REF.exec(ref);
      if (named) return refNode(named[1]!, model(named[1]!), walkEntries(siblings, seen));
      if (seen.filter((s) => s === ref).length >= MAX_REF_DEPTH) return {};
      const target = walk(lookup(ref), [...seen, ref]);
      return isObj(target) ? { ...target, ...walkEntries(siblings, seen) } : target;
    }
    return walkEntries(v, seen);
  };
  const walkEntries = (o: Obj, seen: readonly string[]): Obj => Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x, seen)]));
  return (v) => walk(v, []);
}

/**
 * `--openapi FILE|URL`: the document, parsed. A URL (`http(s)://`) or a path starting
 * with `/` when a server is running (`baseUrl`) is fetched from the server; anything
 * else is a file, relative to `cwd`. JSON only (FastAPI, Litestar and most servers
 * serve JSON); a YAML document is refused with a line saying so. At most 32 MB is read,
 * and a redirect is followed only within the same origin.
 */
export async function loadOpenApi(spec: string, opts: { cwd: string; baseUrl?: string; timeoutMs: number }): Promise<unknown> {
  const isUrl = /^https?:\/\//i.test(spec);
  let text: string;
  if (isUrl || (spec.startsWith('/') && opts.baseUrl && !(await isFile(spec)))) {
    const url = isUrl ? spec : new URL(spec, httpBase(opts.baseUrl!)).toString();
    text = await fetchDocument(spec, url, opts.timeoutMs);
  } else {
    text = await readDocument(spec, resolvePath(opts.cwd, spec));
  }
  try {
    return JSON.parse(text);
  } catch {
    const yaml = /^\s*(openapi|swagger)\s*:/m.test(text);
    throw new WsroutesError('CONFIG', `--openapi ${spec}: ${yaml ? 'YAML documents are not supported: give the JSON form' : 'not valid JSON'}`);
  }
}

const tooLarge = (spec: string): WsroutesError =>
  new WsroutesError('CONFIG', `--openapi ${spec}: the document is larger than ${MAX_OPENAPI_BYTES / 1024 / 1024} MB: not read`);

async function readDocument(spec: string, file: string): Promise<string> {
  try {
    const s = await stat(file);
    // A FIFO or a device would be read for good (a FIFO's size is 0).
    if (!s.isFile()) {
      const kind = s.isFIFO() ? 'a FIFO' : s.isDirectory() ? 'a directory' : 'a device or a socket';
      throw new WsroutesError('CONFIG', `--openapi ${spec}: it is ${kind}, not a file`);
    }
    if (s.size > MAX_OPENAPI_BYTES) throw tooLarge(spec);
    return await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof WsroutesError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new WsroutesError('CONFIG', `--openapi ${spec}: ${code === 'ENOENT' ? 'file not found' : `cannot read it (${code ?? (err as Error).message})`}`);
  }
}

/**
 * The document at `url`, within `timeoutMs` for the whole exchange, at most
 * MAX_OPENAPI_BYTES, following redirects only within the URL's origin: a server must not
 * send wsroutes' request (and the headers a later version may add) to another host.
 */
async function fetchDocument(spec: string, url: string, timeoutMs: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let at = new URL(url);
  try {
    for (let hops = 0; ; hops++) {
      const res = await fetch(at, { signal, redirect: 'manual', headers: { accept: 'application/json' } });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location !== null) {
        await res.body?.cancel();
        const next = new URL(location, at);
        if (next.origin !== at.origin) {
          throw new WsroutesError('CONFIG', `--openapi ${spec}: the server redirects to ${next.origin}, another origin: not followed (give that URL itself)`);
        }
        if (hops >= MAX_REDIRECTS) throw new WsroutesError('CONFIG', `--openapi ${spec}: more than ${MAX_REDIRECTS} redirects`);
        at = next;
        continue;
      }
      if (!res.ok) throw new WsroutesError('CONFIG', `--openapi ${spec}: the server answered HTTP ${res.status}`);
      return await readCapped(res, spec);
    }
  } catch (err) {
    if (err instanceof WsroutesError) throw err;
    const cause = (err as Error).cause;
    throw new WsroutesError('UNREACHABLE', `--openapi ${spec}: cannot fetch it: ${cause ? String((cause as Error).message) : (err as Error).message}`);
  }
}

/** The body as text, refused as soon as it passes MAX_OPENAPI_BYTES (an endless body included). */
async function readCapped(res: Response, spec: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_OPENAPI_BYTES) {
    await res.body?.cancel();
    throw tooLarge(spec);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_OPENAPI_BYTES) {
      await reader.cancel();
      throw tooLarge(spec);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** `ws://host:port/base` -> `http://host:port/base/` (targets hand out their WebSocket base URL). */
export function httpBase(baseUrl: string): string {
  return `${baseUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/+$/, '')}/`;
}
