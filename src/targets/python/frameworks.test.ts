/**
 * Each framework's test app under the real bridge: the exact routes discovered, every
 * correct route reachable with a real client, and each kind of crash traced to the exact
 * connection that caused it (a second, healthy connection open at the same time gets none).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Route } from '../../discovery/route.js';
import type { PythonTarget } from './bridge-process.js';
import { startPythonTarget } from './bridge-process.js';
import { APPS, connect, refusal, samplePath, venvPython } from './python-tests.test-data.js';

type Expected = Array<[path: string, params: Array<[string, string]>]>;

const BUGS: Expected = [
  ['/bug/json', []],
  ['/bug/binary', []],
  ['/bug/long', []],
  ['/bug/handshake', []],
  ['/bug/chat', []],
];

interface Case {
  spec: string;
  framework: string;
  correct: Expected;
  /** What a handler crash looks like from the client (a close code). */
  crashClose: number[];
  /** The handshake status when the handler raises before accept. */
  handshakeStatus: number;
  binaryException: string;
  longException: string;
  chatException: string;
}

const CASES: Case[] = [
  {
    spec: 'litestar_app:app',
    framework: 'litestar',
    correct: [
      ['/ws/echo', []],
      ['/api/v1/rooms/{room_id:str}', [['room_id', 'str']]],
      ['/api/v1/counter/{n:int}', [['n', 'int']]],
      ['/api/v1/items/{item_id:uuid}', [['item_id', 'uuid']]],
      ['/files/{file_path:path}', [['file_path', 'path']]],
    ],
    crashClose: [4500],
    handshakeStatus: 403,
    binaryException: 'KeyError',
    longException: 'ValueError: tag name too long: 9 > 8',
    chatException: 'litestar.exceptions.websocket_exceptions.WebSocketDisconnect',
  },
  {
    spec: 'fastapi_app:app',
    framework: 'fastapi',
    correct: [
      ['/ws/echo', []],
      ['/api/items/{item_id:int}', [['item_id', 'int']]],
      ['/api/rooms/{room:str}', [['room', 'str']]],
      ['/api/ratio/{x:float}', [['x', 'float']]],
      ['/v2/echo', []],
    ],
    crashClose: [1006, 1011],
    handshakeStatus: 500,
    binaryException: 'KeyError',
    longException: 'ValidationError',
    chatException: 'starlette.websockets.WebSocketDisconnect',
  },
  {
    spec: 'starlette_app:app',
    framework: 'starlette',
    correct: [
      ['/ws/echo', []],
      ['/ws/counter/{n:int}', [['n', 'int']]],
      ['/ws/ratio/{x:float}', [['x', 'float']]],
      ['/ws/things/{thing_id:uuid}', [['thing_id', 'uuid']]],
      ['/chat/rooms/{room:str}', [['room', 'str']]],
      ['/nested/deeper/files/{rest:path}', [['rest', 'path']]],
    ],
    crashClose: [1006, 1011],
    handshakeStatus: 500,
    binaryException: 'KeyError',
    longException: 'ValueError: tag name too long: 9 > 8',
    chatException: 'starlette.websockets.WebSocketDisconnect',
  },
  {
    spec: 'falcon_app:app',
    framework: 'falcon',
    correct: [
      ['/ws/echo', []],
      ['/ws/items/{item_id:int}', [['item_id', 'int']]],
      ['/ws/things/{thing_id:uuid}', [['thing_id', 'uuid']]],
      ['/ws/rooms/{name:str}', [['name', 'str']]],
      ['/ws/rooms/{name:str}/admin', [['name', 'str']]],
    ],
    crashClose: [1011],
    handshakeStatus: 403,
    binaryException: 'falcon.errors.PayloadTypeError',
    longException: 'ValueError: tag name too long: 9 > 8',
    chatException: 'falcon.errors.WebSocketDisconnected',
  },
];

function routeTable(routes: Route[]): Expected {
  return routes.map((r) => [r.path, r.params.map((p): [string, string] => [p.name, p.type])]);
}

