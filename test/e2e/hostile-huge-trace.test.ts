/**
 * A 20 MB exception message (issue 27, item 12). Kept whole, the trace made the
 * terminal output and every report 20 MB or more (once per failure, per shrink step),
 * and wsroutes used over a gigabyte. Now a trace keeps at most 2,000 characters per
 * line and 200 lines, and says how much it cut; the exception type and the frames
 * (the signature) survive the cut.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { failureOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-huge-trace-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MB = 1024 * 1024;

async function expectCut(args: string[], name: string): Promise<void> {
  const html = join(scratch, `${name}.html`);
  const junit = join(scratch, `${name}.xml`);
  const { code, stdout, stderr, report } = await runCli([...args, '--max-examples', '3', '--seed', '1', '--html', html, '--junit', junit], {
    timeoutMs: 120_000,
  });
  expect(code, stderr.slice(-2000)).toBe(1);
  expect(stdout.length).toBeLessThan(MB);
  expect(stderr.length).toBeLessThan(MB);
  expect(statSync(html).size).toBeLessThan(MB);
  expect(statSync(junit).size).toBeLessThan(MB);
  const failure = failureOf(report, '/ws/huge');
  expect(failure.errorType).toBe('server_error');
  expect(failure.serverTrace?.length).toBeLessThan(64 * 1024);
  expect(failure.serverTrace).toMatch(/payload rejected: x+… \(19,99\d,\d{3} more characters cut\)/);
  expect(failure.message.length).toBeLessThan(4096);
  expect(JSON.stringify(report).length).toBeLessThan(MB);
  expect(readFileSync(junit, 'utf8')).toContain('more characters cut');
}

test('a Node app: the 20 MB message is cut, saying how much', async () => {
  await expectCut(['--app', 'test/apps/node/hostile/huge-exception.ts'], 'node');
}, 150_000);

test('a Python app: the 20 MB message is cut, saying how much', async () => {
  await expectCut(['--app', 'huge_exception:app', '--app-dir', 'test/apps/python/hostile'], 'python');
}, 150_000);
