/**
 * Hostile files given to the CLI (issue 27 item 20): a FIFO or a device where a file is
 * expected, and config modules that never finish loading or call `process.exit`. Each is
 * one line on stderr and exit 2. Before the fix a FIFO `--app` (or `--config`, `--setup`,
 * `--openapi`) and `--config /dev/zero` blocked the main thread for good (SIGTERM
 * ignored), a config whose loading never settled exited 13 with nothing said, and one
 * calling `process.exit(0)` exited 0 with nothing said: a hang fails here by the run's
 * timeout (the CLI is killed then), and the FIFOs live in a temp dir removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from './helpers/run-cli.js';

const APP = join(ROOT, 'test/fixtures/config/apps/options-app.ts');
const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-hostile-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fifo(name: string): string {
  const file = join(scratch, name);
  execFileSync('mkfifo', [file]);
  return file;
}

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** One line on stderr matching `pattern`, exit 2, nothing started. */
async function expectRefused(args: string[], pattern: RegExp): Promise<void> {
  const { code, stderr, stdout } = await runCli(args, { noReport: true, timeoutMs: 30_000 });
  expect(code, stderr).toBe(2);
  expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/testing \d+ route|internal error/);
  expect(stdout).toBe('');
}

describe('a FIFO or a device where a file is expected', () => {
  test('--app a FIFO', async () => {
    const app = fifo('app.ts');
    await expectRefused(['--app', app], /^wsroutes: --app .*app\.ts: it is a FIFO, not a file$/m);
  });

  test('--config a FIFO', async () => {
    const config = fifo('wsroutes.config.json');
    await expectRefused(['--config', config], /^wsroutes: cannot read config file .*wsroutes\.config\.json: it is a FIFO, not a file$/m);
  });

  test('--config /dev/zero', async () => {
    await expectRefused(['--config', '/dev/zero'], /^wsroutes: cannot read config file \/dev\/zero: it is a character device, not a file$/m);
  });

  test('--setup a FIFO', async () => {
    const setup = fifo('setup.ts');
    await expectRefused(['--app', APP, '--setup', setup], /^wsroutes: --setup .*setup\.ts: it is a FIFO, not a file$/m);
  });

  test('--openapi a FIFO', async () => {
    // A relative path: one starting with / names a path on the running server.
    const doc = relative(ROOT, fifo('openapi.json'));
    await expectRefused(['--app', APP, '--http', '--openapi', doc], /^wsroutes: --openapi .*openapi\.json: it is a FIFO, not a file$/m);
  });
});

describe('a config module that never finishes loading, or exits', () => {
  const config = (name: string, body: string): string => file(name, `${body}\nexport default { app: ${JSON.stringify(APP)} };\n`);

  test('a top-level await that never settles: a bounded wait (--ws-timeout), then one line naming the file', async () => {
    const never = config('never.config.mjs', 'await new Promise(() => {});');
    await expectRefused(['--config', never, '--ws-timeout', '1'], /^wsroutes: config file .*never\.config\.mjs did not finish loading within 1 s/m);
  });

  test('a default export whose promise never settles', async () => {
    const never = file('never-fn.config.mjs', 'export default () => new Promise(() => {});\n');
    await expectRefused(['--config', never, '--ws-timeout', '1'], /^wsroutes: config file .*never-fn\.config\.mjs did not finish loading within 1 s/m);
  });

  test('process.exit(0) while loading', async () => {
    const exits = config('exit.config.mjs', 'process.exit(0);');
    await expectRefused(['--config', exits], /^wsroutes: config file .*exit\.config\.mjs called process\.exit\(0\) while loading/m);
  });

  test('process.exit(0) in its default export', async () => {
    const exits = file('exit-fn.config.mjs', 'export default () => process.exit(0);\n');
    await expectRefused(['--config', exits], /^wsroutes: config file .*exit-fn\.config\.mjs called process\.exit\(0\) while loading/m);
  });

  test('process.exit(0), or a throw, from a timer while its default export waits: one line, no stack trace', async () => {
    const wait = 'await new Promise((r) => setTimeout(r, 200));';
    const app = JSON.stringify(APP);
    const exits = file('exit-timer.config.mjs', `export default async () => { setTimeout(() => process.exit(0)); ${wait} return { app: ${app} }; };\n`);
    await expectRefused(['--config', exits], /^wsroutes: config file .*exit-timer\.config\.mjs called process\.exit\(0\) while loading/m);
    const throws = file(
      'throw-timer.config.mjs',
      `export default async () => { setTimeout(() => { throw new Error('late'); }); ${wait} return { app: ${app} }; };\n`,
    );
    await expectRefused(['--config', throws], /^wsroutes: config file .*throw-timer\.config\.mjs threw while loading \(outside its own await\): late$/m);
  });

  test('process.exit() caught by the config itself is still refused', async () => {
    const exits = config('exit-caught.config.mjs', 'try { process.exit(); } catch {}');
    await expectRefused(['--config', exits], /^wsroutes: config file .*exit-caught\.config\.mjs called process\.exit\(\) while loading/m);
  });
});
