// Real Jest (ESM, --experimental-vm-modules) on fixtures/: one test per route of factory-app.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ROOT, runNode, expectLimitedFailure } from '../run-runner.js';

const project = join(ROOT, 'test/integrations/jest/fixtures');
const out = mkdtempSync(join(tmpdir(), 'wsroutes-jest-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('wsroutes/jest: one test per route; the failing route fails with its failure block', async () => {
  const report = join(out, 'report.json');
  const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
  const run = await runNode(
    ['--experimental-vm-modules', jest, '--config', 'jest.config.mjs', 'factory.test.mjs', '--json', `--outputFile=${report}`],
    project,
  );
  expect(run.code, run.stdout + run.stderr).toBe(1);

  const json = JSON.parse(readFileSync(report, 'utf8'));
  const tests = json.testResults.flatMap((f: any) => f.assertionResults);
  const byName = Object.fromEntries(tests.map((t: any) => [t.title, t]));
  expect(Object.keys(byName).sort()).toEqual(['websocket /ws/echo', 'websocket /ws/limited', 'websocket /ws/rooms/:room']);
  expect(byName['websocket /ws/echo'].status).toBe('passed');
  // Jest cannot skip a running test: the route wsroutes skipped passes.
  expect(byName['websocket /ws/rooms/:room'].status).toBe('passed');

  const limited = byName['websocket /ws/limited'];
  expect(limited.status).toBe('failed');
  const message: string = limited.failureMessages.join('\n');
  expectLimitedFailure(message);
});

test('wsroutes/jest: a Python target is tested per route and stopped after the file', async () => {
  const report = join(out, 'python.json');
  // The Starlette app writes "startup" and "shutdown" to this file from its lifespan.
  const marker = join(out, 'lifespan');
  const env = { VIRTUAL_ENV: join(ROOT, '.venv'), WSROUTES_LIFESPAN_MARKER: marker };
  const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
  const args = ['--experimental-vm-modules', jest, '--config', 'jest.config.mjs', 'python.test.mjs', '--json', `--outputFile=${report}`];
  const run = await runNode(args, project, env);
  expect(run.code, run.stdout + run.stderr).toBe(1);

  const json = JSON.parse(readFileSync(report, 'utf8'));
  const tests = json.testResults.flatMap((f: any) => f.assertionResults);
  expect(tests.map((t: any) => [t.title, t.status])).toEqual([
    ['websocket /ws/echo', 'passed'],
    ['websocket /bug/json', 'failed'],
  ]);
  expect(tests[1].failureMessages.join('\n')).toContain('JSONDecodeError');
  // Failures are replayed on fresh instances of the app: each instance started is also stopped.
  const lines = readFileSync(marker, 'utf8').split('\n').filter(Boolean);
  expect(lines[0]).toBe('startup');
  expect(lines.at(-1)).toBe('shutdown');
  expect(lines.filter((l) => l === 'startup').length).toBe(lines.filter((l) => l === 'shutdown').length);
});
