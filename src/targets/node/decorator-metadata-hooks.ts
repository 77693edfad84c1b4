/**
 * Module loader hooks (they run on Node's loader thread, registered by
 * decorator-metadata.ts): ES module TypeScript files of one tsconfig are compiled
 * by the app's own `typescript` instead of tsx's esbuild, because esbuild emits no
 * decorator metadata (`design:paramtypes`), and NestJS's constructor injection reads
 * it: without it every injected service is `undefined`. Each file is compiled on
 * its own (`transpileModule`), as the Nest CLI's SWC builder and ts-node's
 * transpile-only mode do. The hook runs before tsx's (it is registered after it);
 * CommonJS files, files outside the tsconfig and files with no decorator stay tsx's.
 * Only node: built-ins here: this file is loaded on its own thread.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What decorator-metadata.ts hands over at registration. */
export interface DecoratorMetadataData {
  /** Absolute path of the app's `typescript` package entry. */
  typescript: string;
  tsconfig: string;
}

interface Ts {
  getParsedCommandLineOfConfigFile(path: string, existing: object, host: object): { options: Record<string, unknown>; fileNames: string[] } | undefined;
  transpileModule(source: string, opts: { fileName: string; compilerOptions: Record<string, unknown> }): { outputText: string };
  sys: object;
  ModuleKind: { ESNext: number; CommonJS: number };
  ModuleResolutionKind: { Bundler: number; Node10: number };
}

/** The files of one tsconfig that asks for decorator metadata, and how to compile them. */
export interface MetadataScope {
  files: Set<string>;
  /** The file compiled by TypeScript, with an inline source map. */
  compile(source: string, file: string): string;
}

/** The scope of `data.tsconfig` for one module format; undefined when it does not ask for metadata. */
export function metadataScope(data: DecoratorMetadataData, format: 'module' | 'commonjs'): MetadataScope | undefined {
  const ts = createRequire(data.typescript)(data.typescript) as Ts;
  const parsed = ts.getParsedCommandLineOfConfigFile(data.tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed?.options.experimentalDecorators || !parsed.options.emitDecoratorMetadata) return undefined;
  const esm = format === 'module';
  const options: Record<string, unknown> = {
    ...parsed.options,
    module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
    moduleResolution: esm ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.Node10,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
    declaration: false,
    declarationMap: false,
    noEmit: false,
  };
  // The map's sources must name the file itself, not a path relative to an outDir.
  for (const key of ['outDir', 'outFile', 'rootDir', 'sourceRoot', 'mapRoot', 'incremental', 'composite', 'tsBuildInfoFile']) delete options[key];
  return {
    files: new Set(parsed.fileNames),
    compile: (source, file) => ts.transpileModule(source, { fileName: file, compilerOptions: options }).outputText,
  };
}

let scope: MetadataScope | undefined;

export function initialize(data: DecoratorMetadataData): void {
  scope = metadataScope(data, 'module');
}

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context?: unknown) => Promise<LoadResult>;

const TS_FILE = /\.(?:ts|mts|tsx)$/;

function filePathOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return fileURLToPath(u);
}

/** Whether the nearest package.json says `"type": "module"`. */
async function inModulePackage(file: string): Promise<boolean> {
  const { readFile } = await import('node:fs/promises');
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    try {
      return (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) return false;
    }
  }
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  const file = filePathOf(url);
  if (!scope || !file || !TS_FILE.test(file) || !scope.files.has(file)) return nextLoad(url, context);
  if (!file.endsWith('.mts') && !(await inModulePackage(file))) return nextLoad(url, context);
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(file, 'utf8');
  // A file with no decorator has no metadata to emit: tsx's output is as good.
  if (!source.includes('@')) return nextLoad(url, context);
  return { format: 'module', source: scope.compile(source, file), shortCircuit: true };
}
