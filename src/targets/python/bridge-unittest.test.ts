/** The bridge's own Python tests (python/tests, stdlib unittest) run with the .venv interpreter. */
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { REPO, venvPython } from './python-tests.test-data.js';

test('python -m unittest discover -s python/tests passes', () => {
  const run = spawnSync(venvPython(), ['-m', 'unittest', 'discover', '-s', 'python/tests'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status, output).toBe(0);
  expect(output).toMatch(/Ran \d+ tests/);
});
