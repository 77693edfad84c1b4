/**
 * pytest-routes' own configuration in pyproject.toml, read so that a Python project set
 * up for pytest-routes runs unchanged (PRODUCT.md section 2): `[tool.pytest-routes]`,
 * `[[tool.pytest-routes.routes]]` and `[tool.pytest-routes.websocket]`, with the key
 * names and units (seconds) of pytest-routes 0.4.1. Validated with strict zod schemas
 * (a key wsroutes shares has the option table's schema, as in a config file; `app` is the
 * Python half of the `--app` grammar): an unknown key or a wrong type is one
 * WsroutesError('CONFIG') line naming the file, the key path and, for an unknown key, the
 * nearest known one. The mapping to Options is the table's `pytest` keys.
 *
 * What maps where (everything else is accepted and ignored):
 * - `app`, `seed`, `max_examples`, `verbose` -> the same Options.
 * - `websocket.*` -> the WebSocket Options (seconds become milliseconds).
 * - `timeout` (pytest-routes' per-route timeout, which its WebSocket client also uses as
 *   its default connect timeout) -> connectionTimeoutMs, unless `websocket.connection_timeout`
 *   is set.
 * - `auth` (`bearer_token`, or `api_key` with `header_name` / `query_param`; default header
 *   X-API-Key as in pytest-routes) -> the `--auth` spec; `$VAR` stays for --auth to expand.
 * - top-level `include` / `exclude` filter HTTP routes in pytest-routes, never its WebSocket
 *   routes: they are `httpInclude` / `httpExclude` here; the WebSocket filters are
 *   `websocket.include` / `websocket.exclude`.
 * - `framework`: discovery recognises the app by itself; the value is only checked.
 * - The HTTP keys `methods`, `fail_on_5xx`, `allowed_status_codes`, `validate_responses` ->
 *   the same Options (used with `--http`); `response_validators` is accepted and shown by
 *   --verbose (its entries name Python classes); `strategy`, `fail_on_validation_error` and
 *   the `schemathesis`, `report` and `stateful` tables are accepted and ignored.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import type { Options, RouteOverride } from './options.js';
import { MAX_EXAMPLES, MAX_TIMEOUT_SECONDS } from './limits.js';
import { OPTION_TABLE, type OptionDef } from './option-table.js';
import { seconds as secondsValue } from './option-values.js';
import { WsroutesError } from '../errors.js';
import { isPythonSpec } from './app-spec.js';
import { nearestKey } from './nearest.js';

const SECTION = 'tool.pytest-routes';

/** The schema of the option `[tool.pytest-routes]` has at `path`: the option table's, as a config file's key is checked. */
function tableSchema(path: string): z.ZodType {
  const d = (OPTION_TABLE as readonly OptionDef[]).find((o) => o.pytest === path);
  if (!d) throw new Error(`no option has the pytest-routes key ${path}`);
  return d.value.schema(z).optional();
}

// A Python app spec as uvicorn takes it (`pkg.module:attr`, `pkg.module:create_app()`): pytest-routes runs Python apps only.
const appSpec = z.string().refine(isPythonSpec, { error: 'module.path:attr or module.path:factory()' });
const count = z.int().min(1);
const seconds = z.number().positive().max(MAX_TIMEOUT_SECONDS);
const anyTable = z.record(z.string(), z.unknown());

const authSchema = z.strictObject({
  bearer_token: z.string().optional(),
  api_key: z.string().optional(),
  header_name: z.string().optional(),
  query_param: z.string().optional(),
});

const routeSchema = z
  .strictObject({
    pattern: z.string().optional(),
    /** Not a pytest-routes key: accepted as a spelling of `pattern`. */
    path: z.string().optional(),
    max_examples: count.max(MAX_EXAMPLES).optional(),
    skip: z.boolean().optional(),
    // pytest-routes' per-route HTTP settings; no WebSocket meaning here.
    timeout: seconds.optional(),
    auth: authSchema.optional(),
    allowed_status_codes: z.array(z.int()).optional(),
  })
  .refine((r) => (r.pattern === undefined) !== (r.path === undefined), { error: 'exactly one of pattern or path' });

