/**
 * Crashes that would end the server process are marked (issue 21), in real runs: a `ws` job
 * queue whose timer throws where nothing catches it (test/apps/node/uncaught-timer-app.ts:
 * `uncaught: true`, "would end the server process" in the failure block, JUnit and HTML),
 * the same work logging its error instead (a failure, not marked), and a Litestar handler
 * that raises (the ASGI server survives it: `uncaught: false`, and the block says so). The
 * job queue routes upgrades itself, so its routes exist only through --ws-include
 * (`discoveredBy: "include"`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PYTHON_APPS } from './helpers/python-suite.js';
import { failureBlocks, failureOf, type Report, type ReportFailure, routeOf } from './helpers/report.js';
import { type CliResult, runCli } from './helpers/run-cli.js';

const ESCAPED = 'would end the server process';
const uncaught = (f: ReportFailure): boolean | undefined => (f as ReportFailure & { uncaught?: boolean }).uncaught;

const dir = mkdtempSync(join(tmpdir(), 'wsroutes-report-uncaught-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Node: an exception thrown from a timer escapes to the process', () => {
  let run: CliResult;
  let html: string;
  let junit: string;
  beforeAll(async () => {
    const files = { html: join(dir, 'node.html'), junit: join(dir, 'node.xml') };
    run = await runCli([
      '--app',
      'test/apps/node/uncaught-timer-app.ts',
      '--ws-include',
      '/jobs,/jobs-logged,/status',
      '--seed',
      '3',
      '--max-examples',
      '30',
      '--html',
      files.html,
      '--junit',
      files.junit,
    ]);
    html = readFileSync(files.html, 'utf8');
    junit = readFileSync(files.junit, 'utf8');
  });

  test('the JSON report marks it `uncaught: true`; the same error logged by the app is a failure, unmarked', () => {
    expect(run.code, run.stderr).toBe(1);
    const report = run.report as Report;
    const jobs = routeOf(report, '/jobs');
    expect(jobs.status).toBe('failed');
    for (const f of jobs.failures) {
      expect(f.errorType).toBe('server_error');
      expect(uncaught(f), f.message).toBe(true);
    }
    expect(failureOf(report, '/jobs-logged').errorType).toBe('server_error');
    for (const f of routeOf(report, '/jobs-logged').failures) expect(f).not.toHaveProperty('uncaught');
    expect(routeOf(report, '/status').status).toBe('passed');
    for (const path of ['/jobs', '/jobs-logged', '/status']) expect(routeOf(report, path)).toMatchObject({ protocol: 'plain', discoveredBy: 'include' });
  });

  test('the failure block, JUnit and HTML say it would end the server process', () => {
    const blocks = failureBlocks(run.stdout);
    expect(blocks.get('/jobs')).toMatch(new RegExp(`^Uncaught: yes: .*${ESCAPED}`, 'm'));
    expect(blocks.get('/jobs-logged')).not.toContain('Uncaught');
    const cases = new XMLParser({ ignoreAttributes: false }).parse(junit).testsuites.testsuite.testcase as Array<{
      '@_name': string;
      failure?: { '#text': string };
    }>;
    const text = (name: string): string => cases.find((c) => c['@_name'] === name)?.failure?.['#text'] ?? '';
    expect(text('websocket /jobs')).toContain(ESCAPED);
    expect(text('websocket /jobs-logged')).not.toContain(ESCAPED);
    expect(html).toMatch(new RegExp(`<dd class="uncaught yes">yes: [^<]*${ESCAPED}`));
    expect(html.match(/class="uncaught yes"/g)).toHaveLength(routeOf(run.report as Report, '/jobs').failures.length);
  });
});

describe('Python: an ASGI server survives an exception on one connection', () => {
  test('the JSON report says `uncaught: false` and the block says the server survived it', async () => {
    const run = await runCli(['--app', 'literals_litestar_app:app', '--app-dir', PYTHON_APPS, '--seed', '7', '--max-examples', '30']);
    expect(run.code, run.stderr).toBe(1);
    const f = failureOf(run.report as Report, '/');
    expect(f.errorType).toBe('server_error');
    expect(f.serverTrace).toContain('RuntimeError');
    expect(uncaught(f)).toBe(false);
    const block = failureBlocks(run.stdout).get('/') ?? '';
    expect(block).toMatch(/^Uncaught: no: the server survived it \(an ASGI server ends only the connection whose handler raised/m);
    expect(block).not.toContain(ESCAPED);
  });
});
