/**
 * Loads the user's app module in-process, TypeScript included, and picks its export.
 *
 * tsx's hooks are registered for both module systems (the ESM hook alone fails on a
 * CommonJS .ts app), then the file is loaded with Node's own `import()`: tsImport()
 * would load ESM-only packages (Hono) a second time. When our own source was rewritten
 * by a bundler's module runner (Vitest's, running wsroutes from source), its import()
 * is no longer Node's and cannot load .cts files: then the import() is compiled by `vm`
 * against the main context's loader (experimental in Node 20, so only then).
 * A CommonJS file is loaded with require() instead: on Node 20, once a loader hook hands
 * back CommonJS source, the ESM translator's require() of a .json file fails (express
 * needs one), so CommonJS stays with Node's CommonJS loader (and tsx's hook for it).
 * TypeScript follows the tsconfig.json nearest to the app file (decorator-metadata.ts).
 * Each start evaluates the app file afresh (a query on the URL, or out of require's
 * cache): a stopped app is closed for good, and the next start needs a new one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { AppSpec } from '../../config/app-spec.js';
import { assertFile } from '../../config/file-kind.js';
import { WsroutesError } from '../../errors.js';
import { emitDecoratorMetadataFor, nearestTsconfig } from './decorator-metadata.js';
import { syntaxErrorLine } from './syntax-error.js';

export type { AppSpec } from '../../config/app-spec.js';

let registration: { tsconfig: string | undefined; unregister: () => Promise<void> } | undefined;

/**
 * tsx for both module systems with the app's own tsconfig (tsx would read the one in
 * cwd): registered again when another app's tsconfig differs.
 */
async function registerTsx(tsconfig: string | undefined): Promise<void> {
  if (registration && registration.tsconfig === tsconfig) return;
  await registration?.unregister();
  // Imported on first use: a Python or --url run never pays tsx's start-up.
  const [{ register: registerEsm }, { register: registerCjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  const unregisterEsm = registerEsm({ tsconfig });
  // tsx's CommonJS hook reads its tsconfig from the environment when registered.
  const saved = process.env.TSX_TSCONFIG_PATH;
  if (tsconfig !== undefined) process.env.TSX_TSCONFIG_PATH = tsconfig;
  const unregisterCjs = registerCjs();
  if (saved === undefined) delete process.env.TSX_TSCONFIG_PATH;
  else process.env.TSX_TSCONFIG_PATH = saved;
  const unregister = async (): Promise<void> => {
    unregisterCjs();
    await unregisterEsm();
  };
  registration = { tsconfig, unregister };
}

type Importer = (specifier: string) => Promise<Record<string, unknown>>;
const plainImport: Importer = (specifier) => import(specifier);
let nativeImport: Importer | undefined;

export function importNatively(url: string): Promise<Record<string, unknown>> {
  nativeImport ??= plainImport.toString().includes('import(')
    ? plainImport
    : (vm.compileFunction('return import(specifier)', ['specifier'], {
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      }) as Importer);
  return nativeImport(url);
}

/** The `type` of the package.json nearest to `file`. */
function packageType(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function isCommonJs(file: string): boolean {
  const ext = extname(file);
  if (ext === '.cts' || ext === '.cjs') return true;
  if (ext === '.mts' || ext === '.mjs') return false;
  return packageType(file) !== 'module';
}

/** A CommonJS module's exports as an ESM-like namespace. */
function namespaceOf(exports: unknown): Record<string, unknown> {
  const obj = typeof exports === 'object' && exports !== null ? (exports as Record<string, unknown>) : undefined;
  if (obj?.__esModule) return { ...obj };
  const proto: unknown = obj ? Object.getPrototypeOf(obj) : undefined;
  const plain = obj !== undefined && (proto === Object.prototype || proto === null);
  return { ...(plain ? obj : {}), default: exports };
}

const loads = new Map<string, number>();

/** The module's namespace; APP_NOT_FOUND when the file is missing, APP_START_FAILED when it throws. */
export async function loadModule(file: string): Promise<Record<string, unknown>> {
  if (!existsSync(file)) throw new WsroutesError('APP_NOT_FOUND', `App module not found: ${file}`);
  assertFile(file, file);
  const tsconfig = nearestTsconfig(file);
  await registerTsx(tsconfig);
  if (tsconfig) emitDecoratorMetadataFor(file, tsconfig);
  const n = loads.get(file) ?? 0;
  loads.set(file, n + 1);
  try {
    if (isCommonJs(file)) {
      const require = createRequire(file);
      delete require.cache[file];
      return namespaceOf(require(file));
    }
    const url = pathToFileURL(file);
    if (n > 0) url.searchParams.set('wsroutes-load', String(n));
    return await importNatively(url.href);
  } catch (err) {
    const syntax = syntaxErrorLine(err);
    if (syntax) throw new WsroutesError('APP_START_FAILED', `syntax error in ${syntax}`, { cause: err });
    throw new WsroutesError('APP_START_FAILED', `${file} threw while loading: ${errorMessage(err)}`, { cause: err });
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function exportNames(ns: Record<string, unknown>): string[] {
  return Object.keys(ns)
    .filter((k) => k !== '__esModule')
    .sort();
}

function exportOf(ns: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(ns, name) ? ns[name] : undefined;
}

/**
 * The export to start: EXPORT when named, else `default` when it looks usable
 * (`usable(value)`), else `app`, else `default`.
 */
export function pickExport(ns: Record<string, unknown>, spec: AppSpec, usable: (value: unknown) => boolean): { name: string; value: unknown } {
  const missing = (what: string): WsroutesError => {
    const names = exportNames(ns);
    const has = names.length > 0 ? `it exports: ${names.join(', ')}` : 'it has no exports';
    return new WsroutesError('APP_NOT_FOUND', `${spec.file} has no ${what} (${has}); name one with FILE:EXPORT`);
  };
  if (spec.exportName !== undefined) {
    const value = exportOf(ns, spec.exportName);
    if (value === undefined) throw missing(`export "${spec.exportName}"`);
    return { name: spec.exportName, value };
  }
  const def = ns.default;
  const app = exportOf(ns, 'app');
  if (def !== undefined && usable(def)) return { name: 'default', value: def };
  if (app !== undefined) return { name: 'app', value: app };
  if (def !== undefined) return { name: 'default', value: def };
  throw missing('default or "app" export');
}
