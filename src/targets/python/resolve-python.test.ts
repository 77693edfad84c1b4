import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bridgeRoot, isPythonSpec, resolvePython } from './resolve-python.js';

const project = mkdtempSync(join(tmpdir(), 'wsroutes-resolve-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('resolvePython', () => {
  test('--python wins; a relative path is taken from cwd, a bare name from PATH', () => {
    const env = { VIRTUAL_ENV: '/venvs/x' };
    expect(resolvePython({ python: 'bin/py', cwd: '/proj', env })).toEqual({ command: '/proj/bin/py', source: '--python' });
    expect(resolvePython({ python: 'python3.12', cwd: '/proj', env })).toEqual({ command: 'python3.12', source: '--python' });
  });

  test('then $VIRTUAL_ENV, then ./.venv when it exists, then python3', () => {
    expect(resolvePython({ cwd: project, env: { VIRTUAL_ENV: '/venvs/x' } })).toEqual({
      command: '/venvs/x/bin/python',
      source: '$VIRTUAL_ENV',
    });
    expect(resolvePython({ cwd: project, env: {} })).toEqual({ command: 'python3', source: 'PATH' });
    mkdirSync(join(project, '.venv', 'bin'), { recursive: true });
    writeFileSync(join(project, '.venv', 'bin', 'python'), '');
    expect(resolvePython({ cwd: project, env: {} })).toEqual({ command: join(project, '.venv/bin/python'), source: './.venv' });
  });
});

describe('isPythonSpec', () => {
  test.each(['myapp:app', 'pkg.sub.mod:app', 'myapp:create_app()', 'myapp:holder.app', '_m:_a', 'my-app:app'])('%s is one', (spec) => {
    expect(isPythonSpec(spec)).toBe(true);
  });
  test.each(['app.ts', 'app.ts:app', 'examples/chat.js', 'app.py:app', 'myapp', 'myapp:', ':app', 'myapp:my-app', 'myapp:app(1)', 'http://x:80'])(
    '%s is not',
    (spec) => {
      expect(isPythonSpec(spec)).toBe(false);
    },
  );
});

test('bridgeRoot finds the shipped python/ folder', () => {
  expect(bridgeRoot()).toMatch(/[/\\]python$/);
});
