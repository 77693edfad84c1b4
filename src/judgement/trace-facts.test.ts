import { describe, expect, test } from 'vitest';
import { describeException, innermostException, isAppFile } from './trace-facts.js';
import * as T from './trace-facts.test-data.js';

describe('innermostException: Python tracebacks', () => {
  test('a TaskGroup on a FastAPI route: the leaf, not the group, and the task frame in the app', () => {
    expect(innermostException(T.TASKGROUP)).toEqual({
      type: 'ValueError',
      message: "invalid literal for int() with base 10: ''",
      frame: { file: '/work/main/test/apps/python/taskgroup_app.py', line: 35, fn: 'parse_score', framework: false },
    });
  });

  test('stdlib frames (json) below the app frame are skipped', () => {
    expect(innermostException(T.QUART_JSON)).toEqual({
      type: 'json.decoder.JSONDecodeError',
      message: 'Expecting value: line 1 column 1 (char 0)',
      frame: { file: '/work/main/test/apps/python/quart_app.py', line: 69, fn: 'room', framework: false },
    });
  });

  test('framework frames (site-packages) below the app frame are skipped', () => {
    expect(innermostException(T.LITESTAR_CHAT)).toMatchObject({
      type: 'litestar.exceptions.websocket_exceptions.WebSocketDisconnect',
      message: 'connection is disconnected',
      frame: { file: '/work/main/test/apps/python/litestar_app.py', line: 116, fn: 'bug_chat', framework: false },
    });
    expect(innermostException(T.STARLETTE_BINARY)).toMatchObject({ type: 'KeyError', message: "'text'", frame: { fn: 'bug_binary', framework: false } });
  });

  test('no app frame at all (the bridge frame is not the app): the innermost frame, marked framework', () => {
    expect(innermostException(T.ENDPOINT_DECODE)).toEqual({
      type: 'RuntimeError',
      message: 'Expected text websocket messages, but got bytes',
      frame: { file: '/work/main/.venv/lib/python3.11/site-packages/starlette/endpoints.py', line: 96, fn: 'decode', framework: true },
    });
  });

  test('nested groups: the first leaf, depth first, and how many more', () => {
    expect(innermostException(T.NESTED_GROUPS)).toEqual({
      type: 'ValueError',
      message: "invalid literal for int() with base 10: 'x'",
      frame: { file: '/srv/app/tasks.py', line: 8, fn: 'parse', framework: false },
      more: 1,
    });
  });

  test('several leaves: the first, "+2 more"', () => {
    const facts = innermostException(T.SEVERAL_LEAVES);
    expect(facts).toMatchObject({ type: 'ValueError', message: "invalid literal for int() with base 10: 'abc'", more: 2 });
    expect(describeException(facts)).toBe("ValueError: invalid literal for int() with base 10: 'abc' (+2 more)");
  });

  test('a truncated group counts the leaves Python left out', () => {
    expect(innermostException(T.WIDE_GROUP)).toMatchObject({ type: 'ValueError', message: "invalid literal for int() with base 10: 'w0'", more: 16 });
  });

  test('a chained leaf is reported by the exception raised last, at its own frame', () => {
    expect(innermostException(T.CHAINED_LEAF)).toEqual({
      type: 'RuntimeError',
      message: 'lookup failed for k',
      frame: { file: '/srv/app/tasks.py', line: 36, fn: 'chained_leaf', framework: false },
    });
  });

  test("anyio: the leaf's innermost frame that is app code, past anyio's", () => {
    expect(innermostException(T.ANYIO_GROUP)).toMatchObject({
      type: 'ValueError',
      message: "invalid literal for int() with base 10: 'seven'",
      frame: { line: 8, fn: 'parse' },
    });
  });

  test('an exception raised while handling a group is the one reported; the group was its context', () => {
    expect(innermostException(T.GROUP_THEN_RAISE)).toEqual({
      type: 'TypeError',
      message: 'cleanup failed',
      frame: { file: '/srv/app/tasks.py', line: 52, fn: 'during', framework: false },
    });
  });

  test('a leaf without app frames of its own takes the app frame of the group around it', () => {
    const trace = T.TASKGROUP.replaceAll(
      '/work/main/test/apps/python/taskgroup_app.py", line 35',
      '/work/main/.venv/lib/python3.11/site-packages/scores/parse.py", line 35',
    );
    expect(innermostException(trace).frame).toEqual({ file: '/work/main/test/apps/python/taskgroup_app.py', line: 49, fn: 'scores', framework: false });
  });

  test('several traces joined (a failure with more than one): the first is read', () => {
    expect(innermostException(`${T.TASKGROUP}\n\n${T.QUART_JSON}`).type).toBe('ValueError');
    expect(innermostException(`${T.QUART_JSON}\n\n${T.TASKGROUP}`).type).toBe('json.decoder.JSONDecodeError');
    expect(innermostException(`${T.NEST_DIVIDE}\n\n${T.EXPRESS_PARSE}`).type).toBe('TypeError');
  });

  test('a trace quoted with an indent of its own reads the same', () => {
    const indented = T.TASKGROUP.split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
    expect(innermostException(indented)).toEqual(innermostException(T.TASKGROUP));
    expect(innermostException(T.TASKGROUP.replaceAll('\n', '\r\n'))).toEqual(innermostException(T.TASKGROUP));
  });

  test('an exception without a message, a group leaf without a traceback', () => {
    expect(
      innermostException('Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    raise StopAsyncIteration\nStopAsyncIteration'),
    ).toEqual({
      type: 'StopAsyncIteration',
      message: '',
      frame: { file: '/app/main.py', line: 3, fn: '<module>', framework: false },
    });
    const bare = [
      '  | ExceptionGroup: two (2 sub-exceptions)',
      '  +-+---------------- 1 ----------------',
      '    | ValueError: one',
      '    +---------------- 2 ----------------',
      '    | KeyError: 2',
      '    +------------------------------------',
    ].join('\n');
    expect(innermostException(bare)).toEqual({ type: 'ValueError', message: 'one', more: 1 });
  });
});

