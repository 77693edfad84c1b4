// Real `node --test` on fixtures/: one test per route of factory-app, verdicts and messages from wsroutes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ROOT, runNode, expectLimitedFailure } from '../run-runner.js';

const project = join(ROOT, 'test/integrations/node-test/fixtures');
const out = mkdtempSync(join(tmpdir(), 'wsroutes-node-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('wsroutes/node-test: one test per route; the failing route fails with its failure block', async () => {
  const run = await runNode(['--test', '--test-reporter=tap', 'factory.test.mjs'], project);
  const tap = run.stdout;
  expect(run.code, tap + run.stderr).toBe(1);
  expect(tap).toMatch(/^ok \d+ - websocket \/ws\/echo$/m);
  expect(tap).toMatch(/^ok \d+ - websocket \/ws\/rooms\/:room # SKIP skipped by a per-route override/m);
  expect(tap).toMatch(/^not ok \d+ - websocket \/ws\/limited$/m);
  expect(tap).toMatch(/^# tests 3$/m);

  const failure = tap.slice(tap.indexOf('not ok'));
  expectLimitedFailure(failure);
});

test('wsroutes/node-test: a Python target is tested per route and stopped after the file', async () => {
  // The Starlette app writes "startup" and "shutdown" to this file from its lifespan.
  const marker = join(out, 'lifespan');
  const env = { VIRTUAL_ENV: join(ROOT, '.venv'), WSROUTES_LIFESPAN_MARKER: marker };
  const run = await runNode(['--test', '--test-reporter=tap', 'python.test.mjs'], project, env);
  const tap = run.stdout;
  expect(run.code, tap + run.stderr).toBe(1);
  expect(tap).toMatch(/^ok \d+ - websocket \/ws\/echo$/m);
  expect(tap).toMatch(/^not ok \d+ - websocket \/bug\/json$/m);
  expect(tap).toMatch(/^# tests 2$/m);
  expect(tap).toContain('WEBSOCKET TEST FAILURE: /bug/json');
  expect(tap).toContain('JSONDecodeError');
  // Failures are replayed on fresh instances of the app: each instance started is also stopped.
  const lines = readFileSync(marker, 'utf8').split('\n').filter(Boolean);
  expect(lines[0]).toBe('startup');
  expect(lines.at(-1)).toBe('shutdown');
  expect(lines.filter((l) => l === 'startup').length).toBe(lines.filter((l) => l === 'shutdown').length);
});
