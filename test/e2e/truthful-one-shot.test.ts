/**
 * A route that greets, reads one message, answers it and closes (no status, 1005) is
 * working, and tested: not skipped as if it wanted credentials (a `ws` server that closes
 * in its message handler answers no later ping, so no message of ours ever counted as
 * read). One that closes every connection at once with 4401 is still skipped
 * (test/apps/node/one-shot-app.mjs).
 */
import { expect, test } from 'vitest';
import { failureOf, routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

test('closing after answering is tested (passed, or the planted bug found); a 4401 at connect is skipped', async () => {
  const run = await runCli(['--app', 'test/apps/node/one-shot-app.mjs', '--ws-include', '/hello,/signup,/members', '--max-examples', '20', '--seed', '1']);
  expect(run.code, run.stderr).toBe(1);
  expect(routeOf(run.report, '/hello')).toMatchObject({ status: 'passed', sequences: 20 });
  expect(failureOf(run.report, '/signup')).toMatchObject({ errorType: 'server_error' });
  expect(failureOf(run.report, '/signup').serverTrace).toContain('one-shot-app.mjs');
  const members = routeOf(run.report, '/members');
  expect(members.status).toBe('skipped');
  expect(members.skipReason).toMatch(/^every connection was closed with 4401 \(token required\)/);
});
