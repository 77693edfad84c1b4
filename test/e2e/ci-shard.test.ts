/**
 * `--shard I/N` (and the config key `shard`) on a real Fastify app with several routes:
 * the N shards are disjoint and together exactly the unsharded run's routes; a shard is
 * the same from run to run; a shard that holds no route exits 0 with a line saying so;
 * a malformed spec is one usage line, exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, ROOT, runCli } from './helpers/run-cli.js';

const APP = join(ROOT, 'test/apps/node/fastify-app.ts');
const ROUTES = ['/ws/echo', '/ws/json', '/ws/rooms/:room', '/ws/quit', '/ws/nul', '/ws/parse'];
/** More shards than routes: at least one shard is empty (pigeonhole). */
const N = ROUTES.length + 1;
const args = ['--app', APP, '--ws-include', ROUTES.join(','), '--seed', '5', '--max-examples', '3'];
const tested = (r: CliResult): string[] => (r.report?.routes ?? []).map((x: { path: string }) => x.path);

describe(`the ${N} shards of a run`, () => {
  let whole: CliResult;
  let shards: CliResult[];

  beforeAll(async () => {
    whole = await runCli(args);
    shards = [];
    // Two at a time: the machine is shared.
    for (let i = 1; i <= N; i += 2) {
      shards.push(...(await Promise.all([i, i + 1].filter((k) => k <= N).map((k) => runCli([...args, '--shard', `${k}/${N}`])))));
    }
  }, 120_000);

  test('the unsharded run tests every route', () => {
    expect(whole.code, whole.stderr).toBe(1);
    expect(tested(whole).sort()).toEqual([...ROUTES].sort());
  });

  test("are disjoint, and together exactly the unsharded run's routes, with its verdicts", () => {
    const all = shards.flatMap(tested);
    expect(all).toHaveLength(ROUTES.length);
    expect([...all].sort()).toEqual(tested(whole).sort());
    const verdict = (r: CliResult) => Object.fromEntries(r.report.routes.map((x: any) => [x.path, [x.status, x.sequences, x.failures[0]?.sequence]]));
    expect(Object.assign({}, ...shards.map(verdict))).toEqual(verdict(whole));
  });

  test('a shard with routes exits as a run does; an empty one exits 0 saying so', () => {
    const empty = shards.filter((s) => tested(s).length === 0);
    expect(empty.length).toBeGreaterThan(0);
    shards.forEach((s, i) => {
      if (tested(s).length === 0) {
        expect(s.code, s.stderr).toBe(0);
        expect(s.stderr).toContain(`wsroutes: no route in shard ${i + 1}/${N}\n`);
        expect(s.report.routes).toEqual([]);
      } else {
        expect(s.code, s.stderr).toBe(s.report.routes.some((r: any) => r.status === 'failed') ? 1 : 0);
      }
    });
  });

  test('a shard is the same in another run (the config key shard, too)', async () => {
    const i = shards.findIndex((s) => tested(s).length > 1) + 1;
    const dir = mkdtempSync(join(tmpdir(), 'wsroutes-shard-'));
    try {
      writeFileSync(join(dir, 'wsroutes.config.json'), JSON.stringify({ shard: `${i}/${N}` }));
      const again = await runCli([...args, '--config', join(dir, 'wsroutes.config.json')]);
      expect(tested(again)).toEqual(tested(shards[i - 1]!));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('malformed specs', () => {
  test.each(['0/3', '4/3', '1/0', 'half', '1/2/3'])('--shard %s: one usage line, exit 2', async (spec) => {
    const run = await runCli(['--app', APP, '--shard', spec], { noReport: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^wsroutes: .*--shard takes I/N with 1 <= I <= N <= 10000, e\\.g\\. 1/3 \\(got "${spec.replace(/\//g, '\\/')}"\\)\\n$`),
    );
  });

  test('the config key shard: one line naming the key, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsroutes-shard-'));
    try {
      writeFileSync(join(dir, 'wsroutes.config.json'), JSON.stringify({ app: APP, shard: '3/2' }));
      const run = await runCli(['--config', join(dir, 'wsroutes.config.json')], { noReport: true });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('shard');
      expect(run.stderr).toContain('"I/N" with 1 <= I <= N');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
