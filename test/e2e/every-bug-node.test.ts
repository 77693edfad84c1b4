/**
 * Every bug, once, with its cause (issue 10), on a Node app that routes its upgrades itself
 * (test/apps/node/every-bug/orders-app.ts): two distinct bugs on one route, both reported
 * with their signatures; a crash that only an earlier connection's message sets up, reported
 * with that connection as its history (replayed on a fresh load of the module); a
 * timing-dependent crash, reported as flaky; and the same seed giving the same failures.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureBlocks, routeOf } from './helpers/report.js';

const APP = 'test/apps/node/every-bug/orders-app.ts';
const ROUTES = '/ws/orders,/ws/greeter,/ws/ticker';

describe('distinct failures, history and flaky on a ws app', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', APP, '--ws-include', ROUTES, '--seed', '7', '--max-examples', '60']);
    report = run.report as Report;
  }, 180_000);

  test('both bugs of /ws/orders are reported, each with its own signature and minimal sequence', () => {
    expect(run.code, run.stderr).toBe(1);
    const route = routeOf(report, '/ws/orders');
    const signatures = route.failures.map((f) => f.signature ?? '');
    expect(
      signatures.some((s) => /^server_error:SyntaxError:orders-app\.ts:\d+$/.test(s)),
      signatures.join(', '),
    ).toBe(true);
    expect(
      signatures.some((s) => /^server_error:TypeError:orders-app\.ts:\d+$/.test(s)),
      signatures.join(', '),
    ).toBe(true);
    expect(new Set(signatures).size).toBe(signatures.length);
    for (const f of route.failures) expect(f.sequence).toHaveLength(1);
    expect(run.stdout).toMatch(/Failures: \d+ \(distinct\)/);
  });

  test('the greeting crash names the earlier connection it needs (history)', () => {
    const route = routeOf(report, '/ws/greeter');
    const f = route.failures.find((x) => x.history?.length);
    expect(f, JSON.stringify(route.failures.map((x) => [x.signature, x.flaky]))).toBeDefined();
    expect(f!.signature).toMatch(/^server_error:TypeError:orders-app\.ts:\d+$/);
    expect(f!.flaky).toBeUndefined();
    // The earlier connection left something that is not a string: it sent a JSON value.
    const sent = f!.history!.flatMap((h) => h.sequence);
    expect(sent.some((m) => m.type === 'json' || (m.type === 'text' && /^[\d[{tfn-]/.test(String(m.data))))).toBe(true);
    for (const h of f!.history!) expect(h.url).toBe('/ws/greeter');
    expect(failureBlocks(run.stdout).get('/ws/greeter')).toMatch(/Fails only after (an earlier connection|\d+ earlier connections) sent/);
  });

  test('the burst crash is flaky: it did not fail on the stepwise replays', () => {
    const route = routeOf(report, '/ws/ticker');
    const f = route.failures.find((x) => /^server_error:Error:/.test(x.signature ?? ''));
    expect(f, JSON.stringify(route.failures.map((x) => x.signature))).toBeDefined();
    expect(f!.flaky).toBeDefined();
    expect(f!.flaky!.failed).toBeGreaterThan(0);
    expect(f!.flaky!.failed).toBeLessThan(f!.flaky!.tried);
    expect(f!.history).toBeUndefined();
    expect(failureBlocks(run.stdout).get('/ws/ticker')).toMatch(/Flaky: failed \d+ of \d+ runs/);
  });

  test('the same seed gives the same failures', async () => {
    const again = await runCli(['--app', APP, '--ws-include', '/ws/orders', '--seed', '7', '--max-examples', '60']);
    const first = routeOf(report, '/ws/orders').failures.map((f) => [f.signature, f.sequence]);
    expect(routeOf(again.report as Report, '/ws/orders').failures.map((f) => [f.signature, f.sequence])).toEqual(first);
  }, 120_000);

  test('--max-failures 1 keeps only the first distinct failure', async () => {
    const one = await runCli(['--app', APP, '--ws-include', '/ws/orders', '--seed', '7', '--max-examples', '60', '--max-failures', '1']);
    const failures = routeOf(one.report as Report, '/ws/orders').failures;
    expect(failures).toHaveLength(1);
    expect(failures[0]!.signature).toBe(routeOf(report, '/ws/orders').failures[0]!.signature);
    expect(failures[0]!.reproduce).toContain('--max-failures 1');
  }, 120_000);
});
