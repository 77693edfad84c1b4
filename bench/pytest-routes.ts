/**
 * wsroutes beside pytest-routes 0.4.1 (the Python tool of our seed) on one FastAPI app
 * of ours, bench/apps/fastapi_bench_app.py (echo, JSON, silent sink, 50 ms replies), both
 * with default settings, in one run: each tool's wall time as a whole process (start-up
 * included), the ratio, and what the app itself counted on every connection (messages
 * received, replies sent: the same measure for both tools). Also the Python bridge's
 * start-up time, spawn -> ready. Prints a table; asserts nothing (timings are for people).
 *
 *   node --import tsx bench/pytest-routes.ts          (or `npm run bench`, through bench/run.ts)
 *   BENCH_ROUNDS=5 ...                                 rounds per tool (default 3; the median is compared)
 *
 * pytest-routes is installed into ./.venv from python/requirements-bench.txt by
 * scripts/setup-python.mjs; when it cannot be installed or run, the table says why.
 * Target (issue 4): wsroutes at least 5x faster.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startPythonTarget } from '../src/targets/python/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const APP_DIR = join(ROOT, 'bench', 'apps');
const APP = 'fastapi_bench_app:app';
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const ROUTES = ['/ws/echo', '/ws/json', '/ws/sink', '/ws/slow'];
const STARTUP_RUNS = 5;

interface Counts {
  connections: number;
  received: number;
  replies: number;
}

interface ToolRun {
  ok: boolean;
  ms: number;
  /** Why the run does not count, when it does not. */
  problem?: string;
  /** What the tool says it did, where it says it. */
  sequences?: number;
  messagesSent?: number;
  /** What the app counted, per route. */
  counts: Map<string, Counts>;
  note?: string;
}

interface Proc {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Proc> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      done({ code: null, stdout, stderr: `${stderr}${err.message}`, ms: performance.now() - t0 });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** The app's own tally: one `route received replies` line per connection. */
function readCounts(file: string): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [route, received, replies] = line.trim().split(/\s+/);
    if (!route || received === undefined || replies === undefined) continue;
    const c = counts.get(route) ?? { connections: 0, received: 0, replies: 0 };
    c.connections++;
    c.received += Number(received);
    c.replies += Number(replies);
    counts.set(route, c);
  }
  return counts;
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

