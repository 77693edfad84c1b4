/**
 * Every command-line option has an effect a test can see in the JSON report or the
 * output; each test here fails if its option is ignored. The apps are small `ws`
 * servers whose routes pass only when one option is honoured
 * (test/fixtures/config/apps/options-app.ts, see the table at its top).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

type Json = Record<string, any>;
const APP = 'test/fixtures/config/apps/options-app.ts';
const route = (report: Json, path: string): Json => {
  const r = report.routes.find((x: Json) => x.path === path);
  if (!r) throw new Error(`route ${path} not in report: ${report.routes.map((x: Json) => x.path).join(', ')}`);
  return r;
};
const paths = (report: Json): string[] => report.routes.map((r: Json) => r.path).sort();
/** A quick run of the options app: few, short sequences. */
const quick = (...args: string[]) => runCli(['--app', APP, '--max-examples', '10', '--ws-max-messages', '3', '--seed', '1', ...args]);

describe('each option has an observable effect', () => {
  test('--ws-max-messages (and --routes-ws-max-messages): no sequence is longer', async () => {
    for (const flag of ['--ws-max-messages', '--routes-ws-max-messages']) {
      const { code, report } = await runCli(['--app', APP, '--ws-include', '/ws/echo', '--max-examples', '30', '--seed', '4', flag, '1']);
      expect(code).toBe(0);
      const r = route(report, '/ws/echo');
      expect(r.sequences).toBe(30);
      // With the default of 10, 30 sequences send far more than 30 messages.
      expect(r.messagesSent).toBeLessThanOrEqual(30);
    }
  });

  test('--max-examples: that many sequences per route', async () => {
    const { report } = await runCli(['--app', APP, '--ws-include', '/ws/echo', '--max-examples', '7', '--seed', '1']);
    expect(route(report, '/ws/echo').sequences).toBe(7);
    // A multi-client script among them opens more than one connection.
    expect(route(report, '/ws/echo').connections).toBeGreaterThanOrEqual(7);
  });

  test('without options, each option route fails in its own way (so the tests below can see each option)', async () => {
    const { code, report } = await runCli(['--app', APP, '--max-examples', '20', '--ws-max-messages', '3', '--seed', '1']);
    expect(code).toBe(1);
    expect(route(report, '/ws/echo').status).toBe('passed');
    expect(route(report, '/ws/small').failures[0]).toMatchObject({ errorType: 'server_error', closeCode: 1011 });
    expect(route(report, '/ws/no-normal').failures[0]).toMatchObject({ errorType: 'shutdown_error', closeCode: 1002 });
    expect(route(report, '/ws/single').failures[0]).toMatchObject({ errorType: 'server_error', closeCode: 1011 });
  });

  test('--ws-include: only the routes matching the globs', async () => {
    const { report } = await quick('--ws-include', '/ws/e*,/ws/no-*', '--ws-close-codes', '1001');
    expect(paths(report)).toEqual(['/ws/echo', '/ws/no-normal']);
  });

  test('--ws-exclude: the routes matching the globs are left out', async () => {
    const { report } = await quick('--ws-exclude', '/ws/s*', '--routes-ws-exclude', '/ws/no-normal');
    expect(paths(report)).toEqual(['/ws/echo']);
  });

  test('--ws-max-message-size: no generated message is larger', async () => {
    const { code, report } = await quick('--ws-include', '/ws/small', '--max-examples', '20', '--ws-max-message-size', '32');
    expect(code).toBe(0);
    expect(route(report, '/ws/small').status).toBe('passed');
  });

  test('--ws-close-codes: our closes use only those codes', async () => {
    const { code, report } = await quick('--ws-include', '/ws/no-normal', '--max-examples', '20', '--ws-close-codes', '1001');
    expect(code).toBe(0);
    expect(route(report, '/ws/no-normal').status).toBe('passed');
  });

  test('--concurrency: at most that many connections open at once', async () => {
    const { code, report } = await quick('--ws-include', '/ws/single', '--max-examples', '20', '--concurrency', '1');
    expect(code).toBe(0);
    expect(route(report, '/ws/single').status).toBe('passed');
  });

  test('--ws-timeout: a handshake the server never answers fails after that long', async () => {
    const { code, report } = await runCli([
      '--app',
      'test/fixtures/config/apps/silent-upgrade-app.ts',
      '--ws-include',
      '/ws/never',
      '--ws-timeout',
      '0.2',
      '--max-examples',
      '3',
      '--ws-max-messages',
      '1',
      '--seed',
      '1',
    ]);
    expect(code).toBe(1);
    expect(route(report, '/ws/never').failures[0]).toMatchObject({ errorType: 'timeout', message: 'No handshake answer within 200 ms' });
  });

  test('--ws-message-timeout: a server that stops answering fails after that long', async () => {
    const { code, report } = await runCli([
      '--app',
      'test/apps/node/stall-app.ts',
      '--routes-ws-message-timeout',
      '0.3',
      '--max-examples',
      '3',
      '--ws-max-messages',
      '1',
      '--seed',
      '1',
    ]);
    expect(code).toBe(1);
    expect(route(report, '/ws/stall').failures[0]).toMatchObject({ errorType: 'timeout' });
    expect(route(report, '/ws/stall').failures[0].message).toContain('no pong within 300 ms');
  });

  test('--seed: the run is that seed, and the same seed replays the same failure', async () => {
    const a = await quick('--ws-include', '/ws/echo,/ws/no-normal', '--seed', '424242');
    const b = await quick('--ws-include', '/ws/echo,/ws/no-normal', '--routes-seed', '424242');
    expect(a.report.seed).toBe(424242);
    const fa = route(a.report, '/ws/no-normal').failures[0];
    expect(fa.seed).toBe(424242);
    expect(fa.reproduce).toContain('--seed 424242');
    expect(route(b.report, '/ws/no-normal').failures[0].sequence).toEqual(fa.sequence);
    // The same sequences: the same number of messages on the route that passes.
    expect(route(b.report, '/ws/echo').messagesSent).toBe(route(a.report, '/ws/echo').messagesSent);
  });

  test('--report-json: the report is written to that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsroutes-report-'));
    try {
      const file = join(dir, 'nested-name.json');
      const { code } = await runCli(['--app', APP, '--ws-include', '/ws/echo', '--max-examples', '2', '--seed', '1', '--report-json', file], {
        noReport: true,
      });
      expect(code).toBe(0);
      expect(existsSync(file)).toBe(true);
      const report = JSON.parse(readFileSync(file, 'utf8'));
      expect(report).toMatchObject({ tool: 'wsroutes', seed: 1, routes: [{ path: '/ws/echo', sequences: 2 }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--verbose: the effective configuration, one key per line with its source; auth redacted', async () => {
    const { code, stderr, stdout } = await runCli(
      [
        '--app',
        APP,
        '--ws-include',
        '/ws/echo',
        '--max-examples',
        '2',
        '--routes-ws-max-messages',
        '2',
        '--seed',
        '1',
        '--auth',
        'bearer:s3cret-token',
        '--verbose',
      ],
      { noReport: true },
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/effective configuration \(no config file;/);
    expect(stderr).toMatch(/^ {2}maxMessages +2 +\[cli \(--routes-ws-max-messages\)\]$/m);
    expect(stderr).toMatch(/^ {2}maxExamples +2 +\[cli \(--max-examples\)\]$/m);
    expect(stderr).toMatch(/^ {2}concurrency +adaptive +\[default\]$/m);
    expect(stderr).toMatch(/^ {2}auth +bearer:\*\*\* +\[cli \(--auth\)\]$/m);
    expect(stderr + stdout).not.toContain('s3cret-token');
    // and every route is listed
    expect(stderr).toMatch(/^ {2}\/ws\/echo$/m);
    const quiet = await runCli(['--app', APP, '--ws-include', '/ws/echo', '--max-examples', '2', '--seed', '1'], { noReport: true });
    expect(quiet.stderr).not.toContain('effective configuration');
  });

  test('--no-websocket: nothing to test, exit 2, the app never started', async () => {
    const { code, stderr } = await runCli(['--app', APP, '--no-websocket'], { noReport: true });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('wsroutes: WebSocket testing is off (--no-websocket) and HTTP testing is off (turn it on with --http): nothing to test');
  });

  test('a bad option value is one line, exit 2', async () => {
    const { code, stderr } = await runCli(['--app', APP, '--ws-close-codes', '1000,1006'], { noReport: true });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^wsroutes: .*--ws-close-codes takes close codes .*\(got "1006"\)/)]);
  });
});
