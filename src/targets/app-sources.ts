/**
 * The source texts of the app under test, for reading candidate route paths from
 * (discovery/candidate-paths.ts): the module `--app` names and the local modules it imports
 * (relative imports in JavaScript and TypeScript; `from .x import`, `from . import x` and
 * modules of the app directory in Python), breadth first, bounded (discovery/module-tree.ts).
 */
import { dirname, join, resolve } from 'node:path';
import { isNodeSpec, isPythonSpec, parseNodeSpec } from '../config/app-spec.js';
import type { Options } from '../config/options.js';
import { isLocalFile, readModuleTree, resolveLocalImport } from '../discovery/module-tree.js';

const MAX_FILES = 30;

/** Each run's source texts, read once whoever asks (discovery by probing, the protocol detectors). */
const read = new WeakMap<Options, string[]>();

/** The app's source texts (none for a `--url` target), read once per run's options. */
export function appSourceTexts(options: Options): string[] {
  let texts = read.get(options);
  if (!texts) {
    texts = readAppSources(options);
    read.set(options, texts);
  }
  return texts;
}

function readAppSources(options: Options): string[] {
  const cwd = options.cwd ?? process.cwd();
  if (!options.app) return [];
  if (isNodeSpec(options.app)) return readTree([parseNodeSpec(options.app, cwd).file], nodeImports);
  if (isPythonSpec(options.app)) {
    const appDir = resolve(cwd, options.appDir ?? '.');
    const first = pythonModuleFile(appDir, options.app.split(':')[0]!);
    return first ? readTree([first], (file, text) => pythonImports(appDir, file, text)) : [];
  }
  return [];
}

/** The texts of the tree from `start`, following the imports `importsOf` finds in each. */
function readTree(start: string[], importsOf: (file: string, text: string) => string[]): string[] {
  return readModuleTree(start, MAX_FILES, (file, text) => ({ value: text, imports: importsOf(file, text) }));
}

function nodeImports(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+)\1/g)].map((m) => m[2]!);
  return specifiers.flatMap((s) => resolveLocalImport(file, s) ?? []);
}

/** `pkg.mod` under the app directory: `pkg/mod.py` or `pkg/mod/__init__.py`. */
function pythonModuleFile(root: string, module: string): string | undefined {
  const base = join(root, ...module.split('.'));
  return [`${base}.py`, join(base, '__init__.py')].find(isLocalFile);
}

function pythonImports(root: string, file: string, text: string): string[] {
  const out: string[] = [];
  const here = dirname(file);
  for (const m of text.matchAll(/^\s*from\s+(\.*)([\w.]*)\s+import\s+([\w\s,()]+)/gm)) {
    const [, dots, module, names] = m as unknown as [string, string, string, string];
    const base = dots ? resolve(here, ...Array(Math.max(0, dots.length - 1)).fill('..')) : root;
    const target = module ? pythonModuleFile(base, module) : undefined;
    if (target) out.push(target);
    // `from . import views`, `from pkg import routes`: the names may be modules.
    const dir = module ? join(base, ...module.split('.')) : base;
    for (const name of names
      .replace(/[()]/g, '')
      .split(',')
      .map((n) => n.trim().split(/\s+/)[0]!)) {
      const sub = name && pythonModuleFile(dir, name);
      if (sub) out.push(sub);
    }
  }
  for (const m of text.matchAll(/^\s*import\s+([\w.]+)/gm)) {
    const target = pythonModuleFile(root, m[1]!);
    if (target) out.push(target);
  }
  return out;
}
