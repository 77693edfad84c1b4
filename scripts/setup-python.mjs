#!/usr/bin/env node
/**
 * Creates the project-local ./.venv (when missing) and pip-installs the pinned Python
 * packages the Python test apps need; run before Vitest by `npm test`.
 *
 *   node scripts/setup-python.mjs [REQUIREMENTS_FILE ...]   (default: python/requirements-test.txt)
 *
 * Each file is installed again only when its content changed: its sha256 is kept, one
 * `path hash` line per file, in .venv/.wsroutes-req-hash. Quiet on success; one line on
 * stderr and exit 1 on failure. WSROUTES_SETUP_PYTHON names the interpreter that
 * creates the venv (default python3). Plain Node, no dependencies: it runs before
 * anything is built.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const venvPython = join(venv, 'bin', 'python');
const hashFile = join(venv, '.wsroutes-req-hash');
const basePython = process.env.WSROUTES_SETUP_PYTHON || 'python3';

function fail(message) {
  process.stderr.write(`setup-python: ${message}\n`);
  process.exit(1);
}

/** Runs a command quietly; on failure, fails with its last meaningful output line. */
function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, PIP_NO_INPUT: '1' } });
  if (r.error) fail(`${what}: cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const lines = `${r.stderr}\n${r.stdout}`
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const last = lines.filter((l) => /error/i.test(l)).pop() ?? lines.pop() ?? `exit code ${r.status}`;
    fail(`${what} failed (${cmd} exit ${r.status ?? r.signal}): ${last}`);
  }
}

function readHashes() {
  const hashes = new Map();
  if (!existsSync(hashFile)) return hashes;
  for (const line of readFileSync(hashFile, 'utf8').split('\n')) {
    const [file, hash] = line.trim().split(/\s+/);
    if (file && hash) hashes.set(file, hash);
  }
  return hashes;
}

const files = (process.argv.length > 2 ? process.argv.slice(2) : ['python/requirements-test.txt']).map((f) => relative(root, resolve(root, f)));

if (!existsSync(venvPython)) run(basePython, ['-m', 'venv', venv], `creating ${relative(process.cwd(), venv) || venv} with ${basePython}`);

const hashes = readHashes();
for (const file of files) {
  const abs = join(root, file);
  if (!existsSync(abs)) fail(`requirements file not found: ${file}`);
  const hash = createHash('sha256').update(readFileSync(abs)).digest('hex');
  if (hashes.get(file) === hash) continue;
  run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', abs], `pip install -r ${file}`);
  hashes.set(file, hash);
  writeFileSync(hashFile, `${[...hashes].map(([f, h]) => `${f} ${h}`).join('\n')}\n`);
}
