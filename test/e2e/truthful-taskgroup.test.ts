/**
 * A crash inside an asyncio.TaskGroup (test/apps/python/taskgroup_app.py, FastAPI) through
 * the real CLI: the server gets an ExceptionGroup, and the report names the exception the
 * task raised, never a line of the group's box drawing.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureBlocks, routeOf } from './helpers/report.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

describe('taskgroup_app: an exception group', () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', 'taskgroup_app:app', '--app-dir', PYTHON_APPS, '--seed', '1', '--max-examples', '20']);
    report = run.report as Report;
  });

  test('the failure message is the task exception, with the group trace kept whole', () => {
    expect(run.code, run.stderr).toBe(1);
    const route = routeOf(report, '/ws/scores');
    expect(route.status).toBe('failed');
    const f = route.failures.find((x) => x.errorType === 'server_error');
    expect(f?.message).toMatch(/^Server raised: ValueError: invalid literal for int\(\) with base 10: /);
    expect(f?.message).not.toMatch(/[+|]-{3}/);
    expect(f?.serverTrace).toContain('ExceptionGroup: unhandled errors in a TaskGroup');
    expect(f?.serverTrace).toMatch(/taskgroup_app\.py", line \d+, in parse_score/);
  });

  test('the failure block prints the same message', () => {
    const block = failureBlocks(run.stdout).get('/ws/scores');
    expect(block).toMatch(/^Message: Server raised: ValueError: invalid literal for int\(\) with base 10: /m);
  });

  test('the same fan-out without a bug passes', () => {
    expect(routeOf(report, '/ws/echo').status).toBe('passed');
  });
});
