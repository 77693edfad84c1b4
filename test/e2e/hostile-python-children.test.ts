/**
 * Children of a Python app in new sessions (issue 27, item 21): a helper started with
 * `start_new_session=True` and a fork + setsid worker, both at import. Signalling
 * the bridge's process group missed them, stop waited for a `close` event their open pipes
 * never let come: the run never returned, and they outlived it. Now stop has
 * a deadline and ends every process that carries the bridge's marker or descends from it.
 */
import { expect, test } from 'vitest';
import { killMarked, leftBehind, MARK_VAR, newMark } from './helpers/processes.js';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

test('the run returns, and no child of the app in another session is left', async () => {
  const mark = newMark();
  try {
    const { code, stderr, report } = await runCli(
      ['--app', 'new_session_children_app:app', '--app-dir', 'test/apps/python/hostile', '--max-examples', '5', '--seed', '1'],
      { env: { [MARK_VAR]: mark }, timeoutMs: 60_000 },
    );
    expect(code, stderr.slice(-2000)).toBe(0);
    expect(routeOf(report, '/ws/echo').status).toBe('passed');
    expect(await leftBehind(mark, 2_000)).toEqual([]);
  } finally {
    // A failing run must not leave them to the next test.
    killMarked(mark);
  }
}, 70_000);
