/**
 * How a run grows with the work, each run a whole CLI process (start-up included) whose
 * peak RSS it reports at exit (bench/max-rss.mjs, loaded with --import):
 * - the same Fastify app with 20 and with 200 correct routes (bench/apps/many-routes-fastify.ts):
 *   the time ratio (target <= 10x) and the peak RSS ratio (target <= 2x);
 * - a route that floods 5000 frames on connect (test/apps/node/fastify-app.ts /ws/flood)
 *   beside the echo route of the same app: memory stays bounded.
 * Prints a table; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 4242;

interface CliRun {
  ms: number;
  rssMb: number;
  code: number | null;
  routes: number;
  passed: number;
  sequences: number;
  messages: number;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv, scratch: string, name: string): Promise<CliRun> {
  const rssFile = join(scratch, `${name}.rss`);
  const report = join(scratch, `${name}.json`);
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(join(ROOT, 'bench', 'max-rss.mjs')).href, 'bin/wsroutes.js', ...args, '--seed', String(SEED), '--report-json', report],
      { cwd: ROOT, env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('close', (code) => {
      const ms = performance.now() - t0;
      const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
      const r = existsSync(report)
        ? (JSON.parse(readFileSync(report, 'utf8')) as { routes: { status: string; sequences: number; messagesSent: number }[] })
        : { routes: [] };
      done({
        ms,
        rssMb,
        code,
        routes: r.routes.length,
        passed: r.routes.filter((x) => x.status === 'passed').length,
        sequences: r.routes.reduce((n, x) => n + x.sequences, 0),
        messages: r.routes.reduce((n, x) => n + x.messagesSent, 0),
        stderr,
      });
    });
  });
}

export async function benchScale(): Promise<string> {
  const out: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'wsroutes-scale-'));
  try {
    const concurrency = process.env.BENCH_CONCURRENCY ? ['--concurrency', process.env.BENCH_CONCURRENCY] : [];
    const many = (n: number) => cli(['--app', 'bench/apps/many-routes-fastify.ts', ...concurrency], { BENCH_ROUTES: String(n) }, scratch, `routes-${n}`);
    const app = (route: string) =>
      cli(['--app', 'test/apps/node/fastify-app.ts', '--ws-include', route, ...concurrency], {}, scratch, route.replaceAll('/', '_'));
    const rows: Array<[string, CliRun]> = [
      ['20 routes (bench/apps/many-routes-fastify.ts)', await many(20)],
      ['200 routes (same app)', await many(200)],
      ['/ws/echo (test/apps/node/fastify-app.ts)', await app('/ws/echo')],
      ['/ws/flood: 5000 frames on connect (same app)', await app('/ws/flood')],
    ];
    out.push(
      `Whole CLI processes at ${concurrency.length ? `--concurrency ${process.env.BENCH_CONCURRENCY}` : 'defaults (adaptive concurrency)'}, seed ${SEED}; peak RSS from process.resourceUsage().maxRSS at exit.`,
    );
    out.push('');
    out.push('| run | exit | routes passed | sequences | messages | wall s | peak RSS MB |');
    out.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const [label, r] of rows) {
      out.push(`| ${label} | ${r.code} | ${r.passed}/${r.routes} | ${r.sequences} | ${r.messages} | ${(r.ms / 1000).toFixed(2)} | ${r.rssMb.toFixed(0)} |`);
    }
    for (const [label, r] of rows) if (r.code !== 0) out.push(`${label}: exit ${r.code}: ${r.stderr.trim().split('\n').pop()}`);
    const [, r20] = rows[0]!;
    const [, r200] = rows[1]!;
    const [, echo] = rows[2]!;
    const [, flood] = rows[3]!;
    out.push('');
    out.push(
      `200 / 20 routes: ${(r200.ms / r20.ms).toFixed(2)}x the time (target <= 10x), ${(r200.rssMb / r20.rssMb).toFixed(2)}x the peak RSS (target <= 2x)`,
    );
    out.push(`flood / echo peak RSS: ${(flood.rssMb / echo.rssMb).toFixed(2)}x (bounded memory: no growth with the frames received)`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${await benchScale()}\n`);
  process.exit(0);
}
