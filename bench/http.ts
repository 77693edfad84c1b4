/**
 * The HTTP part of the bench (issue 14): requests per second of wsroutes `--http` on a
 * trivial route (bench/http-bench-app.ts, its own process), beside a hand-written `fetch`
 * loop with the same concurrency, once on fresh connections (as wsroutes sends: one per
 * request, so the server's traces can be tied to it) and once keeping connections alive;
 * then wsroutes `--http --no-websocket` beside pytest-routes `--routes` on a FastAPI app
 * with HTTP routes only (bench/apps/fastapi_http_bench_app.py), whole-process wall time,
 * default settings. Prints a table; asserts nothing (timings are read by people).
 *
 *   node --import tsx bench/http.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveOptions } from '../src/config/options.js';
import { runWsroutes } from '../src/run/run.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const REQUESTS = 2000;
const CONCURRENCY = 8;

function startApp(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/http-bench-app.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) ok({ child, url: m[1]! });
    });
    child.once('exit', (code) => fail(new Error(`bench app exited with ${code}`)));
  });
}

async function fetchLoop(url: string, fresh: boolean): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next++ < REQUESTS) {
      const res = await fetch(`${url}/ping`, fresh ? { headers: { connection: 'close' } } : {});
      await res.text();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - t0;
}

async function wsroutesHttp(url: string): Promise<{ ms: number; requests: number }> {
  const options = resolveOptions({ url, openapi: '/openapi.json', http: true, websocket: false, maxExamples: REQUESTS, concurrency: CONCURRENCY, seed: 14 });
  const t0 = performance.now();
  const run = await runWsroutes(options);
  const ms = performance.now() - t0;
  const r = run.routes[0]!;
  if (r.status !== 'passed') throw new Error(`the bench route did not pass: ${r.status}`);
  return { ms, requests: r.messagesSent };
}

function proc(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; ms: number; out: string }> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('close', (code) => done({ code, ms: performance.now() - t0, out }));
  });
}

async function versusPytestRoutes(say: (s?: string) => void): Promise<void> {
  const app = 'fastapi_http_bench_app:app';
  say(`## wsroutes --http vs pytest-routes --routes: bench/apps/${app.split(':')[0]}.py (4 HTTP routes)`);
  say();
  if (!existsSync(PYTHON) || !existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    say('not run: needs ./.venv (npm run setup:python) and dist/ (npm run build)');
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-http-bench-'));
  try {
    const report = join(scratch, 'r.json');
    const ws = await proc(
      process.execPath,
      ['bin/wsroutes.js', '--app', app, '--app-dir', 'bench/apps', '--http', '--no-websocket', '--report-json', report],
      ROOT,
    );
    const routes = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')).routes as Array<{ status: string; messagesSent: number }>) : [];
    const py = await proc(PYTHON, ['-m', 'pytest', '--routes', '--routes-app', app], scratch, { PYTHONPATH: join(ROOT, 'bench', 'apps') });
    const summary = [...py.out.matchAll(/^=+ (.*) in [\d.]+s.* =+$/gm)].pop()?.[1] ?? py.out.trim().split('\n').pop();
    say('| tool | exit | wall time (s) | what it says |');
    say('|---|---|---|---|');
    say(
      `| wsroutes --http --no-websocket | ${ws.code} | ${(ws.ms / 1000).toFixed(2)} | ${routes.length} routes, ${routes.reduce((n, r) => n + r.messagesSent, 0)} requests, ${routes.filter((r) => r.status === 'passed').length} passed |`,
    );
    say(`| pytest --routes | ${py.code} | ${(py.ms / 1000).toFixed(2)} | ${summary} |`);
    say();
    say(`ratio (pytest-routes / wsroutes): ${(py.ms / ws.ms).toFixed(1)}x`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function benchHttp(): Promise<string> {
  const out: string[] = [];
  const say = (s = ''): void => {
    out.push(s);
  };
  const { child, url } = await startApp();
  try {
    say(`## HTTP: requests per second on a trivial route (${REQUESTS} requests, ${CONCURRENCY} at a time)`);
    say();
    const ws = await wsroutesHttp(url);
    const fresh = await fetchLoop(url, true);
    const alive = await fetchLoop(url, false);
    say('| client | requests | ms | requests/s |');
    say('|---|---|---|---|');
    say(
      `| wsroutes --http (generate, send, judge; fresh connection each) | ${ws.requests} | ${ws.ms.toFixed(0)} | ${((ws.requests / ws.ms) * 1000).toFixed(0)} |`,
    );
    say(`| fetch loop, Connection: close | ${REQUESTS} | ${fresh.toFixed(0)} | ${((REQUESTS / fresh) * 1000).toFixed(0)} |`);
    say(`| fetch loop, keep-alive | ${REQUESTS} | ${alive.toFixed(0)} | ${((REQUESTS / alive) * 1000).toFixed(0)} |`);
    say();
  } finally {
    child.kill();
  }
  await versusPytestRoutes(say);
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await benchHttp());
}
