/**
 * Strawberry and Ariadne under the real bridge, over real sockets: each GraphQL route reaches the
 * Node side with the subprotocol its server speaks and its schema as SDL, and a resolver error the
 * server answers as a GraphQL error (and logs) arrives as a `logged` trace that judgement excuses
 * on that connection, while the planted bug (an exception that escapes the ASGI app) arrives
 * unlogged and is a server_error.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Route } from '../../discovery/route.js';
import { runConnection } from '../../execution/connection.js';
import type { Transcript } from '../../execution/transcript.js';
import type { Message } from '../../generation/message.js';
import { checkServerError, checkServerTrace } from '../../judgement/server-error.js';
import { protocolOf } from '../../protocols/index.js';
import { type PythonTarget, startPythonTarget } from './bridge-process.js';
import { APPS, venvPython } from './python-tests.test-data.js';

const json = (data: Message['data']): Message => ({ type: 'json', data }) as Message;
const INIT = json({ type: 'connection_init' });

/** One connection on the route, as a GraphQL route's run makes it: its subprotocol, each reply awaited, its protocol's answers counted. */
function converse(target: PythonTarget, route: Route, messages: Message[]): Promise<Transcript> {
  return runConnection({
    baseUrl: target.baseUrl,
    path: route.path,
    messages,
    closeCode: 1000,
    subprotocols: [route.protocol!],
    headers: {},
    connectionTimeoutMs: 5000,
    messageTimeoutMs: 1000,
    maxPayload: 1 << 20,
    traces: target.traces,
    stepwise: true,
    replyAwaited: messages.map(() => true),
    answers: protocolOf(route).answers,
  });
}

function routeOf(target: PythonTarget, path: string): Route {
  const route = target.routes.find((r) => r.path === path);
  if (!route) throw new Error(`no route ${path} in ${target.routes.map((r) => r.path).join(', ')}`);
  return route;
}

describe.each([
  {
    spec: 'strawberry_app:app',
    framework: 'fastapi',
    routes: { '/graphql': 'graphql-transport-ws', '/chat/graphql': 'graphql-transport-ws' },
    correct: '/graphql',
    planted: {
      path: '/chat/graphql',
      messages: [json({ type: 'connection_init', payload: { name: 7 } })],
      exception: "AttributeError: 'int' object has no attribute 'title'",
    },
    sdl: 'countdown(start: Int! = 3): Int!',
  },
  {
    spec: 'ariadne_app:app',
    framework: 'starlette',
    routes: { '/graphql/': 'graphql-transport-ws', '/legacy/': 'graphql-ws', '/admin/graphql/': 'graphql-transport-ws' },
    correct: '/graphql/',
    planted: {
      path: '/admin/graphql/',
      messages: [INIT, json({ id: '1', type: 'subscribe', payload: { query: '{ hello }', operationName: null } })],
      exception: "AttributeError: 'NoneType' object has no attribute 'lower'",
    },
    sdl: 'countdown(start: Int): Int!',
  },
])('$spec', (c) => {
  let target: PythonTarget;

  beforeAll(async () => {
    target = await startPythonTarget(c.spec, { cwd: APPS, appDir: APPS, python: venvPython() });
  }, 60_000);
  afterAll(async () => {
    await target?.stop();
  });

  test('each GraphQL route reaches the Node side with its subprotocol and its schema as SDL', () => {
    expect(target.framework).toBe(c.framework);
    expect(Object.fromEntries(target.routes.filter((r) => r.kind === 'websocket').map((r) => [r.path, r.protocol]))).toEqual(c.routes);
    for (const path of Object.keys(c.routes)) {
      const sdl = routeOf(target, path).graphqlSchema ?? '';
      expect(sdl).toContain('type Subscription {');
      expect(sdl).toContain(c.sdl);
    }
  });

  test('a resolver error answered as a GraphQL error is a logged trace, excused on that connection', async () => {
    const route = routeOf(target, c.correct);
    const t = await converse(target, route, [INIT, json({ id: '1', type: 'subscribe', payload: { query: '{ message(id: 99) }' } })]);
    expect(t.handledErrors).toBe(1);
    expect(t.serverTraces.length).toBeGreaterThan(0);
    for (const trace of t.serverTraces) {
      expect(trace.logged).toBe(true);
      expect(trace.text).toContain('no message 99');
    }
    expect(checkServerTrace(t)).toBeUndefined();
    expect(checkServerError(t)).toBeUndefined();
  });

  test('a subscription that raises before its first event is answered too, and excused', async () => {
    const route = routeOf(target, c.correct);
    const t = await converse(target, route, [INIT, json({ id: '1', type: 'subscribe', payload: { query: 'subscription { countdown(start: -1) }' } })]);
    expect(t.handledErrors).toBe(1);
    expect(t.serverTraces.length).toBeGreaterThan(0);
    for (const trace of t.serverTraces) {
      expect(trace.logged).toBe(true);
      expect(trace.text).toContain('countdown cannot start below zero');
    }
    expect(checkServerTrace(t)).toBeUndefined();
  });

  test('a correct subscription streams its events with no trace', async () => {
    const route = routeOf(target, c.correct);
    const t = await converse(target, route, [INIT, json({ id: '1', type: 'subscribe', payload: { query: 'subscription { count(target: 2) }' } })]);
    expect(t.received.count).toBeGreaterThanOrEqual(2); // connection_ack, then events (our close may cut the rest)
    expect(t.serverTraces).toEqual([]);
    expect(t.handledErrors).toBeUndefined();
  });

  test('the planted bug escapes the ASGI app: an unlogged trace, a server_error', async () => {
    const route = routeOf(target, c.planted.path);
    const t = await converse(target, route, c.planted.messages);
    expect(t.serverTraces).toHaveLength(1);
    expect(t.serverTraces[0]!.logged).toBeUndefined();
    const verdict = checkServerTrace(t);
    expect(verdict?.errorType).toBe('server_error');
    expect(verdict?.message).toContain(c.planted.exception);
  });
});
