/**
 * The real CLI against test/apps/python/channels_project, a Django Channels project in the
 * tutorial's layout: asgi.py with `get_asgi_application()` and a ProtocolTypeRouter whose
 * websocket router sits in AllowedHostsOriginValidator and AuthMiddlewareStack, routing.py
 * with `re_path()`, `path()` converters and a nested URLRouter, and the tutorial's own
 * ChatConsumer, whose receive() takes every frame for JSON. Also: the same project without
 * its settings is one line naming DJANGO_SETTINGS_MODULE, exit 2.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { commandLine, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureOf, routeOf } from './helpers/report.js';

const PROJECT = 'test/apps/python/channels_project';
const SPEC = 'mysite.asgi:application';
const MAX_EXAMPLES = 30;
// Settings come from asgi.py's os.environ.setdefault, never from the test runner's environment.
const NO_SETTINGS_ENV = { DJANGO_SETTINGS_MODULE: undefined };

const CHAT = '/ws/chat/{room_name:str}/';
const PASSING = ['/ws/rooms/{room_id:int}/', '/ws/api/notes/{topic:str}/'];

describe(`channels project (${SPEC})`, () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    // As written: AllowedHostsOriginValidator accepts the Origin of the app itself, which wsroutes sends by default.
    run = await runCli(['--app', SPEC, '--app-dir', PROJECT, '--seed', '31', '--max-examples', String(MAX_EXAMPLES)], {
      env: NO_SETTINGS_ENV,
    });
    report = run.report as Report;
  });

  test('exits 1 and names the framework', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'python', framework: 'channels', spec: SPEC });
  });

  test('discovers re_path, path converters and the nested router through the middleware, as {name:type}', () => {
    // `\w+` and a slug are strings whose values are drawn from the pattern itself.
    expect(report.routes.map((r) => r.path).sort()).toEqual([CHAT, ...PASSING].sort());
  });

  test.each(PASSING)('%s passes', (path) => {
    const route = routeOf(report, path);
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('passed');
    expect(route.sequences).toBe(MAX_EXAMPLES);
    expect(route.messagesSent).toBeGreaterThan(0);
  });

  test("the tutorial's ChatConsumer: a non-JSON frame is a server_error with the consumer's traceback", () => {
    const f = failureOf(report, CHAT, (x) => (x.serverTrace ?? '').includes('text_data_json = json.loads(text_data)'));
    expect(f.errorType).toBe('server_error');
    expect(f.messageIndex).toBe(0);
    expect(f.sequence).toHaveLength(1);
    expect(f.url).toMatch(/^\/ws\/chat\/[^/]+\/$/);
    expect(f.serverTrace).toContain('chat/consumers.py');
    expect(f.serverTrace).toContain('in receive');
    expect(f.serverTrace).toContain('text_data_json = json.loads(text_data)');
    expect(f.reproduce).toContain(`--ws-include '${CHAT}'`);
  });

  test("the tutorial's room name: `\\w+` takes any letter, the channel layer's group name only ASCII: a 500 at the handshake", () => {
    const f = failureOf(report, CHAT, (x) => (x.serverTrace ?? '').includes('Group name must be a valid unicode string'));
    expect(f.errorType).toBe('server_error');
    expect(f.message).toMatch(/^Server raised during the handshake: TypeError: Group name must be/);
    // The shrunk room name is not ASCII (URL-encoded in the url).
    expect(decodeURIComponent(f.url)).toMatch(/^\/ws\/chat\/[^/]*[^\x00-\x7f][^/]*\/$/);
    expect(f.serverTrace).toContain('chat/consumers.py');
  });
});

test('a foreign --header Origin replaces ours, and AllowedHostsOriginValidator refuses it (the wrapper is really in the chain)', async () => {
  const { code, report, stderr } = await runCli(
    ['--app', SPEC, '--app-dir', PROJECT, '--ws-include', PASSING[0]!, '--header', 'Origin:http://evil.example', '--seed', '1', '--max-examples', '3'],
    { env: NO_SETTINGS_ENV },
  );
  expect(code, stderr).toBe(1);
  const f = failureOf(report, PASSING[0]!);
  expect(f.errorType).toBe('handshake_rejected');
  expect(f.message).toContain('403');
});

test('missing Django settings: one line naming DJANGO_SETTINGS_MODULE, exit 2, nothing left running', async () => {
  const mark = newMark();
  const { code, stdout, stderr, report } = await runCli(
    ['--app', 'mysite.asgi_nosettings:application', '--app-dir', PROJECT, '--seed', '1', '--max-examples', '3'],
    { env: { ...NO_SETTINGS_ENV, [MARK_VAR]: mark } },
  );
  expect(code, stderr).toBe(2);
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^wsroutes: /);
  expect(lines[0]).toContain('DJANGO_SETTINGS_MODULE is not set');
  expect(lines[0]).toContain('ImproperlyConfigured');
  expect(stderr).not.toMatch(/Traceback \(most recent call last\)|^\s+at /m);
  expect(stdout).toBe('');
  expect(report).toBeUndefined();
  expect(processesMarked(mark).map(commandLine)).toEqual([]);
});
