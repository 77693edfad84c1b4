/**
 * Secrets an app sends back where a per-value, per-write redactor misses them (issue 27,
 * items 4-10): as hex in a binary frame, cut by the 200-character preview, the bare token
 * of `Authorization: Bearer $VAR`, written with fs.writeSync(1), logged by a Python app
 * in two pipe chunks, and the password of `--url`. None of them may appear in the
 * terminal output, the JSON, HTML and JUnit reports or the exported tests; and a plain
 * value (`--query encoding=json`) is not a secret, so redaction does not corrupt them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { failureBlocks, failureOf } from './helpers/report.js';
import { type CliResult, runCli } from './helpers/run-cli.js';

const SECRET = 'zq-Secret-7f3a91-do-not-print';
const BEARER = 'bq-Bearer-55c2e8-do-not-print';
const hex = (s: string): string =>
  Buffer.from(s)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');

/** No secret, nor a 10-character piece of one, nor its hex (first 6 bytes), in `text`. */
function expectClean(what: string, text: string, secrets: string[]): void {
  for (const s of secrets) {
    for (let i = 0; i + 10 <= s.length; i++) expect(text, `${what} holds ${s.slice(i, i + 10)}`).not.toContain(s.slice(i, i + 10));
    expect(text, `${what} holds the hex of a secret`).not.toContain(hex(s.slice(0, 6)));
  }
}

describe('a Node app echoing its secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsr-secrets-'));
  const html = join(dir, 'report.html');
  const junit = join(dir, 'report.xml');
  const exported = join(dir, 'tests');
  let run: CliResult;
  let all: string;

  beforeAll(async () => {
    run = await runCli(
      [
        '--app',
        'test/apps/node/hostile/secret-echo.ts',
        '--header',
        'X-Token:$WSR_TOKEN',
        '--header',
        'Authorization:Bearer $WSR_BEARER',
        '--query',
        'encoding=json',
        '--max-examples',
        '3',
        '--seed',
        '1',
        '--ws-max-clients',
        '1',
        '--ws-message-kinds',
        'json',
        '--verbose',
        '--html',
        html,
        '--junit',
        junit,
        '--export-tests',
        exported,
      ],
      { env: { WSR_TOKEN: SECRET, WSR_BEARER: BEARER, NO_COLOR: '1' }, timeoutMs: 90_000 },
    );
    all = [run.stdout, run.stderr, JSON.stringify(run.report), readFileSync(html, 'utf8'), readFileSync(junit, 'utf8')].join('\n');
  }, 100_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every route fails with its last response shown', () => {
    expect(run.code, run.stderr).toBe(1);
    for (const path of ['/ws/binary', '/ws/long', '/ws/bare', '/ws/fd']) expect(failureOf(run.report, path).errorType).toBe('server_error');
  });

  test('item 4: a secret in a binary frame is not printed as hex', () => {
    expect(failureBlocks(run.stdout).get('/ws/binary')).toContain(`last_response: <34 bytes> ${hex('key:')} ***`);
    for (const [what, text] of [
      ['stdout', run.stdout],
      ['html', readFileSync(html, 'utf8')],
      ['junit', readFileSync(junit, 'utf8')],
    ]) {
      expect(text, what).not.toContain(hex(SECRET.slice(0, 6)));
    }
  });

  test('item 5: a secret cut by the preview is not printed in part', () => {
    expect(failureBlocks(run.stdout).get('/ws/long')).toMatch(/last_response: x{190}\*\*\*… \(319 bytes\)/);
    expect(all).not.toContain(SECRET.slice(0, 10));
  });

  test('item 6: the bare token of a Bearer header is a secret of its own', () => {
    expect(failureBlocks(run.stdout).get('/ws/bare')).toContain('last_response: you are ***');
    expectClean('output', all, [BEARER]);
  });

  test('item 7: fs.writeSync(1) and (2), fs.write(1) are redacted', () => {
    expect(run.stdout).toContain('fd1 ***');
    expect(run.stdout).toContain('fd1 async ***');
    expect(run.stderr).toContain('fd2 ***');
    expectClean('output', all, [SECRET, BEARER]);
  });

  test('item 9: a common word given literally is not a secret: reports and exported tests stay intact', () => {
    expect(JSON.stringify(run.report)).toMatch(/"type":"json"/);
    expect(JSON.stringify(run.report)).not.toContain('"type":"***"');
    const files = readdirSync(exported);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join(exported, f), 'utf8');
      expect(text).not.toContain('.***');
      execFileSync(process.execPath, ['--check', join(exported, f)]);
      expectClean(f, text, [SECRET, BEARER]);
    }
  });
});

test('item 8: a Python app logging a secret in two chunks, under --verbose', async () => {
  const run = await runCli(
    [
      '--app',
      'split_secret_log:app',
      '--app-dir',
      'test/apps/python/hostile',
      '--header',
      'X-Token:$WSR_TOKEN',
      '--max-examples',
      '5',
      '--seed',
      '1',
      '--verbose',
    ],
    { env: { WSR_TOKEN: SECRET, NO_COLOR: '1' }, timeoutMs: 90_000 },
  );
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('token: *** logged');
  expectClean('stderr', run.stderr, [SECRET.slice(0, 14), SECRET.slice(14)]);
});

describe('item 10: the password of --url', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = (await import('../apps/node/hostile/close-on-message.js')).default as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('is printed nowhere; the reproduce line withholds it', async () => {
    const PASSWORD = 'pw-Hunter2-93kq-zz';
    const run = await runCli(
      ['--url', `http://wsr:${PASSWORD}@127.0.0.1:${port}`, '--ws-include', '/ws/close', '--max-examples', '3', '--seed', '1', '--verbose'],
      {
        env: { NO_COLOR: '1' },
      },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(failureOf(run.report, '/ws/close').reproduce).toContain(`--url 'http://wsr:<withheld>@127.0.0.1:${port}'`);
    expectClean('output', [run.stdout, run.stderr, JSON.stringify(run.report)].join('\n'), [PASSWORD]);
  });
});