/** Installs pytest-routes (and the test apps' pins) into ./.venv; a reason when it cannot. */
function install(): string | undefined {
  const r = spawnSync(process.execPath, ['scripts/setup-python.mjs', 'python/requirements-test.txt', 'python/requirements-bench.txt'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) return `installing python/requirements-bench.txt failed: ${lastLine(`${r.stdout}\n${r.stderr}`) || `exit ${r.status}`}`;
  const check = spawnSync(PYTHON, ['-c', 'import pytest_routes.plugin, pytest_routes.websocket.runner'], { encoding: 'utf8' });
  if (check.status !== 0) return `pytest-routes is installed but does not import: ${lastLine(check.stderr)}`;
  return undefined;
}

function ensureBuilt(): string | undefined {
  if (existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) return undefined;
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? undefined : `npm run build failed: ${lastLine(`${r.stdout}\n${r.stderr}`)}`;
}

async function runWsroutes(scratch: string, round: number): Promise<ToolRun> {
  const countsFile = join(scratch, `wsroutes-${round}.counts`);
  const reportFile = join(scratch, `wsroutes-${round}.json`);
  const p = await run(process.execPath, ['bin/wsroutes.js', '--app', APP, '--app-dir', 'bench/apps', '--report-json', reportFile], {
    cwd: ROOT,
    env: { BENCH_COUNTS: countsFile },
  });
  const counts = readCounts(countsFile);
  if (p.code !== 0 || !existsSync(reportFile)) {
    return { ok: false, ms: p.ms, counts, problem: `exit ${p.code}: ${lastLine(p.stderr) || lastLine(p.stdout)}` };
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { seed: number; routes: { sequences: number; messagesSent: number }[] };
  return {
    ok: true,
    ms: p.ms,
    counts,
    sequences: report.routes.reduce((n, r) => n + r.sequences, 0),
    messagesSent: report.routes.reduce((n, r) => n + r.messagesSent, 0),
    note: `seed ${report.seed}`,
  };
}

async function runPytestRoutes(scratch: string, round: number): Promise<ToolRun> {
  const countsFile = join(scratch, `pytest-routes-${round}.counts`);
  // An empty directory: no conftest, no pytest.ini; the app is found on PYTHONPATH as pytest-routes imports it.
  const cwd = mkdtempSync(join(scratch, `pytest-routes-${round}-`));
  const p = await run(PYTHON, ['-m', 'pytest', '--routes', '--routes-app', APP, '--routes-websocket'], {
    cwd,
    env: { BENCH_COUNTS: countsFile, PYTHONPATH: [APP_DIR, process.env.PYTHONPATH].filter(Boolean).join(':') },
  });
  const counts = readCounts(countsFile);
  const summary = [...p.stdout.matchAll(/^=+ (.*) in [\d.]+s.* =+$/gm)].pop()?.[1] ?? lastLine(p.stdout);
  if (p.code !== 0 || !/\b4 passed\b/.test(summary)) {
    return { ok: false, ms: p.ms, counts, problem: `exit ${p.code}: ${summary || lastLine(p.stderr)}` };
  }
  return { ok: true, ms: p.ms, counts, note: summary };
}

async function bridgeStartup(spec: string, appDir: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const t0 = performance.now();
    const target = await startPythonTarget(spec, { cwd: ROOT, appDir, python: PYTHON });
    times.push(performance.now() - t0);
    await target.stop();
  }
  return times;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sec = (ms: number): string => (ms / 1000).toFixed(2);

function total(counts: Map<string, Counts>): Counts {
  const t = { connections: 0, received: 0, replies: 0 };
  for (const c of counts.values()) {
    t.connections += c.connections;
    t.received += c.received;
    t.replies += c.replies;
  }
  return t;
}

export async function benchPytestRoutes(): Promise<string> {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS) || 3);
  const out: string[] = [];
  const say = (line = ''): void => {
    out.push(line);
  };
  say(`## wsroutes vs pytest-routes 0.4.1: bench/apps/fastapi_bench_app.py (${ROUTES.join(', ')})`);
  say();
  const why = ensureBuilt() ?? install();
  if (why) {
    say(`pytest-routes bench not run: ${why}`);
    return out.join('\n');
  }
  say(
    `Both with default settings; whole-process wall time; ${rounds} round(s) each, alternating; load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${process.env.CI ? 'CI' : 'this machine'}.`,
  );
  say('wsroutes:      node bin/wsroutes.js --app fastapi_bench_app:app --app-dir bench/apps');
  say('pytest-routes: python -m pytest --routes --routes-app fastapi_bench_app:app --routes-websocket   (empty dir, PYTHONPATH=bench/apps)');
  say();

  const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-bench-'));
  try {
    const ws: ToolRun[] = [];
    const pr: ToolRun[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so neither always meets a warm (or a busy) machine.
      if (i % 2 === 0) {
        ws.push(await runWsroutes(scratch, i));
        pr.push(await runPytestRoutes(scratch, i));
      } else {
        pr.push(await runPytestRoutes(scratch, i));
        ws.push(await runWsroutes(scratch, i));
      }
    }

    say('| tool | wall s, median | min | max | rounds ok | sequences (connections) | messages the app received | replies the app sent |');
    say('|---|---:|---:|---:|---:|---:|---:|---:|');
    const row = (name: string, runs: ToolRun[]): number | undefined => {
      const good = runs.filter((r) => r.ok);
      if (!good.length) {
        say(`| ${name} | - | - | - | 0/${runs.length} | - | - | - |`);
        return undefined;
      }
      const ms = good.map((r) => r.ms);
      const last = good[good.length - 1]!;
      const t = total(last.counts);
      const sent = last.messagesSent === undefined ? '' : ` (${last.messagesSent} sent)`;
      say(
        `| ${name} | ${sec(median(ms))} | ${sec(Math.min(...ms))} | ${sec(Math.max(...ms))} | ${good.length}/${runs.length} | ${last.sequences ?? t.connections} (${t.connections}) | ${t.received}${sent} | ${t.replies} |`,
      );
      return median(ms);
    };
    const wsMs = row('wsroutes', ws);
    const prMs = row('pytest-routes 0.4.1', pr);
    say();
    for (const [name, runs] of [
      ['wsroutes', ws],
      ['pytest-routes', pr],
    ] as const) {
      for (const r of runs.filter((x) => !x.ok)) say(`${name} round failed: ${r.problem}`);
    }
    if (wsMs !== undefined && prMs !== undefined) {
      const ratio = prMs / wsMs;
      say(`pytest-routes / wsroutes wall time: ${ratio.toFixed(2)}x  (target >= 5x: ${ratio >= 5 ? 'met' : 'not met'})`);
    }
    say();

    // Per route, last good round of each: what reached the app and what it answered.
    const lastOk = (runs: ToolRun[]): ToolRun | undefined => [...runs].reverse().find((r) => r.ok);
    const wsLast = lastOk(ws);
    const prLast = lastOk(pr);
    if (wsLast || prLast) {
      say('Counted by the app, last good round (connections / messages received / replies sent):');
      say();
      say('| route | wsroutes | pytest-routes |');
      say('|---|---:|---:|');
      const cell = (r: ToolRun | undefined, route: string): string => {
        const c = r?.counts.get(route);
        return c ? `${c.connections} / ${c.received} / ${c.replies}` : '-';
      };
      for (const route of ROUTES) say(`| ${route} | ${cell(wsLast, route)} | ${cell(prLast, route)} |`);
      say();
      if (wsLast?.note) say(`wsroutes: ${wsLast.note}; pytest-routes: ${prLast?.note ?? '-'}`);
      say(
        'pytest-routes sends each sequence and never reads a reply (its runner has no receive call); wsroutes reads what the server sends until its close handshake completes.',
      );
      say();
    }

    const fastapi = await bridgeStartup(APP, APP_DIR);
    const plain = await bridgeStartup('asgi_app:app', join(ROOT, 'test', 'apps', 'python'));
    say(
      `Bridge start-up, spawn -> ready, ${STARTUP_RUNS} runs (ms): fastapi_bench_app median ${median(fastapi).toFixed(0)} (${fastapi.map((t) => t.toFixed(0)).join(', ')}); a plain ASGI callable (no framework import) median ${median(plain).toFixed(0)} (${plain.map((t) => t.toFixed(0)).join(', ')})`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${await benchPytestRoutes()}\n`);
  process.exit(0);
}
