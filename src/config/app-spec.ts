/**
 * The `--app` grammar, in one place: `FILE[:EXPORT]` with a Node module extension is a
 * Node app, `module.path:attr` or `module.path:factory()` is a Python ASGI app (as uvicorn
 * imports it), anything else is one USAGE line. The config file, the target start, the
 * reproduce line and the exported tests all ask here, so they never disagree on a spec.
 */
import { extname, resolve } from 'node:path';
import { WsroutesError } from '../errors.js';

/** The extensions the Node module loader accepts (tsx and jsx need a JSX transform it does not configure). */
export const NODE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
// A module part is found by its file name, as uvicorn's importlib.import_module finds it:
// `fastapi-fiddle:app` imports fastapi-fiddle.py, so a hyphen (or a leading digit) is fine there.
const MODULE_PART = '[A-Za-z0-9_][A-Za-z0-9_-]*';
const PYTHON_SPEC = new RegExp(`^${MODULE_PART}(?:\\.${MODULE_PART})*:${IDENT}(?:\\.${IDENT})*(?:\\(\\))?$`);
/** A module part that names a file: never a Python module path. */
const FILE_EXTENSION = /\.(?:py|pyw|[cm]?[jt]s|[jt]sx|json)$/i;
const EXPORT_SUFFIX = /^(.*):([A-Za-z_$][\w$]*)$/;

export interface AppSpec {
  /** Absolute path of the module. */
  file: string;
  /** The export named after `:`, if any. */
  exportName?: string;
}

/** The file part and export of `FILE[:EXPORT]` as written (no extension check). */
function splitExport(spec: string): { path: string; exportName?: string } {
  const m = EXPORT_SUFFIX.exec(spec);
  return m && NODE_EXTENSIONS.includes(extname(m[1] ?? '')) ? { path: m[1] ?? '', exportName: m[2] } : { path: spec };
}

/** A Node module spec: `FILE[:EXPORT]` whose FILE has one of NODE_EXTENSIONS. */
export function isNodeSpec(spec: string): boolean {
  return NODE_EXTENSIONS.includes(extname(splitExport(spec).path));
}

/** `module.path:attr` or `module.path:factory()`, with no file extension on the module part. */
export function isPythonSpec(spec: string): boolean {
  const module = spec.split(':')[0] ?? '';
  return PYTHON_SPEC.test(spec) && !FILE_EXTENSION.test(module);
}

function notANodeFile(spec: string): WsroutesError {
  return new WsroutesError('USAGE', `--app ${spec}: a Node app must be a ${NODE_EXTENSIONS.join(' ')} file, optionally followed by :EXPORT`);
}

/** Which kind of app `spec` names; a USAGE error (one line) when it is neither. */
export function appKind(spec: string): 'node' | 'python' {
  if (isNodeSpec(spec)) return 'node';
  if (isPythonSpec(spec)) return 'python';
  // A JSX file is a Node file the loader does not take: say so, not that it is a bad Python spec.
  if (/\.[jt]sx$/i.test(spec.replace(/:[\w$]*$/, ''))) throw notANodeFile(spec);
  throw new WsroutesError('USAGE', `--app ${spec}: expected a Node file (app.ts, app.js[:export]) or a Python app (module.path:attr or module:factory())`);
}

/** `FILE[:EXPORT]`, FILE relative to cwd; a USAGE error when FILE is not a Node module. */
export function parseNodeSpec(spec: string, cwd: string): AppSpec {
  const { path, exportName } = splitExport(spec);
  if (!NODE_EXTENSIONS.includes(extname(path))) throw notANodeFile(spec);
  return { file: resolve(cwd, path), exportName };
}

/** A Node spec with its file resolved by `resolvePath` and its `:EXPORT` kept. */
export function mapNodeSpecFile(spec: string, resolvePath: (file: string) => string): string {
  const { path, exportName } = splitExport(spec);
  return `${resolvePath(path)}${exportName === undefined ? '' : `:${exportName}`}`;
}
