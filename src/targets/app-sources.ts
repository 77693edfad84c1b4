/**
 * The source texts of the app under test, for reading candidate route paths from
 * (discovery/candidate-paths.ts): the module `--app` names and the local modules it imports
 * (relative imports in JavaScript and TypeScript; `from .x import`, `from . import x` and
 * modules of the app directory in Python), breadth first, bounded. Never node_modules,
 * site-packages or files outside the app's folder tree; unreadable files are skipped.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isNodeSpec, isPythonSpec, parseNodeSpec } from '../config/app-spec.js';
import type { Options } from '../config/options.js';

const MAX_FILES = 30;
const MAX_FILE_BYTES = 1_000_000;
const NODE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** The app's source texts (none for a `--url` target). */
export function appSourceTexts(options: Options): string[] {
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

function readTree(start: string[], importsOf: (file: string, text: string) => string[]): string[] {
  const texts: string[] = [];
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length && seen.size < MAX_FILES) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      if (statSync(file).size > MAX_FILE_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    texts.push(text);
    for (const next of importsOf(file, text)) if (!seen.has(next)) queue.push(next);
  }
  return texts;
}

const isFile = (p: string): boolean => !p.includes('/node_modules/') && existsSync(p) && statSync(p).isFile();

function nodeImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+)\1/g)) {
    const base = resolve(dirname(file), m[2]!);
    const stem = base.replace(/\.(c|m)?jsx?$/, '');
    const found = [base, ...NODE_EXTENSIONS.map((e) => stem + e), ...NODE_EXTENSIONS.map((e) => join(base, `index${e}`))].find(isFile);
    if (found) out.push(found);
  }
  return out;
}

/** `pkg.mod` under the app directory: `pkg/mod.py` or `pkg/mod/__init__.py`. */
function pythonModuleFile(root: string, module: string): string | undefined {
  const base = join(root, ...module.split('.'));
  return [`${base}.py`, join(base, '__init__.py')].find(isFile);
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
