/**
 * Children of a Python app in new sessions (issue 27, item 21): a helper started with
 * `start_new_session=True` and a fork + setsid worker, both at import. Signalling
 * the bridge's process group missed them, stop waited for a `close` event their open pipes
 * never let come: the run never returned, and they outlived it. Now stop has
 * a deadline and ends every process that carries the bridge's marker or descends from it.
 */
import { expect, test } from 'vitest';
import { commandLine, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

/** The marked processes, once those on their way out are gone (at most `ms`). */
async function leftBehind(mark: string, ms = 2_000): Promise<string[]> {
  for (const until = Date.now() + ms; processesMarked(mark).length > 0 && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return processesMarked(mark).map(commandLine);
}

test('the run returns, and no child of the app in another session is left', async () => {
  const mark = newMark();
  try {
    const { code, stderr, report } = await runCli(
      ['--app', 'new_session_children_app:app', '--app-dir', 'test/apps/python/hostile', '--max-examples', '5', '--seed', '1'],
      { env: { [MARK_VAR]: mark }, timeoutMs: 60_000 },
    );
    expect(code, stderr.slice(-2000)).toBe(0);
    expect(routeOf(report, '/ws/echo').status).toBe('passed');
    expect(await leftBehind(mark)).toEqual([]);
  } finally {
    // A failing run must not leave them to the next test.
    for (const pid of processesMarked(mark)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  }
}, 70_000);
