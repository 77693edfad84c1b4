/**
 * Node apps that go wrong while starting (issue 15, minor items). An asynchronous throw
 * outside any connection (a timer, a promise never awaited) used to pass without a word:
 * now it is named on stderr, printed in full with --verbose, and the run goes on. A
 * syntax error used to be two lines (esbuild's "Transform failed with 1 error:" and the
 * error), or a wrong "1:1" for a JavaScript module: now one line with file, line and column.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

const ASYNC_APP = 'test/apps/node/hostile/async-throw-at-start.ts';

test('an async throw at start-up is named, printed with --verbose, and does not stop the run', async () => {
  const quiet = await runCli(['--app', ASYNC_APP, '--max-examples', '10', '--seed', '1'], { timeoutMs: 30_000 });
  expect(quiet.code, quiet.stderr).toBe(0);
  expect(routeOf(quiet.report, '/ws/echo').status).toBe('passed');
  expect(quiet.stderr).toMatch(
    /wsroutes: the app raised 2 errors outside any connection \(Error: (cache warm-up failed|feature flags service unreachable)\); --verbose prints them/,
  );

  const verbose = await runCli(['--app', ASYNC_APP, '--max-examples', '10', '--seed', '1', '--verbose'], { noReport: true, timeoutMs: 30_000 });
  expect(verbose.code, verbose.stderr).toBe(0);
  const orphans = verbose.stdout.split('Server errors not tied to any connection:\n')[1] ?? '';
  expect(orphans).toMatch(/Error: cache warm-up failed\n\s+at .*async-throw-at-start\.ts:\d+:\d+/);
  expect(orphans).toMatch(/Error: feature flags service unreachable\n\s+at .*async-throw-at-start\.ts:\d+:\d+/);
});

const dir = mkdtempSync(join(tmpdir(), 'wsroutes-syntax-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line of ours on stderr, exit 2. */
async function startError(app: string): Promise<string> {
  const { code, stderr } = await runCli(['--app', app], { noReport: true, timeoutMs: 30_000 });
  expect(code, stderr).toBe(2);
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

test('a syntax error in a TypeScript app: one line with file, line and column', async () => {
  // Written here, not kept in test/apps: the project's own type check would fail on it.
  const file = join(dir, 'server.ts');
  writeFileSync(
    file,
    "import express from 'express';\n\nconst app = express();\n\napp.get('/health', (_req, res) => {\n  res.json({ ok: true };\n});\n\nexport default app;\n",
  );
  expect(await startError(file)).toBe(`wsroutes: syntax error in ${file}:6:23: Expected ")" but found ";"`);
});

test('a syntax error in a CommonJS TypeScript app: one line with file, line and column', async () => {
  const file = join(dir, 'worker.cts');
  writeFileSync(file, "const http = require('node:http');\nmodule.exports = http.createServer((req, res) => {\n  res.end('ok' +);\n});\n");
  expect(await startError(file)).toMatch(new RegExp(`^wsroutes: syntax error in ${file.replace(/\./g, '\\.')}:3:\\d+: .+`));
});

test('a syntax error in a JavaScript module: one line with its real line and column', async () => {
  const line = await startError('test/apps/node/hostile/syntax-error.mjs');
  expect(line).toMatch(/^wsroutes: syntax error in \/.*test\/apps\/node\/hostile\/syntax-error\.mjs:4:\d+: missing \) after argument list$/);
});