describe.each(CASES)('$framework ($spec)', (c) => {
  let target: PythonTarget;

  beforeAll(async () => {
    target = await startPythonTarget(c.spec, { cwd: APPS, python: venvPython() });
  }, 30_000);

  afterAll(async () => {
    await target?.stop();
  });

  test('discovers exactly the WebSocket routes, with typed params', () => {
    expect(target.kind).toBe('python');
    expect(target.framework).toBe(c.framework);
    expect(target.baseUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    // HTTP routes (issue 14) are listed beside them; these are the WebSocket ones.
    expect(routeTable(target.routes.filter((r) => r.kind === 'websocket'))).toEqual([...c.correct, ...BUGS]);
  });

  test('every correct route accepts a real client and answers a text message', async () => {
    for (const [path] of c.correct) {
      const route = target.routes.find((r) => r.path === path) as Route;
      const client = await connect(target.baseUrl, samplePath(route));
      const watch = target.traces.watch(client.port, () => undefined);
      const reply = client.next();
      // Falcon's /ws/items and /admin take binary; the others take text.
      client.ws.send(c.framework === 'falcon' && /items|admin/.test(path) ? Buffer.from('hi') : 'hi');
      expect(await reply, path).not.toBe('');
      client.ws.close(1000);
      expect((await client.closed).code, path).toBe(1000);
      expect(await watch.end(), path).toEqual([]);
    }
  });

  test('a crash is traced to its own connection, not to a healthy one open beside it', async () => {
    const healthy = await connect(target.baseUrl, '/ws/echo');
    const crashing = await connect(target.baseUrl, '/bug/json');
    const seen: string[] = [];
    const healthyWatch = target.traces.watch(healthy.port, (t) => seen.push(`healthy: ${t.text}`));
    const crashWatch = target.traces.watch(crashing.port, (t) => seen.push(`crashing: ${t.text}`));
    crashing.ws.send('not json');
    const echoed = healthy.next();
    healthy.ws.send('hello');
    expect(await echoed).toBe('hello');
    expect(c.crashClose).toContain((await crashing.closed).code);
    const traces = await crashWatch.end();
    expect(traces).toHaveLength(1);
    expect(traces[0]?.text).toContain('json.decoder.JSONDecodeError: Expecting value');
    expect(traces[0]?.text).toContain('json.loads');
    expect(traces[0]?.receivedCount).toBe(1);
    healthy.ws.close(1000);
    await healthy.closed;
    expect(await healthyWatch.end()).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^crashing: /);
  });

  test('a client closing normally is not an error of the app (its disconnect exception is not traced)', async () => {
    const client = await connect(target.baseUrl, '/bug/binary');
    const watch = target.traces.watch(client.port, () => undefined);
    const reply = client.next();
    client.ws.send('ok');
    expect(await reply).toBe('OK');
    client.ws.close(1000);
    expect((await client.closed).code).toBe(1000);
    expect(await watch.end()).toEqual([]);
  });

  test('a binary frame sent to a text-only handler is traced', async () => {
    const client = await connect(target.baseUrl, '/bug/binary');
    const watch = target.traces.watch(client.port, () => undefined);
    client.ws.send(Buffer.from([0, 1, 2]));
    expect(c.crashClose).toContain((await client.closed).code);
    const traces = await watch.end();
    expect(traces.map((t) => t.text).join('\n')).toContain(c.binaryException);
  });

  test('text longer than 8 characters is traced; 8 characters are fine', async () => {
    const client = await connect(target.baseUrl, '/bug/long');
    const watch = target.traces.watch(client.port, () => undefined);
    const reply = client.next();
    client.ws.send('12345678');
    expect(await reply).toBe('12345678');
    client.ws.send('123456789');
    expect(c.crashClose).toContain((await client.closed).code);
    const traces = await watch.end();
    expect(traces).toHaveLength(1);
    expect(traces[0]?.text).toContain(c.longException);
    expect(traces[0]?.receivedCount).toBe(2);
  });

  test('an exception before accept refuses the handshake and is traced', async () => {
    const { status, port } = await refusal(connect(target.baseUrl, '/bug/handshake'));
    expect(status).toBe(c.handshakeStatus);
    const traces = await target.traces.watch(port, () => undefined).end();
    expect(traces).toHaveLength(1);
    expect(traces[0]?.text).toContain('RuntimeError: session store unavailable');
    expect(traces[0]?.receivedCount).toBe(0);
  });

  test('chat room: the broadcast to a client that left raises on the next connection', async () => {
    const first = await connect(target.baseUrl, '/bug/chat');
    const firstWatch = target.traces.watch(first.port, () => undefined);
    const echoed = first.next();
    first.ws.send('one');
    expect(await echoed).toBe('one');
    first.ws.close(1000);
    await first.closed;
    // Leaving is not an error of the app: its disconnect exception is not traced.
    expect(await firstWatch.end()).toEqual([]);

    const second = await connect(target.baseUrl, '/bug/chat');
    const secondWatch = target.traces.watch(second.port, () => undefined);
    second.ws.send('two');
    await second.closed;
    const traces = await secondWatch.end();
    expect(traces).toHaveLength(1);
    expect(traces[0]?.text).toContain(c.chatException);
    expect(traces[0]?.text).toContain('send_text');

    // As a fuzzer does it: send, then close at once. The handler still raises over the dead
    // client while its own client is leaving: that is still the app's error.
    const third = await connect(target.baseUrl, '/bug/chat');
    const thirdWatch = target.traces.watch(third.port, () => undefined);
    third.ws.send('three');
    third.ws.close(1000);
    await third.closed;
    const thirdTraces = await thirdWatch.end();
    expect(thirdTraces).toHaveLength(1);
    expect(thirdTraces[0]?.text).toContain(c.chatException);
  });
});
