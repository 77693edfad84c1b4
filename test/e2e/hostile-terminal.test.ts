/**
 * App-supplied text on the terminal (issue 27, item 11). An exception message, a close
 * reason and a route path carrying `ESC ] 0 ; title BEL`, `ESC [ 2 J`, `ESC [ 2 K`, a
 * carriage return and the 8-bit CSI (0x9B) reached stdout and stderr raw: the app could
 * retitle or clear the user's terminal and hide lines. Now each such character is
 * written as a visible escape (`\x1b]0;PWNED-TITLE\x07`), while the JSON report keeps
 * the text as the app sent it.
 */
import { expect, test } from 'vitest';
import { failureOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

/** Any control character a terminal acts on, other than newline and tab. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function expectNoRawControls(output: string): void {
  const at = output.search(RAW_CONTROL);
  expect(at, `raw control ${JSON.stringify(output.slice(Math.max(0, at - 40), at + 40))}`).toBe(-1);
}

test('a Node app: trace, close reason and route path are escaped on the terminal', async () => {
  const { code, stdout, stderr, report } = await runCli(['--app', 'test/apps/node/hostile/terminal-escapes.ts', '--max-examples', '5', '--seed', '1'], {
    env: { NO_COLOR: '1' },
    timeoutMs: 60_000,
  });
  expect(code, stderr).toBe(1);
  expectNoRawControls(stdout);
  expectNoRawControls(stderr);
  expect(stdout).toContain('bad frame \\x1b]0;PWNED-TITLE\\x07\\x1b[2J\\x1b[2K\\r\\x9b31mhidden');
  expect(stdout).toContain('WEBSOCKET TEST FAILURE: /ws/\\x1b]0;PWNED-TITLE\\x07');
  expect(stdout).toContain('Close Code: 1011 (\\x1b]0;PWNED-TITLE\\x07');
  // The report keeps what the app sent.
  expect(failureOf(report, '/ws/boom').serverTrace).toContain('\x1b]0;PWNED-TITLE\x07');
});

test('a Python app: the traceback is escaped on the terminal', async () => {
  const { code, stdout, stderr } = await runCli(
    ['--app', 'terminal_escapes:app', '--app-dir', 'test/apps/python/hostile', '--max-examples', '5', '--seed', '1', '--verbose'],
    { env: { NO_COLOR: '1' }, timeoutMs: 90_000 },
  );
  expect(code, stderr).toBe(1);
  expectNoRawControls(stdout);
  expectNoRawControls(stderr);
  expect(stdout).toContain('bad frame \\x1b]0;PWNED-TITLE\\x07\\x1b[2J');
});
