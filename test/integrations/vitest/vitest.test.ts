// Real Vitest on fixtures/: one test per route of factory-app, verdicts and messages from wsroutes;
// the conductor fixture; a target that cannot start.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ROOT, runNode, type RunnerResult, expectLimitedFailure } from '../run-runner.js';

const project = join(ROOT, 'test/integrations/vitest/fixtures');
const out = mkdtempSync(join(tmpdir(), 'wsroutes-vitest-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

let run: RunnerResult;
let files: Record<string, { status: string; message: string; tests: Record<string, any> }>;
beforeAll(async () => {
  const report = join(out, 'report.json');
  const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
  run = await runNode([vitest, 'run', '--config', 'vitest.config.mjs', '--reporter=json', `--outputFile=${report}`], project);
  const json = JSON.parse(readFileSync(report, 'utf8'));
  files = Object.fromEntries(
    json.testResults.map((f: any) => [
      f.name.slice(project.length + 1),
      { status: f.status, message: f.message, tests: Object.fromEntries(f.assertionResults.map((t: any) => [t.title, t])) },
    ]),
  );
});

test('wsroutes/vitest: one test per route; the failing route fails with its failure block', () => {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  const tests = files['factory.test.ts']!.tests;
  expect(Object.keys(tests).sort()).toEqual(['websocket /ws/echo', 'websocket /ws/limited', 'websocket /ws/rooms/:room']);
  expect(tests['websocket /ws/echo'].status).toBe('passed');
  expect(tests['websocket /ws/rooms/:room'].status).toBe('skipped'); // a per-route override in wsroutes.config.json

  const limited = tests['websocket /ws/limited'];
  expect(limited.status).toBe('failed');
  const message: string = limited.failureMessages.join('\n');
  expectLimitedFailure(message);
});

test('wsroutes/vitest: the conductor fixture gives each test a started Conductor', () => {
  const tests = files['conductor.test.ts']!.tests;
  expect(Object.values(tests).map((t: any) => [t.title, t.status])).toEqual([
    ['conductor: echo', 'passed'],
    ['conductor: a room prefixes its name', 'passed'],
  ]);
});

test('wsroutes/vitest: a target that cannot start fails the file with the error', () => {
  const file = files['missing-app.test.ts']!;
  expect(file.status).toBe('failed');
  expect(Object.keys(file.tests)).toEqual([]);
  expect(file.message).toContain('App module not found');
  expect(file.message).toContain('no-such-app.ts');
});

test('wsroutes/vitest: an unknown option fails the file with one line naming the nearest key', () => {
  const file = files['unknown-key.test.ts']!;
  expect(file.status).toBe('failed');
  expect(Object.keys(file.tests)).toEqual([]);
  expect(file.message).toContain('testWsroutes: unknown key maxExample (did you mean maxExamples?)');
});
