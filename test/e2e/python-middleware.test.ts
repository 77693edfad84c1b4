/**
 * Python apps as projects write them around the framework: the app handed to the server is
 * ASGI middleware wrapping a supported app (test/apps/python/middleware_app.py: a plain
 * middleware class, Starlette's CORSMiddleware, uvicorn's ProxyHeadersMiddleware, a closure),
 * and modules that start their own server at import (the `__main__` guard forgotten before
 * `uvicorn.run(app)`, or Quart's `app.run()`).
 */
import { describe, expect, test } from 'vitest';
import { commandLine, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import { runCli } from './helpers/run-cli.js';
import { failureOf, routeOf } from './helpers/report.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

interface WrappedCase {
  attr: string;
  framework: string;
  passing: string;
  bug: string;
  trace: string[];
}

const CASES: WrappedCase[] = [
  {
    attr: 'fastapi',
    framework: 'fastapi',
    passing: '/api/items/{item_id:int}',
    bug: '/bug/json',
    trace: ['json.decoder.JSONDecodeError', 'in bug_json', 'middleware_app.py'],
  },
  {
    attr: 'quart',
    framework: 'quart',
    passing: '/ws/things/{thing_id:uuid}',
    bug: '/ws/rooms/{room_id:int}',
    trace: ['json.decoder.JSONDecodeError', 'in room', 'quart_app.py'], // Quart catches it in its own task
  },
  {
    attr: 'starlette',
    framework: 'starlette',
    passing: '/ws/counter/{n:int}',
    bug: '/bug/binary',
    trace: ["KeyError: 'text'", 'in bug_binary', 'in middleware'],
  },
];

describe.each(CASES)('middleware_app:$attr', (c) => {
  test(`discovery sees the ${c.framework} app through the middleware; its bug is found, its correct route passes`, async () => {
    const spec = `middleware_app:${c.attr}`;
    const include = `${c.passing},${c.bug}`;
    // One client per example: this test is about discovery through middleware. (A script whose
    // clients hit two of Quart's bugs may fail on another client when replayed stepwise, and is
    // then reported unshrunk.)
    const { code, report, stderr } = await runCli([
      ...['--app', spec, '--app-dir', PYTHON_APPS, '--ws-include', include],
      ...['--seed', '41', '--max-examples', '20', '--ws-max-clients', '1'],
    ]);
    expect(code, stderr).toBe(1);
    // The framework's name, not `asgi`: the routes came from discovery, not from --ws-include.
    expect(report.target).toEqual({ kind: 'python', framework: c.framework, spec });
    expect(report.routes.map((r: { path: string }) => r.path).sort()).toEqual([c.passing, c.bug].sort());
    const ok = routeOf(report, c.passing);
    expect(ok.status).toBe('passed');
    expect(ok.failures).toEqual([]);
    const f = failureOf(report, c.bug, (x) => c.trace.every((t) => (x.serverTrace ?? '').includes(t)));
    expect(f.errorType).toBe('server_error');
    expect(f.messageIndex).toBe(0);
    for (const t of c.trace) expect(f.serverTrace).toContain(t);
  });
});

const AT_IMPORT = [
  { app: 'run_at_import_app', says: ["'run_at_import_app' calls uvicorn.run() at import", 'run_at_import_app.py:19'] },
  // Quart's quickstart ending in an unguarded `app.run()`: Hypercorn binding 127.0.0.1:5000.
  { app: 'quart_run_app', says: ["'quart_run_app' starts a server (it binds 127.0.0.1:5000) at import", 'quart_run_app.py:16'] },
];

test.each(AT_IMPORT)('$app starts its own server at import: one line naming the cause within seconds, exit 2, nothing left running', async ({ app, says }) => {
  const mark = newMark();
  const started = Date.now();
  const { code, stdout, stderr, report } = await runCli(['--app', `${app}:app`, '--app-dir', PYTHON_APPS, '--seed', '1'], {
    env: { [MARK_VAR]: mark },
    timeoutMs: 20_000,
  });
  expect(Date.now() - started).toBeLessThan(10_000); // not the 30 s start timeout
  expect(code, stderr).toBe(2);
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^wsroutes: /);
  for (const s of says) expect(lines[0]).toContain(s);
  expect(lines[0]).toContain('if __name__ == "__main__":');
  expect(stderr).not.toMatch(/Traceback \(most recent call last\)|^\s+at /m);
  expect(stdout).toBe('');
  expect(report).toBeUndefined();
  expect(processesMarked(mark).map(commandLine)).toEqual([]);
});
