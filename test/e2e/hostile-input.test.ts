/**
 * Hostile input to the CLI (issue 15, items 6-8 and the --url glob): absurd numbers are
 * refused in one line before anything starts, and an output file that cannot be written
 * is found before the run (exit 2 naming the flag), never after it as an "internal
 * error" in place of the verdict. Each case failed before its fix: `--concurrency
 * 10000000` ran out of memory blaming the app, a timeout past 2^31 ms fired at once
 * with TimeoutOverflowWarnings, and an unwritable report was found after the whole run.
 * Issue 27 item 19: `--ws-max-messages 1000000000` filled the heap (exit 137 blaming a
 * Node app, V8's heap-out-of-memory on Python); it, `--max-examples` and `--max-failures`
 * now have bounds, and a run at every bound's maximum fits a small heap.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const APP = 'test/fixtures/config/apps/options-app.ts';
const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-hostile-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One line on stderr, exit 2, nothing started (no "testing N routes" line). */
async function expectRefused(args: string[], pattern: RegExp): Promise<void> {
  // A value that is not refused runs (or fills the heap): killed well before the test's own timeout.
  const { code, stderr, stdout } = await runCli(args, { noReport: true, timeoutMs: 30_000 });
  expect(code, stderr).toBe(2);
  expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/TimeoutOverflowWarning|testing \d+ route|internal error/);
  expect(stdout).toBe('');
}

describe('numbers out of range are refused before the app starts', () => {
  test.each([
    [['--concurrency', '10000000'], /--concurrency must be at most 1000 \(got "10000000"\)/],
    [['--ws-message-timeout', '3000000'], /--ws-message-timeout must be a number of seconds above 0 and at most 86400/],
    [['--ws-timeout', '1e12'], /--ws-timeout must be a number of seconds above 0 and at most 86400/],
    // Issue 27 item 19: 10^9 filled the heap drawing the first example (exit 137 blaming a Node app).
    [['--ws-max-messages', '1000000000'], /--ws-max-messages must be at most 1000 \(got "1000000000"\)/],
    [['--routes-ws-max-messages', '1001'], /--ws-max-messages must be at most 1000 \(got "1001"\)/],
    [['--max-examples', '1e9'], /--max-examples must be at most 1000000 \(got "1e9"\)/],
    [['--max-failures', '101'], /--max-failures must be at most 100 \(got "101"\)/],
  ])('%j', async (flags, pattern) => {
    await expectRefused(['--app', APP, ...flags], pattern);
  });

  test.each([
    [{ messageTimeout: 3000000 }, /messageTimeout.*at most 86400/],
    [{ maxMessages: 1000000000 }, /maxMessages must be a whole number from 1 to 1000 \(got 1000000000\)/],
    [{ routes: [{ pattern: '/ws/*', maxExamples: 1e9 }] }, /routes\[0\]\.maxExamples must be a whole number from 1 to 1000000/],
  ])('the same bounds in a config file: %j', async (values, pattern) => {
    const config = join(scratch, 'wsroutes.config.json');
    writeFileSync(config, JSON.stringify({ app: join(process.cwd(), APP), ...values }));
    await expectRefused(['--config', config], pattern);
  });

  test('the same bounds in pyproject.toml', async () => {
    const dir = mkdtempSync(join(scratch, 'pyproject-'));
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.pytest-routes.websocket]\nmax_messages = 1000000000\n');
    const { code, stderr } = await runCli(['--config', join(dir, 'pyproject.toml'), '--app', join(process.cwd(), APP)], { noReport: true, timeoutMs: 30_000 });
    expect(code, stderr).toBe(2);
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr).toMatch(/max_messages/);
  });

  test.each([
    ['Node', ['--app', APP]],
    ['Python', ['--app', 'fastapi_app:app', '--app-dir', 'test/apps/python']],
  ])(
    'every bound at its most runs to the end in a small heap (memory does not grow with the bounds): %s',
    async (_kind, app) => {
      const { code, stderr, report } = await runCli(
        [...app, '--ws-include', '/ws/echo', '--max-examples', '40', '--ws-max-messages', '1000', '--ws-max-clients', '10', '--max-failures', '100'],
        { env: { NODE_OPTIONS: '--max-old-space-size=192' }, timeoutMs: 300_000 },
      );
      expect(code, stderr).toBe(0);
      expect(report.routes[0]).toMatchObject({ path: '/ws/echo', status: 'passed', sequences: 40 });
    },
    300_000,
  );
});

describe('an output file that cannot be written: exit 2 naming the flag, before the run', () => {
  test.each([
    ['a directory', () => scratch, /it is a directory/],
    ['/dev/full', () => '/dev/full', /no space left on the device/],
    ['/proc', () => '/proc/wsroutes-report.json', /--report-json \/proc\/wsroutes-report.json: cannot write the report there/],
  ])('%s', async (_what, file, pattern) => {
    await expectRefused(['--app', APP, '--report-json', file()], pattern);
  });

  test('its pytest-routes spelling is the one named', async () => {
    await expectRefused(['--app', APP, '--routes-report-json', scratch], /^wsroutes: --routes-report-json /);
  });

  test('a writable one holds the report after the run', async () => {
    const file = join(scratch, 'nested', 'report.json');
    const { code } = await runCli(['--app', APP, '--ws-include', '/ws/echo', '--max-examples', '5', '--report-json', file], { noReport: true });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).tool).toBe('wsroutes');
  });
});

test('--url with only a glob in --ws-include says it is a glob', async () => {
  const server = createServer((_req, res) => res.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const { code, stderr } = await runCli(['--url', `http://127.0.0.1:${port}`, '--ws-include', '/ws/*'], { noReport: true });
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/ws\/\* is a glob: a running server cannot list its routes/);
  } finally {
    server.close();
  }
});
