/** A path as shown to the user: relative to the cwd when inside it, else absolute. */
import { isAbsolute, relative } from 'node:path';

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
