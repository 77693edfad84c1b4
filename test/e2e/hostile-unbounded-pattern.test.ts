/**
 * A `pattern` with no `maxLength` (issue 27, item 16): FastAPI's `Query(pattern=
 * "^[a-f0-9]{64}$")`. The generator filtered `fc.stringMatching` by a default maximum
 * length of 24, which a 64-character match never meets: the run hung in a synchronous
 * loop that SIGTERM could not interrupt. Now a pattern alone bounds its strings, and
 * length bounds pick among a few matches instead of filtering forever.
 */
import { expect, test } from 'vitest';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

test('a 64-character hash pattern without maxLength is generated, the route tested', async () => {
  const { code, stderr, report } = await runCli(
    ['--app', 'unbounded_pattern_app:app', '--app-dir', 'test/apps/python/hostile', '--http', '--max-examples', '20', '--seed', '1'],
    { timeoutMs: 60_000 },
  );
  expect(code, stderr.slice(-2000)).toBe(0);
  const route = routeOf(report, '/blobs/');
  expect(route.status).toBe('passed');
  expect(route.messagesSent).toBeGreaterThan(0);
}, 70_000);
