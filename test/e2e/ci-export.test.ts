/**
 * `--export-tests DIR` end to end: the CLI finds the bug of a tutorial-style app, exports
 * it as a node:test file, and the file, run with `node --test` in a project that has
 * wsroutes installed (node_modules/wsroutes is this checkout, as `npm install` makes it),
 * fails against the buggy app and passes once the app is the fixed twin. A Node pair
 * (Fastify, bearer auth from $CHAT_TOKEN, a login prelude, a path parameter) and a Python
 * pair (FastAPI, a query token from $SCORES_TOKEN). No secret value is written to a file.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runNode } from '../integrations/run-runner.js';
import { ROOT, runCli } from './helpers/run-cli.js';

/** A user's project: wsroutes installed, the exported tests in `regression/`. */
const project = mkdtempSync(join(tmpdir(), 'wsroutes-export-'));
mkdirSync(join(project, 'node_modules'));
symlinkSync(ROOT, join(project, 'node_modules', 'wsroutes'), 'dir');
afterAll(() => rmSync(project, { recursive: true, force: true }));

interface Pair {
  name: string;
  args: string[];
  env: Record<string, string>;
  secret: string;
  /** The buggy app as the exported file names it, and its fixed twin. */
  buggy: string;
  fixed: string;
  file: string;
  trace: RegExp;
}

const PAIRS: Pair[] = [
  {
    name: 'Node (Fastify)',
    args: [
      '--app',
      'test/apps/node/export-chat-app.ts',
      '--auth',
      'bearer:$CHAT_TOKEN',
      '--header',
      'X-Client:literal-client-id',
      '--ws-prelude',
      '{"text":"hello"}',
    ],
    env: { CHAT_TOKEN: 'chat-token-8c1f' },
    secret: 'chat-token-8c1f',
    buggy: join(ROOT, 'test/apps/node/export-chat-app.ts'),
    fixed: join(ROOT, 'test/apps/node/export-chat-fixed-app.ts'),
    file: 'rooms-room.test.mjs',
    trace: /export-chat-app\.ts/,
  },
  {
    name: 'Python (FastAPI)',
    args: ['--app', 'export_scores_app:app', '--app-dir', 'test/apps/python', '--query', 'token=$SCORES_TOKEN'],
    env: { SCORES_TOKEN: 'scores-token-41d2' },
    secret: 'scores-token-41d2',
    buggy: '"export_scores_app:app"',
    fixed: '"export_scores_fixed_app:app"',
    file: 'games-game_id-str-scores.test.mjs',
    trace: /export_scores_app\.py|JSONDecodeError|KeyError|TypeError/,
  },
];

describe.concurrent.each(PAIRS)('$name: the exported test', (pair) => {
  test('fails on the buggy app and passes on its fixed twin', async () => {
    const out = join(project, 'regression', pair.file.split('.')[0]!);
    // One failure, of one client: this is about the exported file, not about finding every bug.
    const found = await runCli([...pair.args, '--export-tests', out, '--seed', '3', '--max-examples', '20', '--max-failures', '1', '--ws-max-clients', '1'], {
      env: pair.env,
    });
    expect(found.code, found.stderr).toBe(1);
    expect(found.stderr).toContain(`wsroutes: exported 1 regression test to ${out}`);
    expect(readdirSync(out)).toEqual([pair.file]);
    const exported = readFileSync(join(out, pair.file), 'utf8');

    // Only wsroutes and node built-ins; the handshake as $VAR references, never a value.
    const imports = [...exported.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(
      imports.every((i) => i === 'wsroutes' || i!.startsWith('node:')),
      imports.join(', '),
    ).toBe(true);
    expect(exported).not.toContain(pair.secret);
    // A plain header's literal value is no secret: kept as given, as the reproduce line prints it.
    if (pair.args.includes('X-Client:literal-client-id')) expect(exported).toContain('["header","X-Client","literal-client-id"]');
    expect(exported).toContain(pair.buggy);
    const url = found.report.routes[0].failures[0].url;
    expect(exported).toContain(`const URL_PATH = ${JSON.stringify(url)};`);

    const env = { ...pair.env };
    const buggy = await runNode(['--test', '--test-reporter=tap', join(out, pair.file)], project, env);
    expect(buggy.code, buggy.stdout + buggy.stderr).toBe(1);
    expect(buggy.stdout).toMatch(/^not ok 1 - websocket .*: server_error no longer happens$/m);
    expect(buggy.stdout).toMatch(pair.trace);

    // The fix: the same test, the app replaced by its fixed twin.
    const fixedFile = join(out, pair.file.replace('.test.mjs', '-fixed.test.mjs'));
    writeFileSync(fixedFile, exported.replaceAll(pair.buggy, pair.fixed));
    const fixed = await runNode(['--test', '--test-reporter=tap', fixedFile], project, env);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/^ok 1 - websocket .*: server_error no longer happens$/m);

    // Without the handshake's variable the test says which one to set.
    const unset = await runNode(['--test', '--test-reporter=tap', fixedFile], project, { ...env, [Object.keys(pair.env)[0]!]: undefined });
    expect(unset.code).toBe(1);
    expect(unset.stdout).toContain(`set $${Object.keys(pair.env)[0]} in the environment`);
  }, 120_000);
});

test('--export-tests on a file (not a folder): one usage line, exit 2, before the app starts', async () => {
  const file = join(project, 'not-a-folder');
  writeFileSync(file, '');
  const run = await runCli(['--app', 'test/apps/node/export-chat-app.ts', '--export-tests', file], { noReport: true });
  expect(run.code).toBe(2);
  expect(run.stderr.trim()).toBe(`wsroutes: --export-tests ${file}: cannot write the tests there (it is not a directory)`);
});
