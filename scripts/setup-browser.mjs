#!/usr/bin/env node
/**
 * Makes sure the headless browser the HTML report test uses (Debian's `chromium`, at
 * /usr/bin/chromium) is there; run before Vitest by `npm test`.
 *
 *   node scripts/setup-browser.mjs
 *
 * Present: quiet. Missing, and we are root with apt-get (CI): `apt-get update` and
 * `apt-get install -y chromium`; a failed install is one line on stderr and exit 1 (CI
 * is meant to have Debian's packages reachable). Missing otherwise (not root, no
 * apt-get, or WSROUTES_SKIP_BROWSER_SETUP=1): one line saying the browser tests will be
 * skipped, and exit 0. Plain Node, no dependencies: it runs before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const APT_GET = '/usr/bin/apt-get';

function skip(why) {
  process.stderr.write(`setup-browser: ${CHROMIUM} is missing (${why}); the HTML report's browser tests will be skipped\n`);
  process.exit(0);
}

function run(args) {
  const r = spawnSync(APT_GET, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.error || r.status !== 0) {
    const lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const last = r.error?.message ?? lines.filter((l) => /^(E|Err):/.test(l)).pop() ?? lines.pop() ?? `exit code ${r.status}`;
    process.stderr.write(`setup-browser: apt-get ${args.join(' ')} failed: ${last}\n`);
    process.exit(1);
  }
}

if (!existsSync(CHROMIUM)) {
  if (process.env.WSROUTES_SKIP_BROWSER_SETUP === '1') skip('WSROUTES_SKIP_BROWSER_SETUP=1');
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) skip('installing it needs root: apt-get install chromium');
  if (!existsSync(APT_GET)) skip('no apt-get on this machine');
  process.stderr.write('setup-browser: installing chromium with apt-get (once)\n');
  run(['update']);
  run(['install', '-y', '--no-install-recommends', 'chromium']);
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`setup-browser: apt-get installed chromium but ${CHROMIUM} is still missing\n`);
    process.exit(1);
  }
}
