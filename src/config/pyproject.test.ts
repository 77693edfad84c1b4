/**
 * pyproject.toml as pytest-routes users write it: literal TOML files in temp dirs, read
 * back through readPyproject, mapped to Options, and every kind of mistake as one line.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { WsroutesError } from '../errors.js';
import { nearest, pyprojectRouteOverrides, pyprojectToOptions, readPyproject } from './pyproject.js';

const root = mkdtempSync(join(tmpdir(), 'wsroutes-pyproject-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A fresh directory holding `pyproject.toml` with that text. */
function project(toml: string): string {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'pyproject.toml'), toml);
  return dir;
}

async function configError(toml: string): Promise<WsroutesError> {
  const dir = project(toml);
  try {
    await readPyproject(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(WsroutesError);
    expect((err as WsroutesError).code).toBe('CONFIG');
    expect((err as WsroutesError).message).not.toContain('\n');
    expect((err as WsroutesError).message.startsWith(join(dir, 'pyproject.toml'))).toBe(true);
    return err as WsroutesError;
  }
  throw new Error('no error thrown');
}

describe('readPyproject', () => {
  test('no pyproject.toml, or one without [tool.pytest-routes]: undefined', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(await readPyproject(empty)).toBeUndefined();
    expect(await readPyproject(project('[project]\nname = "shop"\n\n[tool.ruff]\nline-length = 100\n'))).toBeUndefined();
  });

  test("the seed's full example: every key read, mapped to Options in milliseconds", async () => {
    const dir = project(`
[project]
name = "shop"

[tool.pytest-routes]
app = "shop.main:app"
framework = "litestar"
max_examples = 50
timeout = 5.0
seed = 12345
include = ["/api/*"]
exclude = ["/health", "/metrics"]
verbose = true
methods = ["GET", "POST"]
fail_on_5xx = true
allowed_status_codes = [200, 201, 400, 404]
validate_responses = false
response_validators = ["status_code"]

[[tool.pytest-routes.routes]]
pattern = "/ws/admin/*"
max_examples = 10

[[tool.pytest-routes.routes]]
pattern = "/ws/internal/*"
skip = true

[tool.pytest-routes.websocket]
enabled = true
max_messages = 20
connection_timeout = 2.5
message_timeout = 0.75
max_message_size = 4096
test_close_codes = [1000, 1001, 4000]
validate_subprotocols = true
include = ["/ws/*"]
exclude = ["/ws/internal/*"]
`);
    const read = await readPyproject(dir);
    expect(read?.file).toBe(join(dir, 'pyproject.toml'));
    const values = read!.values;
    expect(values.app).toBe('shop.main:app');
    expect(values.framework).toBe('litestar');
    expect(values.methods).toEqual(['GET', 'POST']);
    expect(pyprojectToOptions(values)).toEqual({
      app: 'shop.main:app',
      seed: 12345,
      maxExamples: 50,
      verbose: true,
      websocket: true,
      maxMessages: 20,
      connectionTimeoutMs: 2500,
      messageTimeoutMs: 750,
      maxMessageSize: 4096,
      testCloseCodes: [1000, 1001, 4000],
      validateSubprotocols: true,
      // the WebSocket filters; top-level include/exclude filter HTTP routes in pytest-routes
      include: ['/ws/*'],
      exclude: ['/ws/internal/*'],
      httpInclude: ['/api/*'],
      httpExclude: ['/health', '/metrics'],
      // the HTTP keys (used with --http)
      methods: ['GET', 'POST'],
      failOn5xx: true,
      allowedStatusCodes: [200, 201, 400, 404],
      validateResponses: false,
      responseValidators: ['status_code'],
    });
    expect(pyprojectRouteOverrides(values)).toEqual([
      { pattern: '/ws/admin/*', maxExamples: 10 },
      { pattern: '/ws/internal/*', skip: true },
    ]);
  });

  test('keys absent from the file are absent from the options (CLI and defaults fill them)', async () => {
    const read = await readPyproject(project('[tool.pytest-routes]\napp = "main:create_app()"\n'));
    expect(pyprojectToOptions(read!.values)).toEqual({ app: 'main:create_app()' });
    expect(pyprojectRouteOverrides(read!.values)).toEqual([]);
  });

  test('timeout is the connect timeout unless websocket.connection_timeout says otherwise; integers are seconds too', async () => {
    const only = await readPyproject(project('[tool.pytest-routes]\ntimeout = 3\n'));
    expect(pyprojectToOptions(only!.values)).toEqual({ connectionTimeoutMs: 3000 });
    const both = await readPyproject(project('[tool.pytest-routes]\ntimeout = 3\n[tool.pytest-routes.websocket]\nconnection_timeout = 7\n'));
    expect(pyprojectToOptions(both!.values)).toEqual({ connectionTimeoutMs: 7000 });
  });

  test('websocket.enabled = false turns WebSocket testing off', async () => {
    const read = await readPyproject(project('[tool.pytest-routes.websocket]\nenabled = false\n'));
    expect(pyprojectToOptions(read!.values)).toEqual({ websocket: false });
  });

  test("pytest-routes' auth table becomes an --auth spec, $VAR left for --auth to expand", async () => {
    const auth = async (table: string): Promise<string | undefined> =>
      pyprojectToOptions((await readPyproject(project(`[tool.pytest-routes.auth]\n${table}\n`)))!.values).auth;
    expect(await auth('bearer_token = "$API_TOKEN"')).toBe('bearer:$API_TOKEN');
    expect(await auth('api_key = "k1"\nheader_name = "X-Key"')).toBe('header:X-Key:k1');
    expect(await auth('api_key = "k2"\nquery_param = "api_key"')).toBe('query:api_key:k2');
    expect(await auth('api_key = "k3"')).toBe('header:X-API-Key:k3');
  });

  test('a route override may say path instead of pattern', async () => {
    const read = await readPyproject(project('[[tool.pytest-routes.routes]]\npath = "/ws/chat/*"\nmax_examples = 5\n'));
    expect(pyprojectRouteOverrides(read!.values)).toEqual([{ pattern: '/ws/chat/*', maxExamples: 5 }]);
  });

  test("pytest-routes' other tables and HTTP keys are accepted and change nothing here", async () => {
    const read = await readPyproject(
      project(`
[tool.pytest-routes]
strategy = "hybrid"
fail_on_validation_error = false

[tool.pytest-routes.schemathesis]
enabled = true
schema_path = "/openapi.json"

[tool.pytest-routes.report]
enabled = true
theme = "dark"

[tool.pytest-routes.stateful]
enabled = false
step_count = 20
`),
    );
    expect(pyprojectToOptions(read!.values)).toEqual({});
  });
});

