/**
 * The inputs real clients send, against Node apps: a Fastify route behind a session
 * cookie and an API key header (test/apps/node/inputs-fastify-app.ts) and a `ws` route
 * that wants a login message first (test/apps/node/inputs-ws-app.ts). Without the input
 * the route is handshake_rejected / skipped with a hint naming the flag; with it the
 * planted bug is found; the secrets, which the app echoes and puts in its exception,
 * appear nowhere in what wsroutes wrote. Bad input is one line and exit 2 before the app starts.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { failureBlocks, failureOf, routeOf } from './helpers/report.js';

const SESSION = 'sess-4c1f-do-not-print';
const API_KEY = 'key-77e2-do-not-print';
const LOGIN = 'login-9a0b-token';
const env = { WSR_SESSION: SESSION, WSR_API_KEY: API_KEY, WSR_LOGIN_TOKEN: LOGIN };
const fastify = ['--app', 'test/apps/node/inputs-fastify-app.ts', '--max-examples', '10', '--ws-max-messages', '3', '--seed', '5'];
const login = ['--app', 'test/apps/node/inputs-ws-app.ts', '--ws-include', '/ws/login', '--max-examples', '10', '--ws-max-messages', '3', '--seed', '5'];
const credentials = ['--header', 'X-Api-Key:$WSR_API_KEY', '--cookie', 'session=${WSR_SESSION}'];

function expectNoSecret(run: { stdout: string; stderr: string; report?: unknown }, secrets: string[]): void {
  const all = run.stdout + run.stderr + JSON.stringify(run.report);
  for (const s of secrets) {
    expect(all).not.toContain(s);
    expect(all).not.toContain(encodeURIComponent(s));
  }
}

describe('--header and --cookie (Fastify, preValidation hook)', () => {
  test('without them: handshake_rejected once, with a hint naming --header and --cookie', async () => {
    const run = await runCli(fastify, { env });
    expect(run.code).toBe(1);
    expect(failureOf(run.report, '/ws/account')).toMatchObject({ errorType: 'handshake_rejected', message: 'Server rejected the handshake with HTTP 401' });
    expect(failureBlocks(run.stdout).get('/ws/account')).toMatch(/Hint: .*--header NAME:VALUE, --cookie NAME=VALUE or --query NAME=VALUE/);
  });

  test('with them: the bug behind the login is found; the echoed and raised session is scrubbed everywhere, --verbose too', async () => {
    const run = await runCli([...fastify, ...credentials, '--verbose'], { env });
    expect(run.code, run.stderr).toBe(1);
    const f = failureOf(run.report, '/ws/account');
    expect(f.errorType).toBe('server_error');
    expect(f.message).toBe('Server raised: Error: session ***: a transfer must be JSON');
    expect(f.serverTrace).toContain('inputs-fastify-app.ts');
    const block = failureBlocks(run.stdout).get('/ws/account')!;
    expect(block).toContain('last_response: {"type":"welcome","session":"***"}');
    expect(run.stderr).toMatch(/headers +\["X-Api-Key:\*\*\*"\]/);
    expect(run.stderr).toMatch(/cookies +\["session=\*\*\*"\]/);
    // The reproduce line names the $VARs, never their values.
    expect(f.reproduce).toContain(`--header 'X-Api-Key:$WSR_API_KEY' --cookie 'session=\${WSR_SESSION}'`);
    expectNoSecret(run, [SESSION, API_KEY]);
  });

  test('a value given literally is shown as <withheld>, and wsroutes refuses the placeholder', async () => {
    const run = await runCli([...fastify, '--header', `X-Api-Key:${API_KEY}`, '--cookie', `session=${SESSION}`], { env });
    expect(run.code).toBe(1);
    const f = failureOf(run.report, '/ws/account');
    expect(f.errorType).toBe('server_error');
    expect(f.reproduce).toContain("--header 'X-Api-Key:<withheld>' --cookie 'session=<withheld>'");
    expectNoSecret(run, [SESSION, API_KEY]);
    const again = await runCli([...fastify, '--header', 'X-Api-Key:<withheld>'], { env, noReport: true });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'wsroutes: --header X-Api-Key: the value was withheld from the reproduce line; put the real value (or $VAR) in place of <withheld>\n',
    );
  });
});

describe('the reproduce line runs as printed', () => {
  test('plain --header and --query values are printed as given, secrets as their $VARs; the printed line finds the bug again', async () => {
    const plain = ['--header', 'Origin:http://127.0.0.1', '--query', 'lang=en-GB'];
    const run = await runCli([...fastify, ...credentials, ...plain], { env });
    expect(run.code, run.stderr).toBe(1);
    const f = failureOf(run.report, '/ws/account');
    expect(f.reproduce).toContain("--header 'X-Api-Key:$WSR_API_KEY' --header Origin:http://127.0.0.1 --cookie 'session=${WSR_SESSION}' --query lang=en-GB");
    expectNoSecret(run, [SESSION, API_KEY]);
    // The line as a shell reads it (quotes and $VARs unexpanded, as the user pastes it), minus the command.
    const argv = execFileSync('bash', ['-c', `set -- ${f.reproduce.replace(/^npx wsroutes /, '')}; printf '%s\\0' "$@"`], { encoding: 'utf8' })
      .split('\0')
      .slice(0, -1);
    const again = await runCli(argv, { env });
    expect(again.code, again.stderr).toBe(1);
    expect(failureOf(again.report, '/ws/account')).toMatchObject({ errorType: 'server_error', signature: f.signature });
  });
});

describe('--ws-prelude (a ws route that wants a login message first)', () => {
  test('without it: skipped with the close code and a hint naming --ws-prelude (exit 2: nothing tested)', async () => {
    const run = await runCli(login, { env });
    expect(run.code).toBe(2);
    expect(routeOf(run.report, '/ws/login').status).toBe('skipped');
    expect(run.stdout).toMatch(/Reason: every connection was closed with 1008 \(login first\).*--ws-prelude/);
  });

  test('with it: the bug after login is found; the prelude is shown, replayed, and not part of the shrunk sequence', async () => {
    const prelude = `{"type":"login","token":"${LOGIN}"}`;
    const run = await runCli([...login, '--ws-prelude', prelude], { env });
    expect(run.code, run.stderr).toBe(1);
    // Both bugs after the login are found (non-JSON text, and JSON without `text`); this is the first.
    const f = failureOf(run.report, '/ws/login', (x) => (x.serverTrace ?? '').includes('SyntaxError'));
    expect(f.errorType).toBe('server_error');
    expect(f.messageIndex).toBe(0);
    expect(f.sequence).toHaveLength(1);
    expect(JSON.stringify(f.sequence)).not.toContain('login');
    expect(f.reproduce).toContain(`--ws-prelude '${prelude}'`);
    const block = failureBlocks(run.stdout).get('/ws/login')!;
    expect(block).toMatch(
      /Prelude \(1 message, sent first on every connection, not shrunk\):\n {2}\[p0\] Sent \(json\):\n {4}\{"type": "login", "token": "login-9a0b-token"\}/,
    );
    expect(block).toContain('last_response: {"type":"welcome","user":"alice"}');
  });
});

describe('bad input: one line, exit 2, before the app starts', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--cookie', 'hunter2'], /^wsroutes: --cookie: expected NAME=VALUE \(no "=" found\)\n$/],
    [['--header', 'Bad Name:hunter2'], /^wsroutes: --header: "Bad Name" is not a valid header name .*\n$/],
    [['--header', 'X-A:hunter2\nX-B: 1'], /^wsroutes: --header X-A: the value holds a line break or NUL, which a header cannot carry\n$/],
    [['--query', 'hunter2'], /^wsroutes: --query: expected NAME=VALUE \(no "=" found\)\n$/],
    [['--header', 'X-A:$WSR_SURELY_UNSET_VAR'], /^wsroutes: --header X-A: \$WSR_SURELY_UNSET_VAR is not set in the environment\n$/],
    [['--auth', 'bearer:hunter2', '--auth', 'bearer:hunter3'], /^wsroutes: --auth was given twice: pass one spec.*\n$/],
    [['--ws-message-kinds', 'text,binary'], /^wsroutes: .*--ws-message-kinds takes text, json and bytes, comma-separated \(got "binary"\).*\n$/],
  ];
  for (const [args, expected] of cases) {
    test(args.join(' ').replace(/\n/g, '\\n'), async () => {
      const run = await runCli([...fastify, ...args], { env, noReport: true });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(expected);
      expect(run.stderr).not.toContain('hunter2');
      expect(run.stdout).toBe('');
    });
  }
});