const websocketSchema = z.strictObject({
  enabled: tableSchema('websocket.enabled'),
  max_messages: tableSchema('websocket.max_messages'),
  connection_timeout: tableSchema('websocket.connection_timeout'),
  message_timeout: tableSchema('websocket.message_timeout'),
  max_message_size: tableSchema('websocket.max_message_size'),
  test_close_codes: tableSchema('websocket.test_close_codes'),
  validate_subprotocols: tableSchema('websocket.validate_subprotocols'),
  include: tableSchema('websocket.include'),
  exclude: tableSchema('websocket.exclude'),
});

const toolSchema = z.strictObject({
  app: appSpec.optional(),
  framework: z.enum(['auto', 'litestar', 'fastapi', 'starlette', 'falcon', 'quart', 'channels', 'asgi']).optional(),
  max_examples: tableSchema('max_examples'),
  timeout: seconds.optional(),
  seed: tableSchema('seed'),
  include: tableSchema('include'),
  exclude: tableSchema('exclude'),
  verbose: tableSchema('verbose'),
  auth: authSchema.optional(),
  routes: z.array(routeSchema).optional(),
  websocket: websocketSchema.optional(),
  // HTTP testing keys of pytest-routes (used with --http).
  methods: tableSchema('methods'),
  fail_on_5xx: tableSchema('fail_on_5xx'),
  allowed_status_codes: tableSchema('allowed_status_codes'),
  validate_responses: tableSchema('validate_responses'),
  response_validators: tableSchema('response_validators'),
  strategy: z.enum(['random', 'openapi', 'hybrid']).optional(),
  fail_on_validation_error: z.boolean().optional(),
  // pytest-routes features wsroutes does not have; their tables are theirs to check.
  schemathesis: anyTable.optional(),
  report: anyTable.optional(),
  stateful: anyTable.optional(),
});

/** The `[tool.pytest-routes]` table as written (snake_case keys, seconds), validated. */
export type PyprojectValues = z.infer<typeof toolSchema>;

/** A `[[tool.pytest-routes.routes]]` entry is an Options route override: a glob on the route template. */
export type { RouteOverride };

/**
 * Reads `dir/pyproject.toml`. Undefined when the file does not exist or has no
 * `[tool.pytest-routes]` table; throws WsroutesError('CONFIG') when it is not valid TOML
 * or the table has an unknown key or a value of the wrong type.
 */
export async function readPyproject(dir: string): Promise<{ file: string; values: PyprojectValues } | undefined> {
  const file = join(dir, 'pyproject.toml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WsroutesError('CONFIG', `${file}: cannot read it: ${(err as Error).message}`);
  }
  const values = parsePyproject(text, file);
  return values ? { file, values } : undefined;
}

/** The validated `[tool.pytest-routes]` table of a pyproject.toml text, or undefined without one. */
export function parsePyproject(text: string, file = 'pyproject.toml'): PyprojectValues | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      const what = err.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
      throw new WsroutesError('CONFIG', `${file}: invalid TOML at line ${err.line}, column ${err.column}: ${what}`);
    }
    throw err;
  }
  const tool = doc.tool;
  if (tool === undefined || tool === null || typeof tool !== 'object' || !('pytest-routes' in tool)) return undefined;
  const table = (tool as Record<string, unknown>)['pytest-routes'];
  const result = toolSchema.safeParse(table);
  if (!result.success) throw new WsroutesError('CONFIG', `${file}: ${describeIssues(result.error.issues, table)}`);
  return result.data;
}

/**
 * Options from the table (keys absent from the file are absent here, so CLI and defaults
 * fill them): each option-table entry with a `pytest` key, read as its config key is (the
 * same units: seconds). `auth` and pytest-routes' `timeout` fallback are pytest-routes' own shapes.
 */
