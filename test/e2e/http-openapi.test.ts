/**
 * HTTP routes from an OpenAPI document: test/apps/node/http-openapi-app.ts, a plain
 * node:http inventory API that serves its own document at /openapi.json, runs as its own
 * process; wsroutes tests it with `--url ... --openapi /openapi.json --http --no-websocket`.
 * Its one bug (an empty item name crashes the shelving code: HTTP 500) is found, shrunk to
 * the minimal body, and reported with a curl line that replays it; the correct routes
 * (optional query params, a typed path param answered 400/404) pass; the secret of
 * --auth is never written, and the curl line carries its $VAR.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from './helpers/run-cli.js';

let app: ChildProcess;
let url: string;

beforeAll(async () => {
  app = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/apps/node/http-openapi-app.ts')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    app.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    app.once('exit', (code) => reject(new Error(`the app exited with ${code}`)));
  });
}, 30_000);

afterAll(() => {
  app.kill();
});

const SECRET = 'inv-Secret-5d1e-do-not-print';
/** The first test's failure, replayed by the second. */
let first: Record<string, any> | undefined;

describe('--openapi with --url', () => {
  test('the empty-name bug is found and shrunk to the minimal request; the correct routes pass', async () => {
    const run = await runCli(['--url', url, '--openapi', '/openapi.json', '--http', '--no-websocket', '--seed', '3']);
    expect(run.code, run.stderr).toBe(1);
    const routes = run.report.routes as Array<Record<string, any>>;
    expect(routes.map((r) => `${r.kind} ${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'http GET /items passed',
      'http GET /items/{item_id} passed',
      'http POST /items failed',
    ]);
    const post = routes.find((r) => r.method === 'POST')!;
    expect(post.failures).toHaveLength(1);
    const f = post.failures[0];
    expect(f).toMatchObject({ errorType: 'server_error', message: 'Server answered HTTP 500', seed: 3 });
    expect(f.request).toEqual({ method: 'POST', url: '/items', headers: { 'content-type': 'application/json' }, body: '{"name":"","price":0}', status: 500 });
    expect(f.curl).toBe(`curl -sS -i -X POST '${url}/items' -H 'content-type: application/json' --data-raw '{"name":"","price":0}'`);
    expect(f.reproduce).toContain('--no-websocket --http --http-include /items --methods POST --openapi /openapi.json --seed 3');
    // The terminal block: banner, request, curl.
    expect(run.stdout).toContain('HTTP TEST FAILURE: POST /items');
    expect(run.stdout).toMatch(/Minimal request:\n {2}POST \/items\n {2}content-type: application\/json\n {2}Body: \{"name":"","price":0\}/);
    expect(run.stdout).toContain(`curl: ${f.curl}`);
    // The correct routes had requests of every variant answered below 500.
    expect(routes.find((r) => r.path === '/items/{item_id}')!.sequences).toBe(100);
    first = f;
  });

  test('the reproduce line replays the same minimal request', async () => {
    expect(first, 'needs the first test').toBeDefined();
    const args = (first!.reproduce as string).replace(/^npx wsroutes /, '').split(' ');
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(1);
    expect(again.report.routes.map((r: Record<string, unknown>) => `${r.method} ${r.path}`)).toEqual(['POST /items']);
    expect(again.report.routes[0].failures[0].request).toEqual(first!.request);
  });

  test('--methods GET leaves out the buggy POST: every route passes', async () => {
    const run = await runCli(['--url', url, '--openapi', '/openapi.json', '--http', '--no-websocket', '--methods', 'GET', '--seed', '3']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((run.report.routes as unknown[]).length).toBe(2);
  });

  test('the curl line replays the bug, with --auth as its $VAR; the secret is never written', async () => {
    const env = { INV_TOKEN: SECRET };
    const run = await runCli(
      [
        '--url',
        url,
        '--openapi',
        '/openapi.json',
        '--routes',
        '--no-websocket',
        '--http-include',
        '/items',
        '--methods',
        'POST',
        '--auth',
        'bearer:$INV_TOKEN',
        '--seed',
        '8',
      ],
      { env },
    );
    expect(run.code, run.stderr).toBe(1);
    const f = run.report.routes[0].failures[0];
    expect(f.request.headers.Authorization).toBe('Bearer $INV_TOKEN');
    expect(f.curl).toContain(`-H 'Authorization: Bearer '"$INV_TOKEN"`);
    for (const text of [run.stdout, run.stderr, JSON.stringify(run.report)]) expect(text).not.toContain(SECRET);
    const curl = spawn('sh', ['-c', f.curl], { env: { ...process.env, ...env } });
    let out = '';
    curl.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise((r) => curl.once('exit', r));
    expect(out).toMatch(/^HTTP\/1\.1 500/);
  });
});
