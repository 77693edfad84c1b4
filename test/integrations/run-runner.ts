/**
 * Runs a real test runner (Vitest, node --test, Jest) on an inner test project as a
 * user would: a child process in the project's folder, its output and exit code.
 */
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunnerResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node ...args` in `cwd` (with `env` added); killed and rejected after `timeoutMs`. */
export function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 100_000): Promise<RunnerResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`node ${args.join(' ')} did not end within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** What every runner must show for factory-app's /ws/limited: the failure block, found with the fixture's options. */
export function expectLimitedFailure(message: string): void {
  expect(message).toContain('WEBSOCKET TEST FAILURE: /ws/limited');
  expect(message).toContain('Error Type: server_error');
  expect(message).toContain('Minimal sequence (4 messages)');
  // Options as the CLI resolves them: the config file's seed and max messages, the spec's max examples.
  expect(message).toContain('--max-examples 15 --ws-max-messages 6 --seed 16');
}