export function pyprojectToOptions(values: PyprojectValues): Partial<Options> {
  const options: Record<string, unknown> = {};
  // Nothing in the table's pytest keys is a path: the directory is never read.
  const place = { dir: '.', cwd: '.' };
  for (const d of OPTION_TABLE as readonly OptionDef[]) {
    if (d.pytest === undefined) continue;
    const value = d.pytest.split('.').reduce<unknown>((table, key) => (table as Record<string, unknown> | undefined)?.[key], values);
    if (value !== undefined) options[d.key] = d.value.fromConfig ? d.value.fromConfig(value, place) : value;
  }
  // pytest-routes' per-route `timeout` is also its WebSocket client's default connect timeout.
  if (options.connectionTimeoutMs === undefined && values.timeout !== undefined) options.connectionTimeoutMs = secondsValue.fromConfig!(values.timeout, place);
  const auth = authSpec(values.auth);
  if (auth !== undefined) options.auth = auth;
  return options as Partial<Options>;
}

/** The `[[tool.pytest-routes.routes]]` entries, in file order (pytest-routes applies the first match). */
export function pyprojectRouteOverrides(values: PyprojectValues): RouteOverride[] {
  return (values.routes ?? []).map((r) => {
    const override: RouteOverride = { pattern: (r.pattern ?? r.path)! };
    if (r.max_examples !== undefined) override.maxExamples = r.max_examples;
    if (r.skip !== undefined) override.skip = r.skip;
    return override;
  });
}

/** pytest-routes' `[tool.pytest-routes.auth]` as an `--auth` spec. */
function authSpec(auth: PyprojectValues['auth']): string | undefined {
  if (!auth) return undefined;
  if (auth.bearer_token !== undefined) return `bearer:${auth.bearer_token}`;
  if (auth.api_key === undefined) return undefined;
  if (auth.query_param !== undefined) return `query:${auth.query_param}:${auth.api_key}`;
  return `header:${auth.header_name ?? 'X-API-Key'}:${auth.api_key}`;
}

// ---- one-line messages -------------------------------------------------------------

type Issue = z.core.$ZodIssue;

function keyPath(path: readonly PropertyKey[]): string {
  let out = SECTION;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

/** The schema at `path` in the table's schema (optional wrappers removed), if there is one. */
function schemaAt(path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType = unwrap(toolSchema);
  for (const p of path) {
    if (typeof p === 'number' && schema instanceof z.ZodArray) schema = unwrap(schema.element as z.core.$ZodType);
    else if (schema instanceof z.ZodObject && String(p) in schema.shape) schema = unwrap(schema.shape[String(p)] as z.core.$ZodType);
    else return undefined;
  }
  return schema;
}

/** The known keys of the table at `path`, for "did you mean". */
function knownKeys(path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.core.$ZodType;
  return s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  return 'a table';
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'a table',
  record: 'a table',
};

function describeIssue(issue: Issue, root: unknown): string {
  const got = describeValue(valueAt(root, issue.path));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const near = nearest(key, knownKeys(issue.path));
      return `${keyPath([...issue.path, key])}: unknown key${near ? ` (did you mean "${near}"?)` : ''}`;
    }
    case 'invalid_type': {
      // z.int() says "number" when the value is no number at all: name what the key wants.
      const wanted = schemaAt(issue.path) instanceof z.ZodNumber && (schemaAt(issue.path) as z.ZodNumber).isInt ? 'int' : issue.expected;
      return `${keyPath(issue.path)}: expected ${EXPECTED[wanted] ?? wanted}, got ${got}`;
    }
    case 'too_small':
      return issue.origin === 'array'
        ? `${keyPath(issue.path)}: expected at least ${String(issue.minimum)} item(s)`
        : `${keyPath(issue.path)}: expected at least ${String(issue.minimum)}, got ${got}`;
    case 'too_big':
      return `${keyPath(issue.path)}: expected at most ${String(issue.maximum)}, got ${got}`;
    case 'invalid_value':
      return `${keyPath(issue.path)}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'invalid_format':
    case 'custom':
      return `${keyPath(issue.path)}: expected ${issue.message}, got ${got}`;
    default:
      return `${keyPath(issue.path)}: ${issue.message}`;
  }
}

/** One line for the whole error: the first problem (unknown keys first: a typo explains the rest). */
function describeIssues(issues: readonly Issue[], root: unknown): string {
  const sorted = [...issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  const more = issues.length - 1;
  return describeIssue(sorted[0]!, root) + (more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '');
}

/** The known key closest to `key`, when it is close enough to be a typo (shared with the other config sources). */
export const nearest = nearestKey;
