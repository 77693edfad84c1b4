/**
 * The progress bar as a user sees it: the built CLI under a real pseudo-terminal
 * (util-linux `script`), so stderr is a TTY. The bar (`[███░░░] 1/3 routes · ...`) must be
 * drawn there, and left out for the plain line with CI or NO_COLOR set. Skipped where
 * `script` is missing, with the reason in the name.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CLI, ROOT } from './helpers/run-cli.js';

const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));
const BAR = /\[[█░]{20}\] \d+\/3 routes · [\d,]+ sequences/;

/** Runs the CLI on examples/chat-app.ts inside `script`; resolves with the terminal's bytes and the exit code. */
function runOnTty(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --app examples/chat-app.ts --max-examples 40 --seed 7`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', ...env };
  for (const key of ['CI', 'NO_COLOR', 'FORCE_COLOR']) if (!(key in env)) delete childEnv[key];
  const child = spawn(SCRIPT!, ['-qfec', command, '/dev/null'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI under script did not finish\n${output.slice(-2000)}`));
    }, 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(!SCRIPT)(`progress on a terminal${SCRIPT ? '' : ' (skipped: util-linux `script` is missing)'}`, () => {
  test('draws the bar of routes done, with sequences and failures, redrawn in place', async () => {
    const { code, output } = await runOnTty({});
    expect(code, output).toBe(1); // chat-app's /ws/chat/:room bug
    expect(output).toMatch(BAR);
    expect(output).toContain('\u001b[2K'); // redrawn in place: the line is cleared, not scrolled
    expect(output).toContain('WEBSOCKET TEST FAILURE: /ws/chat/:room');
  });

  test('with CI or NO_COLOR set, no bar on the terminal either', async () => {
    for (const env of [{ CI: 'true' }, { NO_COLOR: '1' }]) {
      const { code, output } = await runOnTty(env);
      expect(code, output).toBe(1);
      expect(output).not.toMatch(/[█░]/);
      expect(output).toContain('WEBSOCKET TEST FAILURE: /ws/chat/:room');
    }
  });
});
