/**
 * Every bug, once, with its cause (issue 10), on Python apps: a Starlette board with two bugs
 * on one route, a crash set up by an earlier connection (history, replayed on fresh bridge
 * processes) and a crash inside a TaskGroup (reported by its innermost exception); and two
 * Litestar listeners sharing Litestar's own decode failure, reported once with `alsoOn`.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureBlocks, routeOf } from './helpers/report.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

describe('distinct failures and history on a Starlette app', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', 'every_bug_app:app', '--app-dir', PYTHON_APPS, '--seed', '3', '--max-examples', '60']);
    report = run.report as Report;
  }, 180_000);

  test('/ws/calc reports the binary-frame crash and the int() crash, each shrunk on its own', () => {
    expect(run.code, run.stderr).toBe(1);
    const route = routeOf(report, '/ws/calc');
    const bySignature = new Map(route.failures.map((f) => [f.signature?.replace(/:\d+$/, ''), f]));
    expect([...bySignature.keys()].sort()).toEqual(['server_error:KeyError:every_bug_app.py', 'server_error:ValueError:every_bug_app.py']);
    expect(bySignature.get('server_error:KeyError:every_bug_app.py')!.sequence).toEqual([{ type: 'bytes', data: '' }]);
    expect(bySignature.get('server_error:ValueError:every_bug_app.py')!.sequence).toHaveLength(1);
    expect(bySignature.get('server_error:ValueError:every_bug_app.py')!.sequence[0]!.type).not.toBe('bytes');
  });

  test('/ws/board fails only after an earlier connection posted: its history names it', () => {
    const route = routeOf(report, '/ws/board');
    const f = route.failures.find((x) => x.history?.length);
    expect(f, JSON.stringify(route.failures.map((x) => [x.signature, x.flaky]))).toBeDefined();
    expect(f!.signature).toMatch(/^server_error:\w+(\.\w+)*:every_bug_app\.py:\d+$/);
    expect(f!.history!.length).toBeGreaterThan(0);
    for (const h of f!.history!) expect(h.url).toBe('/ws/board');
    // Something was posted: the greeting reads what an earlier client left.
    expect(f!.history!.some((h) => h.sequence.length > 0)).toBe(true);
    expect(failureBlocks(run.stdout).get('/ws/board')).toMatch(/Fails only after/);
  });

  test('a crash inside a TaskGroup is reported by its innermost exception', () => {
    const route = routeOf(report, '/ws/tasks');
    const f = route.failures.find((x) => x.signature?.startsWith('server_error:ValueError:'));
    expect(f, JSON.stringify(route.failures.map((x) => x.message))).toBeDefined();
    expect(f!.message).toMatch(/ValueError: invalid literal for int\(\) with base 10/);
    expect(f!.message).not.toMatch(/[+|]-{3}/);
  });
});

describe('a framework-level failure shared by routes is one finding', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', 'litestar_listeners_app:app', '--app-dir', PYTHON_APPS, '--seed', '5', '--max-examples', '60']);
    report = run.report as Report;
  }, 180_000);

  test("Litestar's SerializationException is reported once, with alsoOn, and each route keeps its own bugs", () => {
    expect(run.code, run.stderr).toBe(1);
    const routes = ['/ws/notes', '/ws/tags'].map((p) => routeOf(report, p));
    const shared = routes.flatMap((r) => r.failures.filter((f) => /SerializationException/.test(f.signature ?? '')));
    expect(shared, JSON.stringify(routes.map((r) => r.failures.map((f) => f.signature)))).toHaveLength(1);
    const owner = routes.find((r) => r.failures.includes(shared[0]!))!;
    const other = routes.find((r) => r !== owner)!;
    expect(shared[0]!.alsoOn).toEqual([other.path]);
    expect(other.status).toBe('failed');
    expect(other.sharedFailures).toEqual([{ signature: shared[0]!.signature, reportedOn: owner.path }]);
    // The app's own bugs on both routes are still there.
    for (const r of routes) expect(r.failures.some((f) => /litestar_listeners_app\.py:\d+$/.test(f.signature ?? ''))).toBe(true);
    expect(run.stdout).toMatch(/Also on: \/ws\/(notes|tags) \(the same failure in framework code: one finding\)/);
  });
});
