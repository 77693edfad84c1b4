/**
 * The bridge's life: lifespan startup and shutdown run, a factory spec, a plain ASGI
 * callable, a frozen event loop that only SIGKILL ends, the bridge dying with its stdin,
 * and every start-up failure as one WsroutesError naming the interpreter.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, test } from 'vitest';
import { WsroutesError } from '../../errors.js';
import { startPythonTarget } from './bridge-process.js';
import { bridgeRoot } from './resolve-python.js';
import { APPS, connect, venvPython } from './python-tests.test-data.js';

const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-py-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of running processes whose command line mentions `word` (Linux /proc). */
function processesMentioning(word: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(word);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function startError(spec: string, python: string = venvPython()): Promise<WsroutesError> {
  try {
    const target = await startPythonTarget(spec, { cwd: APPS, python });
    await target.stop();
  } catch (err) {
    expect(err).toBeInstanceOf(WsroutesError);
    return err as WsroutesError;
  }
  throw new Error(`${spec} started`);
}

describe('lifecycle', () => {
  test('lifespan startup runs before ready and shutdown runs on stop', async () => {
    const marker = join(scratch, 'lifespan.log');
    const target = await startPythonTarget('starlette_app:create_app()', {
      cwd: APPS,
      python: venvPython(),
      env: { WSROUTES_LIFESPAN_MARKER: marker },
    });
    expect(target.framework).toBe('starlette');
    expect(readFileSync(marker, 'utf8')).toBe('startup\n');
    await target.stop();
    await target.stop(); // idempotent
    expect(readFileSync(marker, 'utf8')).toBe('startup\nshutdown\n');
    expect(alive(target.pid)).toBe(false);
  });

  test('a plain ASGI callable is served with framework asgi and no routes; its crash is traced', async () => {
    const target = await startPythonTarget('asgi_app:app', { cwd: APPS, python: venvPython() });
    try {
      expect(target.framework).toBe('asgi');
      expect(target.routes).toEqual([]);
      const client = await connect(target.baseUrl, '/anything');
      const watch = target.traces.watch(client.port, () => undefined);
      const reply = client.next();
      client.ws.send('hi');
      expect(await reply).toBe('hi');
      client.ws.send('boom');
      await client.closed;
      const traces = await watch.end();
      expect(traces.map((t) => t.text).join('')).toContain('ValueError: boom received');
      expect(traces[0]?.receivedCount).toBe(2);
    } finally {
      await target.stop();
    }
  });

  test('an app that never reads again: conn_end comes once the client left and the app is idle', async () => {
    // endWaitMs is huge: end() returns only because the bridge said the connection is over.
    const target = await startPythonTarget('asgi_app:app', { cwd: APPS, python: venvPython(), traceEndWaitMs: 600_000 });
    try {
      const client = await connect(target.baseUrl, '/idle');
      const watch = target.traces.watch(client.port, () => undefined);
      client.ws.send('anyone?');
      client.ws.close(1000);
      expect((await client.closed).code).toBe(1000);
      expect(await watch.end()).toEqual([]);
    } finally {
      await target.stop();
    }
  });

  test('a frozen event loop: end() gives up, stop() still kills the bridge', async () => {
    const target = await startPythonTarget('frozen_app:app', {
      cwd: APPS,
      python: venvPython(),
      stopGraceMs: 300,
      traceEndWaitMs: 200,
    });
    const client = await connect(target.baseUrl, '/ws/freeze');
    const watch = target.traces.watch(client.port, () => undefined);
    const freezing = client.next();
    client.ws.send('freeze');
    expect(await freezing).toBe('freezing'); // the app's last word before time.sleep
    expect(await watch.end()).toEqual([]);
    client.ws.terminate();
    await target.stop();
    expect(alive(target.pid)).toBe(false);
  });

  test('the bridge exits when its stdin closes, even with its event loop frozen', async () => {
    const child = spawn(venvPython(), ['-m', 'wsroutes_bridge', '--app', 'frozen_app:app'], {
      cwd: APPS,
      env: { ...process.env, PYTHONPATH: bridgeRoot() },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const ready = JSON.parse(String(line)) as { event: string; port: number };
      expect(ready.event).toBe('ready');
      const client = await connect(`ws://127.0.0.1:${ready.port}`, '/ws/freeze');
      const freezing = client.next();
      client.ws.send('freeze');
      expect(await freezing).toBe('freezing');
      client.ws.terminate();
      const exited = once(child, 'exit');
      child.stdin.end();
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('start-up failures', () => {
  test('missing module: APP_NOT_FOUND naming the module, folder and interpreter', async () => {
    const err = await startError('no_such_module:app');
    expect(err.code).toBe('APP_NOT_FOUND');
    expect(err.message).toContain("no module named 'no_such_module'");
    expect(err.message).toContain(venvPython());
    expect(err.message).not.toContain('\n');
  });

  test('missing attribute: APP_NOT_FOUND', async () => {
    const err = await startError('starlette_app:nope');
    expect(err.code).toBe('APP_NOT_FOUND');
    expect(err.message).toContain("'starlette_app' has no attribute 'nope'");
    expect(err.message).toContain(venvPython());
  });

  test('the module raises on import: APP_START_FAILED with the exception', async () => {
    const err = await startError('broken_import_app:app');
    expect(err.code).toBe('APP_START_FAILED');
    expect(err.message).toContain('RuntimeError: broken on purpose');
    expect(err.message).toContain(venvPython());
    expect(String((err.cause as Error).message)).toContain('Traceback');
  });

  test('the module calls uvicorn.run() at import: APP_START_FAILED naming the call, at once', async () => {
    const started = Date.now();
    const err = await startError('run_at_import_app:app');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err.code).toBe('APP_START_FAILED');
    expect(err.message).toContain('calls uvicorn.run() at import');
    expect(err.message).not.toContain('\n');
  });

  test('Django settings missing (DJANGO_SETTINGS_MODULE empty): APP_START_FAILED naming it', async () => {
    const err = await startPythonTarget('mysite.asgi_nosettings:application', {
      cwd: APPS,
      appDir: 'channels_project',
      python: venvPython(),
      env: { DJANGO_SETTINGS_MODULE: '' },
    }).then(
      async (target) => {
        await target.stop();
        throw new Error('started');
      },
      (e: unknown) => e as WsroutesError,
    );
    expect(err).toBeInstanceOf(WsroutesError);
    expect(err.code).toBe('APP_START_FAILED');
    // Set but empty: asgi.py's os.environ.setdefault would not replace it either.
    expect(err.message).toContain('DJANGO_SETTINGS_MODULE is empty');
  });

  test('lifespan startup raises: APP_START_FAILED with the exception', async () => {
    const err = await startError('lifespan_fail_app:app');
    expect(err.code).toBe('APP_START_FAILED');
    expect(err.message).toContain('ConnectionRefusedError: database at 127.0.0.1:5432 refused the connection');
  });

  test('startup that never finishes: APP_START_FAILED after the start-up timeout, process gone', async () => {
    const started = startPythonTarget('lifespan_hang_app:app', {
      cwd: APPS,
      python: venvPython(),
      startTimeoutMs: 1000,
      stopGraceMs: 200,
    });
    const err = (await started.then(
      () => undefined,
      (e: unknown) => e,
    )) as WsroutesError;
    expect(err).toBeInstanceOf(WsroutesError);
    expect(err.code).toBe('APP_START_FAILED');
    expect(err.message).toContain('the app was not ready within 1 s');
    expect(err.message).toContain(venvPython());
    expect(processesMentioning('lifespan_hang_app:app')).toEqual([]);
  });

  test('not an ASGI app: NOT_AN_APP', async () => {
    const err = await startError('asgi_app:not_an_app');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toContain('not an ASGI app (got int)');
  });

  test('an interpreter without uvicorn: PYTHON naming it', async () => {
    // python3 -S: no site-packages, so no uvicorn, whatever the machine has installed.
    const wrapper = join(scratch, 'python-without-site');
    writeFileSync(wrapper, '#!/bin/sh\nexec python3 -S "$@"\n');
    chmodSync(wrapper, 0o755);
    const err = await startError('starlette_app:app', wrapper);
    expect(err.code).toBe('PYTHON');
    expect(err.message).toContain(`uvicorn is not installed for ${wrapper}`);
  });

  test('a --python path that does not exist: PYTHON naming it', async () => {
    const err = await startError('starlette_app:app', '/nonexistent/bin/python');
    expect(err.code).toBe('PYTHON');
    expect(err.message).toContain('Python interpreter not found: /nonexistent/bin/python (from --python)');
  });
});
