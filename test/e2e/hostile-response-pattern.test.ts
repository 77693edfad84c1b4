/**
 * A backtracking response `pattern` (issue 27, item 18): `--validate-responses` checked
 * `^(a+)+$` against 40 `a`s and a `!` on the main thread, about 2^40 steps: the run hung
 * and no signal handler could run. Now each pattern runs in a worker under a 100 ms
 * budget; a pattern past it is not checked (for the rest of the run), and the run ends.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBacktrackingServer } from '../apps/node/hostile/backtracking-pattern-server.js';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

let server: Awaited<ReturnType<typeof startBacktrackingServer>>;
beforeAll(async () => {
  server = await startBacktrackingServer();
});
afterAll(() => server.close());

test('a backtracking response pattern ends within its budget; the run finishes', async () => {
  const { code, stderr, report } = await runCli(
    ['--url', server.url, '--openapi', '/openapi.json', '--http', '--no-websocket', '--validate-responses', '--max-examples', '5', '--seed', '1'],
    { timeoutMs: 60_000 },
  );
  expect(code, stderr.slice(-2000)).toBe(0);
  expect(routeOf(report, '/tokens').status).toBe('passed');
}, 70_000);
