/**
 * The real CLI against test/apps/python/quart_app.py, a Quart app in the docs' style:
 * `@app.websocket` rules with Werkzeug converters (`<name>`, `<int:x>`, `<path:x>`,
 * `<uuid:x>`) and a Blueprint prefix, reported as `{name:type}` templates. Quart catches a
 * handler's exception itself; the bridge's hook on its `got_websocket_exception` signal
 * still ties the app's traceback to the connection.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';
import type { Report } from './helpers/report.js';
import { failureBlocks, failureOf, routeOf } from './helpers/report.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

const SPEC = 'quart_app:app';
const MAX_EXAMPLES = 30;
const PASSING = ['/ws', '/ws/hello/{name:str}', '/ws/files/{name:path}', '/ws/things/{thing_id:uuid}', '/api/counter/{start:int}'];
const BUGGY = ['/ws/rooms/{room_id:int}', '/ws/chat/{room:str}'];

describe(`quart app (${SPEC})`, () => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', SPEC, '--app-dir', PYTHON_APPS, '--seed', '21', '--max-examples', String(MAX_EXAMPLES)]);
    report = run.report as Report;
  });

  test('exits 1 and names the framework', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'python', framework: 'quart', spec: SPEC });
  });

  test('discovers every websocket rule, converters as {name:type}', () => {
    expect(report.routes.map((r) => r.path).sort()).toEqual([...PASSING, ...BUGGY].sort());
  });

  test.each(PASSING)('%s passes', (path) => {
    const route = routeOf(report, path);
    expect(route.failures).toEqual([]);
    expect(route.status).toBe('passed');
    expect(route.sequences).toBe(MAX_EXAMPLES);
    expect(route.messagesSent).toBeGreaterThan(0);
  });

  test('/ws/rooms/{room_id:int}: json.loads on a non-JSON text is a server_error with the handler traceback', () => {
    const f = failureOf(report, '/ws/rooms/{room_id:int}', (x) => (x.serverTrace ?? '').includes('json.decoder.JSONDecodeError'));
    expect(f.errorType).toBe('server_error');
    expect(f.messageIndex).toBe(0);
    expect(f.sequence).toEqual([{ type: 'text', data: '' }]);
    expect(f.url).toMatch(/^\/ws\/rooms\/\d+$/); // an int filled in
    expect(f.serverTrace).toContain('quart_app.py');
    expect(f.serverTrace).toContain('in room');
    expect(f.serverTrace).toContain('json.decoder.JSONDecodeError');
  });

  test('/ws/chat/{room:str}: a KeyError before accept is a server_error during the handshake', () => {
    const f = failureOf(report, '/ws/chat/{room:str}');
    expect(f.errorType).toBe('server_error');
    expect(f.messageIndex).toBeNull();
    expect(f.serverTrace).toContain('in chat');
    expect(f.serverTrace).toContain('members = rooms[room]');
    expect(f.serverTrace).toMatch(/KeyError: '/);
  });

  test('stdout has one failure block per buggy route; each reproduce line selects its route', () => {
    const blocks = failureBlocks(run.stdout);
    expect([...blocks.keys()].sort()).toEqual([...BUGGY].sort());
    for (const path of BUGGY) {
      expect(blocks.get(path)).toContain('Traceback (most recent call last):');
      expect(failureOf(report, path).reproduce).toContain(`--ws-include '${path}'`);
    }
  });
});
