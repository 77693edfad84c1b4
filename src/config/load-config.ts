/**
 * Finds the one config source of a run and reads it into Options values.
 * Exactly one source is used; the first that exists wins:
 *   1. `--config FILE` (a module, a .json file, a package.json or a pyproject.toml);
 *   2. `wsroutes.config.ts|mts|cts|js|mjs|cjs|json` in the cwd (in that order);
 *   3. the `"wsroutes"` key of the cwd's package.json;
 *   4. the cwd's pyproject.toml, when it has a `[tool.pytest-routes]` table.
 * The others present are listed as `ignored` (printed by --verbose). A module config is
 * loaded by the `importModule` the caller hands in: the CLI and the runners pass the tsx
 * loader apps load through (`targets/node/load-module.ts`), so a .ts config works; config/
 * stays below targets/ in the stage order. A module's loading (its import and its default
 * export's promise) is bounded by `loadTimeoutMs`: one that never settles would otherwise
 * end the process with exit 13 and nothing said.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WsroutesError, isWsroutesError } from '../errors.js';
import { displayPath, errorMessage } from './display-path.js';
import { assertFile } from './file-kind.js';
import type { Options } from './options.js';
import { DEFAULTS } from './options.js';
import { hasPytestRoutes, readText } from './pyproject-source.js';
import { configToOptions } from './to-options.js';

export type ConfigKind = 'module' | 'json' | 'package.json' | 'pyproject';

export interface ConfigSource {
  /** Absolute path. */
  file: string;
  kind: ConfigKind;
}

export interface LoadedConfig {
  source: ConfigSource;
  /** The source as shown to the user: `wsroutes.config.ts`, `package.json "wsroutes"`. */
  label: string;
  /** What it sets, in Options units, paths resolved against its directory. */
  values: Partial<Options>;
  /** Other sources present and not used, as labels. */
  ignored: string[];
}

/** Loads a module's namespace; throws what the module threw. */
export type ModuleImporter = (file: string) => Promise<Record<string, unknown>>;

/** Node's own import(): .js and .mjs configs, no TypeScript. */
export const nativeImport: ModuleImporter = (file) => import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;

export const CONFIG_FILE_NAMES = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'json'].map((ext) => `wsroutes.config.${ext}`);

function kindOf(file: string): ConfigKind {
  if (basename(file) === 'package.json') return 'package.json';
  if (extname(file) === '.toml') return 'pyproject';
  if (extname(file) === '.json') return 'json';
  return 'module';
}

function labelOf(source: ConfigSource, cwd: string): string {
  const path = displayPath(source.file, cwd);
  if (source.kind === 'package.json') return `${path} "wsroutes"`;
  if (source.kind === 'pyproject') return `${path} [tool.pytest-routes]`;
  return path;
}

function readJson(file: string, label: string): unknown {
  const text = readText(file, label);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new WsroutesError('CONFIG', `${label} is not valid JSON: ${errorMessage(e).replace(/\s+/g, ' ')}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Whether a source in the cwd holds wsroutes settings (a package.json or pyproject.toml may not). */
function holdsConfig(source: ConfigSource, cwd: string): boolean {
  if (source.kind === 'package.json') {
    const pkg = readJson(source.file, displayPath(source.file, cwd));
    return isObject(pkg) && Object.hasOwn(pkg, 'wsroutes');
  }
  if (source.kind === 'pyproject') return hasPytestRoutes(source.file, displayPath(source.file, cwd));
  return true;
}

/** The sources present in `cwd`, best first, unchecked. */
function present(cwd: string): ConfigSource[] {
  const names = [...CONFIG_FILE_NAMES, 'package.json', 'pyproject.toml'];
  return names
    .map((name) => resolve(cwd, name))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, kind: kindOf(file) }));
}

/**
 * The exit guard's error (targets/node/exit-guard.ts, by its name: config/ is below
 * targets/): the caller guards `process.exit` while a config loads, so a config that
 * calls it is refused instead of ending wsroutes with its code and nothing said.
 */
function exitCall(e: unknown): string | undefined {
  return e instanceof Error && e.name === 'AppExitError' ? String((e as { exitCode?: unknown }).exitCode ?? '') : undefined;
}

/** `config file LABEL called process.exit(CODE) while loading`: also said by callers whose guard saw a call the config caught. */
export function exitedWhileLoading(label: string, code: string): WsroutesError {
  return new WsroutesError(
    'CONFIG',
    `config file ${label} called process.exit(${code}) while loading: a config exports its settings (wsroutes stopped the call)`,
  );
}

async function readModule(file: string, label: string, importModule: ModuleImporter): Promise<unknown> {
  assertFile(file, `cannot read config file ${label}`, 'CONFIG');
  let ns: Record<string, unknown>;
  try {
    ns = await importModule(file);
  } catch (e) {
    const cause = isWsroutesError(e) && e.cause !== undefined ? e.cause : e;
    const exit = exitCall(cause);
    if (exit !== undefined) throw exitedWhileLoading(label, exit);
    throw new WsroutesError('CONFIG', `config file ${label} threw while loading: ${firstLine(errorMessage(cause))}`, { cause });
  }
  const value = ns.default;
  if (value === undefined) {
    throw new WsroutesError('CONFIG', `config file ${label} has no default export: write \`export default defineConfig({ ... })\``);
  }
  // Awaited here, in the bounded wait: a default export that is a promise is one too.
  if (typeof value !== 'function') return await value;
  try {
    return await (value as () => unknown)();
  } catch (e) {
    const exit = exitCall(e);
    if (exit !== undefined) throw exitedWhileLoading(label, exit);
    throw new WsroutesError('CONFIG', `config file ${label}: its default export threw: ${firstLine(errorMessage(e))}`, { cause: e });
  }
}