describe('mistakes: one line naming the file, the key path and the nearest known key', () => {
  test('an unknown top-level key', async () => {
    const err = await configError('[tool.pytest-routes]\nmax_exemples = 10\n');
    expect(err.message).toContain('tool.pytest-routes.max_exemples: unknown key (did you mean "max_examples"?)');
  });

  test('an unknown key in the websocket table, spelled with dashes', async () => {
    const err = await configError('[tool.pytest-routes.websocket]\nmax-messages = 10\n');
    expect(err.message).toContain('tool.pytest-routes.websocket.max-messages: unknown key (did you mean "max_messages"?)');
  });

  test('an unknown key in a route override names its index', async () => {
    const err = await configError('[[tool.pytest-routes.routes]]\npattern = "/a"\n\n[[tool.pytest-routes.routes]]\npattern = "/b"\nskipp = true\n');
    expect(err.message).toContain('tool.pytest-routes.routes[1].skipp: unknown key (did you mean "skip"?)');
  });

  test('a typo is named before the problems it causes', async () => {
    const err = await configError('[[tool.pytest-routes.routes]]\npatern = "/a"\n');
    expect(err.message).toMatch(/tool\.pytest-routes\.routes\[0\]\.patern: unknown key \(did you mean "pattern"\?\) \(and 1 more problem\)$/);
  });

  test('wrong types', async () => {
    expect((await configError('[tool.pytest-routes]\nmax_examples = "100"\n')).message).toContain(
      'tool.pytest-routes.max_examples: expected a whole number, got "100"',
    );
    expect((await configError('[tool.pytest-routes]\nmax_examples = 2.5\n')).message).toContain(
      'tool.pytest-routes.max_examples: expected a whole number, got 2.5',
    );
    expect((await configError('[tool.pytest-routes]\nmax_examples = 0\n')).message).toContain('tool.pytest-routes.max_examples: expected at least 1, got 0');
    expect((await configError('[tool.pytest-routes.websocket]\nenabled = "yes"\n')).message).toContain(
      'tool.pytest-routes.websocket.enabled: expected true or false, got "yes"',
    );
    expect((await configError('[tool.pytest-routes.websocket]\nmessage_timeout = -1\n')).message).toContain('tool.pytest-routes.websocket.message_timeout:');
    expect((await configError('[tool.pytest-routes]\ninclude = "/ws/*"\n')).message).toContain('tool.pytest-routes.include: expected an array, got "/ws/*"');
    expect((await configError('[tool.pytest-routes]\nwebsocket = 1\n')).message).toContain('tool.pytest-routes.websocket: expected a table, got 1');
    expect((await configError('[tool.pytest-routes]\nseed = 1979-05-27\n')).message).toContain('tool.pytest-routes.seed: expected a whole number, got a date');
  });

  test('values out of their range or set', async () => {
    expect((await configError('[tool.pytest-routes.websocket]\ntest_close_codes = [1000, 1006]\n')).message).toContain(
      'tool.pytest-routes.websocket.test_close_codes[1]: expected a close code a client can send (1000-1003, 1007-1014, 3000-4999), got 1006',
    );
    expect((await configError('[tool.pytest-routes]\nframework = "django"\n')).message).toContain(
      'tool.pytest-routes.framework: expected one of "auto", "litestar", "fastapi", "starlette", "falcon", "quart", "channels", "asgi", got "django"',
    );
    expect((await configError('[tool.pytest-routes]\napp = "main.py"\n')).message).toContain(
      'tool.pytest-routes.app: expected module.path:attr or module.path:factory(), got "main.py"',
    );
    expect((await configError('[tool.pytest-routes]\nseed = -1\n')).message).toContain('tool.pytest-routes.seed: expected at least 0, got -1');
  });

  test('a route override with neither pattern nor path, or both', async () => {
    expect((await configError('[[tool.pytest-routes.routes]]\nskip = true\n')).message).toContain(
      'tool.pytest-routes.routes[0]: expected exactly one of pattern or path',
    );
    expect((await configError('[[tool.pytest-routes.routes]]\npattern = "/a"\npath = "/a"\n')).message).toContain(
      'tool.pytest-routes.routes[0]: expected exactly one of pattern or path',
    );
  });

  test('a [tool.pytest-routes] that is not a table', async () => {
    const err = await configError('[tool]\npytest-routes = "on"\n');
    expect(err.message).toContain('tool.pytest-routes: expected a table, got "on"');
  });

  test('TOML that does not parse: the line and column', async () => {
    const err = await configError('[tool.pytest-routes]\nmax_examples = \n');
    expect(err.message).toMatch(/pyproject\.toml: invalid TOML at line 2, column \d+: /);
  });
});

test('nearest: the closest known key by edit distance', () => {
  expect(nearest('max_mesages', ['max_messages', 'message_timeout'])).toBe('max_messages');
  expect(nearest('Timeout', ['seed', 'timeout'])).toBe('timeout');
  expect(nearest('x', [])).toBeUndefined();
});
