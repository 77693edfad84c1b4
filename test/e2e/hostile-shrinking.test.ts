/**
 * Shrinking against hostile targets (issue 15, item 1): a Python app that dies
 * (os._exit) a few connections after its first crash, and Ctrl-C in the middle of a
 * shrink. Before the fix, fc.check walked the whole shrink tree in microtasks once the
 * server was gone (the first test then spun at 100% CPU, deaf to SIGINT, and died of a
 * stack overflow). Now the run ends promptly with the best example so far, marked as
 * not fully shrunk, the app's own traceback kept, and nothing is left running.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { commandLine, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import { failureOf } from './helpers/report.js';
import { runCli, startCli } from './helpers/run-cli.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

const HOSTILE = join(PYTHON_APPS, 'hostile');

test('an app that exits during shrinking: the run ends with the failure, not fully shrunk', async () => {
  const mark = newMark();
  const { code, report, stdout, stderr } = await runCli(
    // One connection at a time and the first failure only: exploration stops at the crash, so the
    // app dies during shrinking (with more at once, it may die during exploration instead).
    [
      ...['--app', 'dies_after_crash:app', '--app-dir', HOSTILE, '--seed', '11', '--max-examples', '200', '--ws-message-timeout', '2'],
      ...['--concurrency', '1', '--max-failures', '1'],
    ],
    { env: { [MARK_VAR]: mark }, timeoutMs: 60_000 },
  );
  expect(code, stderr).toBe(1);
  // The connections the exit cut are failures too (dropped, untraced); this is the one that raised.
  const failure = failureOf(report, '/ws/feed', (f) => (f.serverTrace ?? '').includes('binary frames are not supported'));
  expect(failure.errorType).toBe('server_error');
  expect(stdout).toContain('WEBSOCKET TEST FAILURE: /ws/feed');
  expect(stdout).toMatch(/stopped taking connections after this failure \(it exited, crashed or froze\)/);
  expect(processesMarked(mark).map(commandLine)).toEqual([]);
});

test('Ctrl-C during a shrink stops the run at once (exit 130, nothing left behind)', async () => {
  const mark = newMark();
  // A long shrink: every candidate of a timeout failure waits out the message timeout.
  // Stopping the app on SIGINT makes the next candidates fail at once (server gone): the
  // shrink must end there rather than walk its tree in microtasks while the CLI stops the app.
  const run = startCli(['--app', 'stalls_on_binary:app', '--app-dir', HOSTILE, '--seed', '11', '--max-examples', '200', '--ws-message-timeout', '1'], {
    env: { [MARK_VAR]: mark },
    timeoutMs: 60_000,
    noReport: true,
  });
  await run.waitForStderr(/testing 1 route/);
  // Exploration meets the stall within a message timeout; then every shrink step waits one out.
  await new Promise((r) => setTimeout(r, 4000));
  expect(run.stdout(), 'the run ended before the interrupt').toBe('');
  const sent = Date.now();
  run.child.kill('SIGINT');
  const { code } = await run.done;
  expect(code).toBe(130);
  expect(Date.now() - sent).toBeLessThan(15_000);
  expect(processesMarked(mark).map(commandLine)).toEqual([]);
});
