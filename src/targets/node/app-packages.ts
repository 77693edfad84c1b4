/**
 * Packages as the app resolves them, not as wsroutes does: an adapter that must share
 * module state with the app (Hono's node-server keeps its WebSocket hand-over behind a
 * module-private Symbol) loads the very copy the app loaded, with the app's module
 * system (ESM `import` condition for an ESM app, `require` for a CommonJS one), so
 * the dual-package hazard never hands it a second instance.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importNatively, isCommonJs } from './load-module.js';

interface PackageJson {
  name?: string;
  version?: string;
  exports?: unknown;
  module?: string;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readJson(file: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The package.json nearest to `file` (the app's own). */
export function nearestPackageJson(file: string): PackageJson | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) return readJson(pkg);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every name the app's package.json depends on (aliases included: `"x-2": "npm:x@^2"`). */
export function dependencyNames(appFile: string): string[] {
  const pkg = nearestPackageJson(appFile);
  if (!pkg) return [];
  const all = { ...pkg.optionalDependencies, ...pkg.peerDependencies, ...pkg.devDependencies, ...pkg.dependencies };
  return Object.keys(all);
}

/** `@scope/pkg/sub/path` -> `@scope/pkg` and `./sub/path`. */
function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return { name: parts.slice(0, n).join('/'), subpath: rest ? `./${rest}` : '.' };
}

/** The root folder and package.json of package `name` as the app resolves it (`name` may be an alias). */
export function packageOf(appFile: string, name: string): { dir: string; json: PackageJson } | undefined {
  const pkgName = splitSpecifier(name).name;
  let entry: string;
  try {
    entry = createRequire(appFile).resolve(name);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    const json = existsSync(join(dir, 'package.json')) ? readJson(join(dir, 'package.json')) : undefined;
    // The folder the app calls `name` (an alias keeps the real name inside).
    if (json && (json.name === pkgName || dir.endsWith(join('node_modules', pkgName)))) return { dir, json };
  }
  return undefined;
}

/** The `import` target of an exports entry (`"."`), following nested conditions. */
function importTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) return entry.map(importTarget).find((t) => t !== undefined);
  if (typeof entry !== 'object' || entry === null) return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const key of ['node', 'import', 'default']) {
    const target = key in conditions ? importTarget(conditions[key]) : undefined;
    if (target !== undefined) return target;
  }
  return undefined;
}

/** The file an ESM `import` of `subpath` of the package loads. */
function esmEntry(dir: string, json: PackageJson, subpath: string): string | undefined {
  const exp = json.exports;
  const isMap = typeof exp === 'object' && exp !== null && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
  const entry = isMap ? (exp as Record<string, unknown>)[subpath] : subpath === '.' ? exp : undefined;
  const target = importTarget(entry) ?? (subpath === '.' ? (json.module ?? json.main) : subpath);
  return target ? join(dir, target) : undefined;
}

/** Loads the package `name` the way the app's module system does; undefined when the app cannot resolve it. */
export async function loadAsApp(appFile: string, name: string): Promise<Record<string, unknown> | undefined> {
  try {
    if (isCommonJs(appFile)) return createRequire(appFile)(name) as Record<string, unknown>;
    const pkg = packageOf(appFile, name);
    const entry = pkg && esmEntry(pkg.dir, pkg.json, splitSpecifier(name).subpath);
    if (!entry) return undefined;
    return await importNatively(pathToFileURL(entry).href);
  } catch {
    return undefined;
  }
}