describe('innermostException: Node stacks', () => {
  test('a message holding U+2028 or U+2029 (JSON.parse quotes what it was given): still its type, one signature', () => {
    for (const sep of ['\u2028', '\u2029']) {
      const stack = `SyntaxError: Unexpected token 'x', "x${sep}y" is not valid JSON\n    at JSON.parse (<anonymous>)\n    at WebSocket.<anonymous> (/srv/app/server.js:12:22)`;
      expect(innermostException(stack)).toEqual({
        type: 'SyntaxError',
        message: `Unexpected token 'x', "x${sep}y" is not valid JSON`,
        frame: { file: '/srv/app/server.js', line: 12, fn: 'WebSocket.<anonymous>', framework: false },
      });
    }
    expect(innermostException(`Error: a\u2028b`)).toEqual({ type: 'Error', message: 'a\u2028b' });
  });

  test('the error line and the first app frame', () => {
    expect(innermostException(T.NEST_DIVIDE)).toEqual({
      type: 'TypeError',
      message: 'undefined is not iterable (cannot read property Symbol(Symbol.iterator))',
      frame: { file: '/work/main/test/apps/node/nest/src/calculator/calculator.gateway.ts', line: 18, fn: 'CalculatorGateway.divide', framework: false },
    });
    expect(innermostException(T.FASTIFY_NUL)).toMatchObject({ type: 'Error', message: 'NUL byte in message', frame: { framework: false } });
  });

  test('<anonymous> (JSON.parse) above the app frame is skipped', () => {
    expect(innermostException(T.EXPRESS_PARSE)).toEqual({
      type: 'SyntaxError',
      message: 'Unexpected end of JSON input',
      frame: { file: '/work/main/test/apps/node/express-app.ts', line: 115, fn: 'WebSocket.<anonymous>', framework: false },
    });
  });

  test('only node_modules and node: frames: the innermost, marked framework; file URLs are paths', () => {
    const stack = [
      'TypeError [ERR_INVALID_ARG_TYPE]: The "chunk" argument must be of type string',
      '    at new NodeError (node:internal/errors:405:5)',
      '    at Receiver.dataMessage (file:///srv/app/node_modules/ws/lib/receiver.js:558:14)',
    ].join('\n');
    expect(innermostException(stack)).toEqual({
      type: 'TypeError',
      message: 'The "chunk" argument must be of type string',
      frame: { file: 'node:internal/errors', line: 405, fn: 'NodeError', framework: true },
    });
    expect(innermostException('Error: boom\n    at file:///srv/app/my%20app/server.mjs:3:9')).toEqual({
      type: 'Error',
      message: 'boom',
      frame: { file: '/srv/app/my app/server.mjs', line: 3, framework: false },
    });
  });

  test('a thrown non-Error is its text', () => {
    expect(innermostException('boom')).toEqual({ type: '', message: 'boom' });
  });
});

test('isAppFile: packages, runtimes and the bridge are not the app', () => {
  for (const f of [
    '/usr/lib/python3.12/asyncio/taskgroups.py',
    '/app/.venv/lib/python3.11/site-packages/starlette/routing.py',
    '/usr/lib/python3/dist-packages/x.py',
    'C:\\Python311\\Lib\\asyncio\\tasks.py',
    '<frozen importlib._bootstrap>',
    '/srv/node_modules/ws/lib/receiver.js',
    'node:events',
    '/home/u/proj/node_modules/wsroutes/python/wsroutes_bridge/asgi_wrapper.py',
  ])
    expect(isAppFile(f), f).toBe(false);
  for (const f of ['/srv/app/main.py', 'C:\\proj\\app.py', '/home/u/proj/src/server.ts']) expect(isAppFile(f), f).toBe(true);
});
