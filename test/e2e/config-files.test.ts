/**
 * Config files, run through the real CLI from the fixture directories in
 * test/fixtures/config/: each source kind, which source wins, CLI over config, each
 * config key with an effect the report shows (it fails if the key is ignored), and
 * every kind of bad config as one line on stderr with exit 2.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from './helpers/run-cli.js';

type Json = Record<string, any>;
const FIXTURES = join(ROOT, 'test', 'fixtures', 'config');
const at = (dir: string): { cwd: string } => ({ cwd: join(FIXTURES, dir) });
const route = (report: Json, path: string): Json => {
  const r = report.routes.find((x: Json) => x.path === path);
  if (!r) throw new Error(`route ${path} not in report: ${report.routes.map((x: Json) => x.path).join(', ')}`);
  return r;
};
const paths = (report: Json): string[] => report.routes.map((r: Json) => r.path).sort();
/** The one line a failed run printed, asserting there is exactly one. */
const oneLine = (stderr: string): string => {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
};

describe('config sources', () => {
  test('wsroutes.config.json: include, exclude, maxMessageSize, testCloseCodes, maxExamples, maxMessages, seed', async () => {
    const { code, report } = await runCli([], at('json'));
    expect(code).toBe(0);
    // include picked three routes, exclude took /ws/echo out again; /ws/single was never included.
    expect(paths(report)).toEqual(['/ws/no-normal', '/ws/small']);
    // maxMessageSize 32: /ws/small closes 1011 on anything larger. testCloseCodes [1001]: /ws/no-normal answers 1000 wrongly.
    expect(route(report, '/ws/small').status).toBe('passed');
    expect(route(report, '/ws/no-normal').status).toBe('passed');
    expect(route(report, '/ws/small').sequences).toBe(15);
    expect(route(report, '/ws/small').messagesSent).toBeLessThanOrEqual(15 * 3);
    expect(report.seed).toBe(7);
  });

  test('the command line beats the config file, key by key', async () => {
    const { code, report } = await runCli(['--ws-close-codes', '1000', '--max-examples', '5'], at('json'));
    expect(code).toBe(1);
    expect(route(report, '/ws/no-normal').failures[0]).toMatchObject({ errorType: 'shutdown_error', closeCode: 1002 });
    expect(route(report, '/ws/no-normal').sequences).toBeLessThanOrEqual(5);
    expect(route(report, '/ws/small')).toMatchObject({ status: 'passed', sequences: 5 }); // maxMessageSize still from the file
  });

  test('wsroutes.config.ts: TypeScript loaded without a build step; concurrency from the file', async () => {
    const { code, report, stderr } = await runCli(['-v'], at('ts'));
    expect(code).toBe(0);
    expect(paths(report)).toEqual(['/ws/single']);
    // /ws/single closes 1011 when two connections are open at once: concurrency 1 came from the file.
    expect(route(report, '/ws/single')).toMatchObject({ status: 'passed', sequences: 12 });
    expect(stderr).toMatch(/^ {2}concurrency +1 +\[config file wsroutes\.config\.ts\]$/m);
    expect(stderr).toMatch(/^ {2}maxMessages +2 +\[config file wsroutes\.config\.ts\]$/m);
    expect(stderr).toMatch(/^ {2}shrinkTimeMs +30000 +\[default\]$/m);
    expect(stderr).toMatch(/^ {2}verbose +true +\[cli \(--verbose\)\]$/m);
  });

  test("wsroutes.config.mjs: defineConfig imported from 'wsroutes', a function as the default export", async () => {
    const { code, report } = await runCli([], { ...at('mjs'), env: { FIXTURE_MAX_EXAMPLES: '6' } });
    expect(code).toBe(0);
    expect(paths(report)).toEqual(['/ws/echo']);
    expect(route(report, '/ws/echo').sequences).toBe(6);
    expect(report.seed).toBe(3);
  });

  test('package.json "wsroutes"', async () => {
    const { code, report } = await runCli([], at('package-json'));
    expect(code).toBe(0);
    expect(paths(report)).toEqual(['/ws/echo']);
    expect(route(report, '/ws/echo')).toMatchObject({ sequences: 3, messagesSent: 3 }); // maxMessages 1
  });

  test('several sources: wsroutes.config.* wins over package.json over pyproject.toml, and --verbose says so', async () => {
    const { report, stderr } = await runCli(['-v'], at('precedence'));
    expect(route(report, '/ws/echo').sequences).toBe(2);
    expect(stderr).toContain(
      'effective configuration (config wsroutes.config.json (ignored, lower in precedence: package.json "wsroutes", pyproject.toml [tool.pytest-routes])',
    );
    expect(stderr).toMatch(/^ {2}maxExamples +2 +\[config file wsroutes\.config\.json\]$/m);
  });

  test('--config picks the source, whatever else is there', async () => {
    const pkg = await runCli(['--config', 'package.json'], at('precedence'));
    expect(route(pkg.report, '/ws/echo').sequences).toBe(3);
    const py = await runCli(['--config', 'pyproject.toml', '--app', '../apps/options-app.ts'], at('precedence'));
    expect(route(py.report, '/ws/echo').sequences).toBe(4);
    // From another directory: paths in the file are relative to the file, not to the cwd.
    const json = await runCli(['--config', 'test/fixtures/config/mjs/wsroutes.config.mjs']);
    expect(json.code).toBe(0);
    expect(paths(json.report)).toEqual(['/ws/echo']);
  });

  test('enabled: false -> nothing to test, exit 2', async () => {
    const { code, stderr, report } = await runCli([], at('disabled'));
    expect(code).toBe(2);
    expect(report).toBeUndefined();
    expect(oneLine(stderr)).toBe(
      'wsroutes: WebSocket testing is off (enabled = false in wsroutes.config.json) and HTTP testing is off (turn it on with --http): nothing to test',
    );
    // ... and --websocket on the command line turns it back on.
    const on = await runCli(['--websocket', '--ws-include', '/ws/echo', '--max-examples', '2'], at('disabled'));
    expect(on.code).toBe(0);
  });
});

