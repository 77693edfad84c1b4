/**
 * Globs follow pytest-routes (Python's fnmatch: `*` crosses `/`) in --ws-include,
 * --ws-exclude and per-route overrides; and the config keys of the inputs real clients
 * send (headers, cookies, prelude, messageKinds) work as their flags do. Against
 * test/apps/node/inputs-ws-app.ts and inputs-fastify-app.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from './helpers/run-cli.js';
import { failureOf, routeOf } from './helpers/report.js';

const WS_APP = join(ROOT, 'test/apps/node/inputs-ws-app.ts');
const FASTIFY_APP = join(ROOT, 'test/apps/node/inputs-fastify-app.ts');
const base = ['--app', WS_APP, '--max-examples', '5', '--ws-max-messages', '2', '--seed', '3'];
const paths = (report: { routes: { path: string }[] }): string[] => report.routes.map((r) => r.path).sort();

describe('fnmatch globs', () => {
  test('--routes-ws-include "/nested/*" matches /nested/ws/inner', async () => {
    const run = await runCli([...base, '--routes-ws-include', '/nested/*']);
    expect(run.code, run.stderr).toBe(0);
    expect(paths(run.report)).toEqual(['/nested/ws/inner']);
  });

  test('--ws-exclude "/ws/admin/*" excludes /ws/admin/users/feed', async () => {
    const run = await runCli([...base, '--ws-exclude', '/ws/admin/*,/ws/login']);
    expect(run.code, run.stderr).toBe(0);
    expect(paths(run.report)).toEqual(['/nested/ws/inner', '/ws/feed']);
  });
});

describe('config keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsroutes-inputs-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (name: string, body: object): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };

  test('prelude, messageKinds and an fnmatch route override from wsroutes.config.json', async () => {
    const file = config('prelude.json', {
      app: WS_APP,
      include: ['/ws/*'],
      routes: [{ pattern: '/ws/admin/*', skip: true }],
      prelude: [{ type: 'login', token: 'cfg-login-token' }],
      messageKinds: ['json'],
      maxExamples: 5,
      maxMessages: 2,
      seed: 3,
    });
    const run = await runCli(['--config', file], { env: { WSR_LOGIN_TOKEN: 'cfg-login-token' } });
    expect(run.code, run.stderr).toBe(1);
    expect(paths(run.report)).toEqual(['/ws/admin/users/feed', '/ws/feed', '/ws/login']);
    expect(routeOf(run.report, '/ws/admin/users/feed').status).toBe('skipped');
    expect(routeOf(run.report, '/ws/feed').status).toBe('passed');
    const f = failureOf(run.report, '/ws/login');
    expect(f.errorType).toBe('server_error');
    expect(f.sequence.every((m) => m.type === 'json')).toBe(true);
    expect(f.reproduce).toContain(`--config ${file}`);
    expect(f.reproduce).toContain(`--ws-prelude '{"type":"login","token":"cfg-login-token"}' --ws-message-kinds json`);
  });

  test('headers and cookies from a config file, $VAR expanded, never printed', async () => {
    const file = config('headers.json', {
      app: FASTIFY_APP,
      headers: ['X-Api-Key:$WSR_API_KEY'],
      cookies: ['session=${WSR_SESSION}'],
      maxExamples: 5,
      seed: 3,
    });
    const env = { WSR_API_KEY: 'cfg-key-0d1e-secret', WSR_SESSION: 'cfg-sess-8f2a-secret' };
    const run = await runCli(['--config', file, '--verbose'], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(failureOf(run.report, '/ws/account').errorType).toBe('server_error');
    const all = run.stdout + run.stderr + JSON.stringify(run.report);
    expect(all).not.toContain(env.WSR_API_KEY);
    expect(all).not.toContain(env.WSR_SESSION);
  });

  test('a malformed cookie in a config file is one line naming the key, not the value', async () => {
    const file = config('bad.json', { app: FASTIFY_APP, cookies: ['hunter2'] });
    const run = await runCli(['--config', file], { noReport: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`wsroutes: ${file}: cookies[0] must be NAME=VALUE (got a value not shown)\n`);
  });
});
