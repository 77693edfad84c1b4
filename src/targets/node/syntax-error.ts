/**
 * A syntax error in the app (or in a file it imports) as one line, `FILE:LINE:COLUMN: what`,
 * whoever found it: esbuild through tsx ("Transform failed with 1 error:" and the error on
 * a second line), V8 (the location on the first line of the stack, a caret under the
 * column), or tsx's import lexer, which only says "Parse error FILE:1:1": then Node's own
 * parser is asked (`node --check`) for the real place (tsx names a .cts or .mts file as
 * .ts: the file that exists is named). Anything else is not a syntax error
 * of the source (a SyntaxError that JSON.parse throws at load has a plain stack).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** esbuild: `FILE:LINE:COL: ERROR: text` on the line after "Transform failed with N error(s):". */
function fromEsbuild(message: string): string | undefined {
  if (!/^Transform failed with \d+ errors?:\n/.test(message)) return undefined;
  const m = /^(.+?):(\d+:\d+): ERROR: (.+)$/m.exec(message);
  return m ? `${sourceFile(m[1] ?? '')}:${m[2]}: ${m[3]}` : undefined;
}

/** tsx hands esbuild a .cts or .mts file under a .ts name: the file that exists. */
function sourceFile(path: string): string {
  if (existsSync(path) || !path.endsWith('.ts')) return path;
  return ['.cts', '.mts'].map((ext) => path.slice(0, -3) + ext).find((p) => existsSync(p)) ?? path;
}

function pathOf(location: string): string {
  return location.startsWith('file://') ? fileURLToPath(location) : location;
}

/** V8's SyntaxError text: `FILE:LINE`, the source line, carets, then `SyntaxError: text`. */
export function fromV8(stack: string): string | undefined {
  const lines = stack.split('\n');
  const where = /^(.+):(\d+)$/.exec(lines[0] ?? '');
  const what = /^SyntaxError: (.+)$/m.exec(stack)?.[1];
  if (!where || !what) return undefined;
  const caret = lines.slice(1, 4).find((l) => /^\s*\^+\s*$/.test(l));
  const column = caret ? `:${caret.indexOf('^') + 1}` : '';
  return `${pathOf(where[1] ?? '')}:${where[2]}${column}: ${what}`;
}

/** What Node's parser says about `file`, when it finds a syntax error. */
function checkWithNode(file: string): string | undefined {
  const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  return result.status !== 0 && result.stderr ? fromV8(result.stderr) : undefined;
}

/** `FILE:LINE:COLUMN: what` when `err` is a syntax error in source code, else undefined. */
export function syntaxErrorLine(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const esbuild = fromEsbuild(err.message);
  if (esbuild) return esbuild;
  const lexer = /^Parse error (.+):\d+:\d+$/.exec(err.message)?.[1];
  if (lexer) return checkWithNode(pathOf(lexer));
  return err.name === 'SyntaxError' && err.stack ? fromV8(err.stack) : undefined;
}