describe('pyproject.toml [tool.pytest-routes], read for a Node app too', () => {
  test('websocket keys: include, exclude, max_message_size, test_close_codes, max_messages; max_examples, seed', async () => {
    // The fixture's 0.2 s / 0.3 s timeouts are for the two tests below; a busy machine may miss them here.
    const { code, report } = await runCli(['--app', '../apps/options-app.ts', '--ws-timeout', '10', '--ws-message-timeout', '10'], at('pyproject'));
    expect(code).toBe(0);
    expect(paths(report)).toEqual(['/ws/no-normal', '/ws/small']);
    expect(route(report, '/ws/small')).toMatchObject({ status: 'passed', sequences: 12 });
    expect(route(report, '/ws/no-normal').status).toBe('passed');
    expect(route(report, '/ws/small').messagesSent).toBeLessThanOrEqual(12 * 2);
    expect(report.seed).toBe(9);
  });

  test('websocket.connection_timeout (seconds)', async () => {
    const { code, report } = await runCli(['--app', '../apps/silent-upgrade-app.ts', '--ws-include', '/ws/never'], at('pyproject'));
    expect(code).toBe(1);
    expect(route(report, '/ws/never').failures[0]).toMatchObject({ errorType: 'timeout', message: 'No handshake answer within 200 ms' });
  });

  test('websocket.message_timeout (seconds)', async () => {
    const { code, report } = await runCli(['--app', '../../../apps/node/stall-app.ts', '--ws-include', '/ws/stall'], at('pyproject'));
    expect(code).toBe(1);
    expect(route(report, '/ws/stall').failures[0].message).toContain('no pong within 300 ms');
  });

  test('websocket.enabled = false -> nothing to test, exit 2', async () => {
    const { code, stderr } = await runCli([], at('pyproject-disabled'));
    expect(code).toBe(2);
    expect(oneLine(stderr)).toMatch(/WebSocket testing is off \(enabled = false in pyproject\.toml \[tool\.pytest-routes\]\).*nothing to test$/);
  });
});

describe('a bad config is one line, exit 2', () => {
  const cases: Array<[string, RegExp | string]> = [
    ['unknown-key.json', 'wsroutes: unknown-key.json: unknown key maxMesages (did you mean maxMessages?)'],
    ['wrong-type.json', 'wsroutes: wrong-type.json: routes[0].maxExamples must be a whole number from 1 to 1000000 (got "ten")'],
    ['not-json.json', /^wsroutes: not-json\.json is not valid JSON: .*position 35$/],
    ['throws.ts', 'wsroutes: config file throws.ts threw while loading: FIXTURE_UNSET_PORT is not set'],
    ['pyproject.toml', /^wsroutes: pyproject\.toml: tool\.pytest-routes\.websocket\.max_mesages: unknown key \(did you mean "max_messages"\?\)$/],
    ['missing.json', /^wsroutes: --config missing\.json: no such file \(.*missing\.json\)$/],
  ];
  test.each(cases)('--config %s', async (file, expected) => {
    const { code, stderr, report } = await runCli(['--config', file], { ...at('bad'), noReport: true });
    expect(code).toBe(2);
    expect(report).toBeUndefined();
    const line = oneLine(stderr);
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
  });
});
