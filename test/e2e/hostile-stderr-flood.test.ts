/**
 * A Python app that writes an endless line on stderr (issue 27, item 13): a `\r`
 * progress bar, 128 MB with no newline, while the module loads. wsroutes keeps the last
 * lines of the bridge's stderr for its error messages, and re-split the whole growing
 * line on every chunk: quadratic, so the app's start outlived the 30 s start timeout (64 MB
 * took 20 s and 0.9 GB). Now a line keeps its last 2,000 characters and each chunk is
 * read once; the run tests the route.
 */
import { expect, test } from 'vitest';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

test('a 128 MB progress line on stderr does not stall the start', async () => {
  const { code, stderr, report } = await runCli(
    ['--app', 'progress_bar_app:app', '--app-dir', 'test/apps/python/hostile', '--max-examples', '5', '--seed', '1'],
    { timeoutMs: 90_000 },
  );
  expect(code, stderr.slice(-2000)).toBe(0);
  expect(routeOf(report, '/ws/echo').status).toBe('passed');
}, 100_000);