/** `load`, or a CONFIG error naming the file once `ms` pass (the timer keeps the process alive meanwhile). */
async function within<T>(ms: number, label: string, load: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const s = Math.round(ms / 100) / 10;
      reject(
        new WsroutesError(
          'CONFIG',
          `config file ${label} did not finish loading within ${s} s (--ws-timeout): a top-level await or a default export's promise that never settles?`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([load, late]);
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

async function read(source: ConfigSource, label: string, cwd: string, loader: Loader): Promise<Partial<Options> | undefined> {
  const place = { dir: dirname(source.file), cwd };
  // Validation needs zod, and only a run with a config file validates one: imported here.
  const { validateConfig } = await import('./validate.js');
  switch (source.kind) {
    case 'module':
      return configToOptions(validateConfig(await within(loader.timeoutMs, label, readModule(source.file, label, loader.importModule)), label), place);
    case 'json':
      return configToOptions(validateConfig(readJson(source.file, label), label), place);
    case 'package.json': {
      const pkg = readJson(source.file, label);
      if (!isObject(pkg) || !Object.hasOwn(pkg, 'wsroutes')) return undefined;
      return configToOptions(validateConfig(pkg.wsroutes, label), place);
    }
    case 'pyproject':
      return (await import('./pyproject-read.js')).readPyprojectOptions(source.file, cwd);
  }
}

interface Loader {
  importModule: ModuleImporter;
  timeoutMs: number;
}

/**
 * The run's config, or undefined when there is none. `explicit` is --config, relative to
 * cwd; `loadTimeoutMs` bounds a module config's loading (default: the connection timeout's, 30 s).
 */
export async function loadConfig(opts: {
  cwd: string;
  explicit?: string;
  importModule?: ModuleImporter;
  loadTimeoutMs?: number;
}): Promise<LoadedConfig | undefined> {
  const { cwd } = opts;
  let source: ConfigSource | undefined;
  let rest = present(cwd);
  if (opts.explicit !== undefined) {
    const file = resolve(cwd, opts.explicit);
    if (!existsSync(file)) throw new WsroutesError('CONFIG', `--config ${opts.explicit}: no such file (${file})`);
    source = { file, kind: kindOf(file) };
    rest = rest.filter((c) => c.file !== file);
  } else {
    // The chosen source's own problems (bad JSON, bad TOML) are errors; so are those of a source passed over.
    while (!source && rest.length) {
      const next = rest.shift()!;
      if (holdsConfig(next, cwd)) source = next;
    }
  }
  if (!source) return undefined;
  const label = labelOf(source, cwd);
  const values = await read(source, label, cwd, {
    importModule: opts.importModule ?? nativeImport,
    timeoutMs: opts.loadTimeoutMs ?? DEFAULTS.connectionTimeoutMs,
  });
  if (!values) {
    const what = source.kind === 'package.json' ? 'has no "wsroutes" key' : 'has no [tool.pytest-routes] table';
    throw new WsroutesError('CONFIG', `--config ${opts.explicit ?? label}: ${displayPath(source.file, cwd)} ${what}`);
  }
  // Lower sources are only named; one that cannot be read is simply not named.
  const ignored = rest.filter((c) => {
    try {
      return holdsConfig(c, cwd);
    } catch {
      return false;
    }
  });
  return { source, label, values, ignored: ignored.map((c) => labelOf(c, cwd)) };
}
