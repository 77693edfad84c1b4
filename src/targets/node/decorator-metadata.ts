/**
 * TypeScript as the app's own tsconfig.json says, with no build step: the tsconfig
 * nearest to the app file is the one tsx is given (so `experimentalDecorators` is
 * honoured), and when it also says `emitDecoratorMetadata`, the files it covers are
 * compiled by the app's own `typescript` package (see decorator-metadata-hooks.ts):
 * esbuild, behind tsx, emits no metadata, and NestJS's constructor injection needs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { metadataScope, type DecoratorMetadataData, type MetadataScope } from './decorator-metadata-hooks.js';

/** The tsconfig.json nearest to `file`, in its folder or above. */
export function nearestTsconfig(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const registered = new Set<string>();

/** CommonJS scopes (tsconfig and its app's typescript), their compiler made on first use. */
const cjsScopes: Array<{ data: DecoratorMetadataData; scope?: MetadataScope | null }> = [];

/** The hooks module: compiled next to this file, or this source's sibling when run from source. */
function hooksUrl(): URL {
  const js = new URL('./decorator-metadata-hooks.js', import.meta.url);
  return existsSync(js) ? js : new URL('./decorator-metadata-hooks.ts', import.meta.url);
}

/**
 * Compiles the files `tsconfig` covers with the app's `typescript` when it asks for
 * decorator metadata: ES modules through loader hooks, CommonJS through require's
 * extension handlers (put back after every tsx registration, which replaces them).
 * A no-op when the app has no `typescript` (tsx's output stands, and Nest says itself
 * that metadata is missing).
 */
export function emitDecoratorMetadataFor(appFile: string, tsconfig: string): void {
  if (!registered.has(tsconfig)) {
    registered.add(tsconfig);
    const data = scopeData(appFile, tsconfig);
    if (data) {
      const url = hooksUrl();
      // One hooks instance per tsconfig: the query keeps Node from sharing the module (a
      // number: tsx takes a URL that ends in `.json` for a JSON module).
      url.searchParams.set('scope', String(registered.size));
      register(url.href, { parentURL: pathToFileURL(appFile).href, data });
      cjsScopes.push({ data });
    }
  }
  if (cjsScopes.length > 0) installCjsCompiler();
}

function scopeData(appFile: string, tsconfig: string): DecoratorMetadataData | undefined {
  let text: string;
  try {
    text = readFileSync(tsconfig, 'utf8');
  } catch {
    return undefined;
  }
  // Cheap filter before TypeScript is loaded: the option is here or in a config it extends.
  if (!text.includes('emitDecoratorMetadata') && !text.includes('"extends"')) return undefined;
  try {
    return { typescript: createRequire(appFile).resolve('typescript'), tsconfig };
  } catch {
    return undefined;
  }
}

type Compile = (module: { _compile(code: string, file: string): unknown }, file: string) => unknown;
const extensions = (Module as unknown as { _extensions: Record<string, Compile | undefined> })._extensions;
const ours = new WeakSet<Compile>();

function inModulePackage(file: string): boolean {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

function cjsScopeFor(file: string): MetadataScope | undefined {
  for (const entry of cjsScopes) {
    if (entry.scope === undefined) entry.scope = metadataScope(entry.data, 'commonjs') ?? null;
    if (entry.scope?.files.has(file)) return entry.scope;
  }
  return undefined;
}

/** Wraps tsx's `.ts` and `.cts` require handlers (once per tsx registration). */
function installCjsCompiler(): void {
  for (const ext of ['.ts', '.cts']) {
    const previous = extensions[ext];
    if (!previous || ours.has(previous)) continue;
    const compile: Compile = function (this: unknown, module, file) {
      const scope = ext === '.cts' || !inModulePackage(file) ? cjsScopeFor(file) : undefined;
      const source = scope ? readFileSync(file, 'utf8') : '';
      if (!scope || !source.includes('@')) return previous.call(this, module, file);
      return module._compile(scope.compile(source, file), file);
    };
    ours.add(compile);
    extensions[ext] = compile;
  }
}
