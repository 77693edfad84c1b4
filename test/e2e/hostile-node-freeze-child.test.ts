/**
 * A frozen app's last child (issue 27, item 23): the app spawns a helper, then blocks the
 * event loop. The freeze watchdog kills wsroutes (137) after ending the app's children,
 * but it learned them from the main thread once a second, so a child spawned just before
 * the freeze outlived the run. Now the watchdog also ends every process carrying the
 * app's environment marker, known from the start.
 */
import { expect, test } from 'vitest';
import { killMarked, leftBehind, MARK_VAR, newMark } from './helpers/processes.js';
import { runCli } from './helpers/run-cli.js';

test('the child spawned just before the freeze ends with the run', async () => {
  const mark = newMark();
  try {
    const result = await runCli(['--app', 'test/apps/node/hostile/freeze-after-spawn.ts', '--ws-message-timeout', '0.5', '--seed', '1'], {
      env: { [MARK_VAR]: mark },
      timeoutMs: 60_000,
    });
    expect(result.signal ?? result.code, result.stderr).toBe('SIGKILL');
    expect(result.stderr).toMatch(/blocked the event loop/);
    // SIGKILL is delivered at once, but the kernel may take a moment to reap.
    expect(await leftBehind(mark, 2_000)).toEqual([]);
  } finally {
    killMarked(mark);
  }
}, 70_000);
