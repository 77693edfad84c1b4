import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadModule } from './load-module.js';
import { syntaxErrorLine } from './syntax-error.js';

const dir = mkdtempSync(join(tmpdir(), 'wsroutes-syntax-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
}

test("V8's SyntaxError of a CommonJS file: its file, line and column", () => {
  const file = join(dir, 'broken.cjs');
  writeFileSync(file, 'module.exports = {\n  a: 1,\n  b: ,\n};\n');
  expect(syntaxErrorLine(thrownBy(() => createRequire(file)(file)))).toBe(`${file}:3:6: Unexpected token ','`);
});

test('a SyntaxError thrown by code (JSON.parse at load) is not a syntax error of the source', () => {
  expect(syntaxErrorLine(thrownBy(() => JSON.parse('{')))).toBeUndefined();
  expect(syntaxErrorLine(new Error('DATABASE_URL is not set'))).toBeUndefined();
});

test('loadModule: a TypeScript syntax error is one line with file, line and column', async () => {
  const file = join(dir, 'app.ts');
  writeFileSync(file, 'export const app = {\n  port: 3000\n  host: "x",\n};\n');
  const err = (await loadModule(file).catch((e: unknown) => e)) as Error;
  expect(err.message).toMatch(new RegExp(`^syntax error in ${file.replace(/\./g, '\\.')}:3:2: Expected "}" but found "host"$`));
});
