/**
 * --auth against test/apps/node/auth-app.ts: without it, the route that refuses the
 * upgrade is handshake_rejected (once, with the --auth hint) and the route that closes
 * 4401 is skipped, never passed; with each kind of spec both pass. The secret, given
 * through $VAR, appears nowhere in what wsroutes wrote (stdout, stderr with --verbose,
 * the JSON report).
 */
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { failureBlocks, failureOf, routeOf } from './helpers/report.js';

const SECRET = 'zq-Secret-7f3a91-do-not-print';
const env = { WSR_AUTH_SECRET: SECRET };
const base = ['--app', 'test/apps/node/auth-app.ts', '--max-examples', '5', '--ws-max-messages', '3', '--seed', '4', '--verbose'];

function expectNoSecret(run: { stdout: string; stderr: string; report?: unknown }): void {
  expect(run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toContain(SECRET);
  expect(JSON.stringify(run.report)).not.toContain(SECRET);
  // Nor its URL-encoded form (query auth).
  expect(run.stdout + run.stderr + JSON.stringify(run.report)).not.toContain(encodeURIComponent(SECRET));
}

describe('--auth', () => {
  test('without it: handshake_rejected once with the hint; a 4401 after accept is skipped with the code', async () => {
    const run = await runCli(base, { env });
    expect(run.code).toBe(1);
    const f = failureOf(run.report, '/ws/private');
    expect(f).toMatchObject({ errorType: 'handshake_rejected', message: 'Server rejected the handshake with HTTP 401', messageIndex: null });
    expect(run.stdout.match(/WEBSOCKET TEST FAILURE: \/ws\/private/g)).toHaveLength(1);
    expect(failureBlocks(run.stdout).get('/ws/private')).toMatch(/Hint: .*pass them with --auth bearer:TOKEN/);
    expect(routeOf(run.report, '/ws/after').status).toBe('skipped');
    // The JSON report has no field for the reason (yet): the summary prints it.
    expect(run.stdout).toMatch(/Route: \/ws\/after\n\s+Status: skipped\n\s+Reason: every connection was closed with 4401 \(unauthorized\).*--auth/);
  });

  for (const spec of ['bearer:$WSR_AUTH_SECRET', 'header:X-Api-Key:${WSR_AUTH_SECRET}', 'query:token:$WSR_AUTH_SECRET']) {
    test(`${spec.split(':')[0]}: both routes pass and the secret is never written`, async () => {
      const run = await runCli([...base, '--auth', spec], { env });
      expect(run.code, run.stderr).toBe(0);
      for (const path of ['/ws/private', '/ws/after']) {
        const r = routeOf(run.report, path);
        expect(r.status).toBe('passed');
        expect(r.sequences).toBe(5);
        // A multi-client script opens several connections.
        expect(r.connections).toBeGreaterThanOrEqual(5);
      }
      expectNoSecret(run);
    });
  }

  test('a failing run with --auth prints its reproduce line without the secret', async () => {
    // Query auth with a wrong value that holds the secret: /ws/private refuses; the failure block must not echo the spec.
    const run = await runCli([...base, '--auth', 'query:token:${WSR_AUTH_SECRET}-wrong'], { env });
    expect(run.code).toBe(1);
    // Not only $VARs: the value is withheld (a $VAR-only spec is shown as written).
    expect(failureOf(run.report, '/ws/private').reproduce).toContain("--auth 'query:token:<withheld>'");
    expect(run.stdout + run.stderr + JSON.stringify(run.report)).not.toContain(SECRET);
  });
});
