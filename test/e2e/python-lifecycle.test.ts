/**
 * The Python target's life seen from the real CLI: the app's lifespan runs around the
 * run, a frozen event loop ends as a timeout and its process is killed, Ctrl-C and
 * SIGTERM stop the run and the app, and every start-up failure is one line on stderr
 * naming the interpreter, exit 2. Each run's processes are found by a marker in their
 * environment (helpers/processes.ts), so "nothing left behind" is checked, not assumed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { commandLine, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import { failureOf, routeOf } from './helpers/report.js';
import { ROOT, runCli, startCli } from './helpers/run-cli.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-e2e-life-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const VENV_PYTHON = join(ROOT, '.venv', 'bin', 'python');

function expectNoneLeft(mark: string): void {
  const left = processesMarked(mark);
  expect(
    left.map((pid) => `${pid}: ${commandLine(pid)}`),
    'processes of the run still alive',
  ).toEqual([]);
}

/** The bridge (and only processes of this run) carry the mark while the run is on. */
function expectBridgeRunning(mark: string): void {
  const pids = processesMarked(mark);
  expect(
    pids.map(commandLine).some((cmd) => cmd.includes('wsroutes_bridge')),
    `no bridge among ${pids.map(commandLine).join(' | ')}`,
  ).toBe(true);
}

describe('lifespan', () => {
  test('startup runs before the first connection and shutdown after the last (app from a factory)', async () => {
    const marker = join(scratch, 'lifespan.log');
    const mark = newMark();
    const { code, report, stderr } = await runCli(
      ['--app', 'starlette_app:create_app()', '--app-dir', PYTHON_APPS, '--ws-include', '/ws/echo', '--seed', '3', '--max-examples', '20'],
      { env: { WSROUTES_LIFESPAN_MARKER: marker, [MARK_VAR]: mark } },
    );
    expect(code, stderr).toBe(0);
    expect(report.target).toEqual({ kind: 'python', framework: 'starlette', spec: 'starlette_app:create_app()' });
    expect(routeOf(report, '/ws/echo').status).toBe('passed');
    expect(report.routes).toHaveLength(1);
    expect(readFileSync(marker, 'utf8')).toBe('startup\nshutdown\n');
    expectNoneLeft(mark);
  });
});

describe('a frozen event loop', () => {
  test('is a timeout failure, and the frozen Python process is killed at the end', async () => {
    const mark = newMark();
    const run = startCli(
      ['--app', 'frozen_app:app', '--app-dir', PYTHON_APPS, '--seed', '5', '--max-examples', '2', '--ws-message-timeout', '1', '--ws-timeout', '1'],
      { env: { [MARK_VAR]: mark } },
    );
    await run.waitForStderr(/testing 1 route/);
    expectBridgeRunning(mark);
    const { code, report, stderr } = await run.done;
    expect(code, stderr).toBe(1);
    const f = failureOf(report, '/ws/freeze');
    expect(f.errorType).toBe('timeout');
    expectNoneLeft(mark);
  });
});

describe('signals', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)('%s mid-run stops the CLI at once and leaves no Python process', async (signal) => {
    const mark = newMark();
    // 5000 sequences on each of 11 routes: minutes of work, so only the signal ends this run early.
    const run = startCli(['--app', 'starlette_app:app', '--app-dir', PYTHON_APPS, '--seed', '9', '--max-examples', '5000'], {
      env: { [MARK_VAR]: mark },
      timeoutMs: 30_000,
    });
    // The progress line (every few seconds off a TTY) with messages sent: connections are open.
    await run.waitForStderr(/· [1-9][\d,]* messages/);
    expectBridgeRunning(mark);
    run.child.kill(signal);
    const { code, stderr } = await run.done;
    expect(code).toBe(130);
    expect(stderr).toContain(`interrupted (${signal})`);
    expectNoneLeft(mark);
  });
});

describe('start-up failures: exit 2, one line naming the interpreter, no stack trace', () => {
  const bareVenv = join(scratch, 'bare-venv');
  const barePython = join(bareVenv, 'bin', 'python');

  const cases: { name: string; args: string[]; says: string[]; python?: () => string }[] = [
    { name: 'a module that does not exist', args: ['--app', 'no_such_module:app'], says: ['no_such_module', VENV_PYTHON] },
    { name: 'an attribute the module lacks', args: ['--app', 'starlette_app:no_such_app'], says: ['no_such_app', VENV_PYTHON] },
    { name: 'an app raising on import', args: ['--app', 'broken_import_app:app'], says: ['RuntimeError: broken on purpose', VENV_PYTHON] },
    { name: 'an attribute that is not an ASGI app', args: ['--app', 'asgi_app:not_an_app'], says: ['not an ASGI app', VENV_PYTHON] },
    { name: 'a lifespan startup that raises', args: ['--app', 'lifespan_fail_app:app'], says: ['ConnectionRefusedError', VENV_PYTHON] },
    { name: '--python /nonexistent', args: ['--app', 'starlette_app:app', '--python', '/nonexistent'], says: ['/nonexistent'] },
    {
      name: 'an interpreter without uvicorn',
      args: ['--app', 'starlette_app:app', '--python', barePython],
      says: ['uvicorn', barePython],
    },
  ];

  test.each(cases)('$name', async ({ args, says }) => {
    if (args.includes(barePython) && !existsSync(barePython)) {
      // A venv without pip: a real interpreter that has no uvicorn, made in a fraction of a second.
      const made = spawnSync(existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3', ['-m', 'venv', '--without-pip', bareVenv], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
    }
    const mark = newMark();
    const { code, stdout, stderr, report } = await runCli([...args, '--app-dir', PYTHON_APPS, '--seed', '1', '--max-examples', '5'], {
      env: { [MARK_VAR]: mark },
    });
    expect(code, stderr).toBe(2);
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^wsroutes: /);
    for (const s of says) expect(lines[0]).toContain(s);
    expect(stderr).not.toMatch(/^\s+at |Traceback \(most recent call last\)/m);
    expect(stdout).toBe('');
    expect(report).toBeUndefined();
    expectNoneLeft(mark);
  });
});
