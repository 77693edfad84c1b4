/**
 * `--junit FILE` (and the config key `junit`) on a real Fastify app with failing, passing
 * and skipped routes: the file is parsed back as a CI server reads it (fast-xml-parser,
 * and expat, which is as strict about XML 1.0 as Jenkins' Java parsers), one testcase per
 * route, each failure with its type, message and the printed failure block. An unwritable
 * --junit path is a usage error before the app starts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { failureBlocks } from './helpers/report.js';
import { type CliResult, ROOT, runCli } from './helpers/run-cli.js';

const APP = join(ROOT, 'test/apps/node/fastify-app.ts');
const dir = mkdtempSync(join(tmpdir(), 'wsroutes-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  htmlEntities: true,
  isArray: (n) => n === 'testcase',
});

function expatParses(file: string): string {
  const r = spawnSync('python3', ['-c', 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("ok")', file]);
  return r.stdout.toString().trim() || r.stderr.toString();
}

describe('--junit on a run with failures (config key junit, relative to the config file)', () => {
  let run: CliResult;
  let xml: string;
  let cases: any[];

  beforeAll(async () => {
    // The header's value is a secret: it must not reach the file.
    const config = {
      app: APP,
      include: ['/ws/echo', '/ws/nul', '/ws/parse', '/ws/quit', '/ws/sink'],
      routes: [{ pattern: '/ws/sink', skip: true }],
      junit: 'out/junit.xml',
    };
    writeFileSync(join(dir, 'wsroutes.config.json'), JSON.stringify(config));
    run = await runCli(['--config', join(dir, 'wsroutes.config.json'), '--header', 'X-Api-Key:junit-secret-value', '--seed', '11', '--max-examples', '15']);
    xml = readFileSync(join(dir, 'out/junit.xml'), 'utf8');
    cases = parser.parse(xml).testsuites.testsuite.testcase;
  });

  test('exits 1 and writes well-formed XML 1.0 with the counts', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(expatParses(join(dir, 'out/junit.xml'))).toBe('ok');
    const doc = parser.parse(xml);
    expect(doc.testsuites.testsuite).toMatchObject({ name: 'wsroutes', tests: '5', failures: '2', errors: '0', skipped: '1' });
    expect(Number(doc.testsuites.testsuite.time)).toBeGreaterThan(0);
  });

  test('one testcase per route, named "websocket <template>", with the JSON report\'s verdicts', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(['/ws/echo', '/ws/nul', '/ws/parse', '/ws/quit', '/ws/sink'].map((p) => `websocket ${p}`));
    for (const route of run.report.routes) {
      const c = cases.find((x) => x.name === `websocket ${route.path}`);
      expect(c.classname).toBe('wsroutes');
      expect(Number(c.time)).toBeCloseTo(route.durationMs / 1000, 2);
      expect(c.failure !== undefined, route.path).toBe(route.status === 'failed');
      expect(c.skipped !== undefined, route.path).toBe(route.status === 'skipped');
    }
  });

  test('a failure carries its errorType, message and the whole printed failure block, uncoloured', () => {
    const blocks = failureBlocks(run.stdout);
    for (const path of ['/ws/nul', '/ws/parse']) {
      const failures = run.report.routes.find((r: any) => r.path === path).failures;
      const failure = failures[0];
      const c = cases.find((x) => x.name === `websocket ${path}`);
      expect(c.failure.type).toBe('server_error');
      // Every distinct failure is in the case; the message is the first one's, with how many more.
      const more = failures.length - 1;
      expect(c.failure.message).toBe(more ? `${failure.message} (and ${more} more failure${more === 1 ? '' : 's'})` : failure.message);
      // The printed block, from its banner to its closing rule after the seed.
      const printed = /^[\s\S]*?\nSeed: \d+\n=+/.exec(blocks.get(path)!)![0];
      expect(c.failure['#text']).toContain(`WEBSOCKET TEST FAILURE: ${path}\n${printed}`);
      expect(c.failure['#text']).toContain('Server traceback:');
      expect(c.failure['#text']).toContain(failure.reproduce);
    }
    // /ws/nul's minimal sequence is a NUL: shown as the printable escape.
    expect(cases.find((x) => x.name === 'websocket /ws/nul').failure['#text']).toContain('"\\x00"');
  });

  test('a skipped route says why; the secret is nowhere in the file', () => {
    expect(cases.find((x) => x.name === 'websocket /ws/sink').skipped.message).toContain('per-route override');
    expect(xml).not.toContain('junit-secret-value');
  });
});

test('an unwritable --junit path is one usage line, exit 2, before the app starts', async () => {
  const folder = join(dir, 'a-folder');
  mkdirSync(folder, { recursive: true });
  const run = await runCli(['--app', APP, '--junit', folder, '--max-examples', '1'], { noReport: true });
  expect(run.code).toBe(2);
  expect(run.stderr.trim()).toBe(`wsroutes: --junit ${folder}: cannot write the report there (it is a directory)`);
});
