/**
 * An app's own modules, read from its entry module through its local imports, breadth
 * first and bounded (`maxFiles` files of at most MAX_FILE_BYTES each): what literal and
 * procedure mining (literals-node.ts, procedures-node.ts) parse, and what discovery by
 * probing reads paths from (targets/app-sources.ts). Unreadable or oversized files are
 * skipped; node_modules never enters.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const MAX_FILE_BYTES = 1_000_000;

const NODE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

export const isLocalFile = (p: string): boolean => !p.includes('/node_modules/') && existsSync(p) && statSync(p).isFile();

/** A relative specifier as a file: as written, `.js` written for `.ts`, or with an extension or /index added. */
export function resolveLocalImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(c|m)?jsx?$/, '');
  return [base, ...NODE_EXTENSIONS.map((e) => stem + e), ...NODE_EXTENSIONS.map((e) => `${base}/index${e}`)].find(isLocalFile);
}

/**
 * Each module of the tree as `read` makes it (its text parsed, say), with the local files
 * it imports; `read` returns undefined for a module to leave out (one that does not parse).
 */
export function readModuleTree<T>(start: string[], maxFiles: number, read: (file: string, text: string) => { value: T; imports: string[] } | undefined): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length && seen.size < maxFiles) {
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
    const module = read(file, text);
    if (!module) continue;
    out.push(module.value);
    for (const next of module.imports) if (!seen.has(next)) queue.push(next);
  }
  return out;
}
