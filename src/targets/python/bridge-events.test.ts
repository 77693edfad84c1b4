import { expect, test } from 'vitest';
import { parseEvent } from './bridge-events.js';

test('parses the ready line, keeping only known param types', () => {
  const line = JSON.stringify({
    event: 'ready',
    port: 4321,
    framework: 'litestar',
    routes: [{ path: '/ws/{d:date}', kind: 'websocket', params: [{ name: 'd', type: 'date' }] }, { nope: 1 }],
    python: '/v/bin/python',
    pid: 99,
    warnings: ['w'],
  });
  expect(parseEvent(line)).toEqual({
    event: 'ready',
    port: 4321,
    framework: 'litestar',
    routes: [{ path: '/ws/{d:date}', kind: 'websocket', params: [{ name: 'd', type: 'str' }] }],
    python: '/v/bin/python',
    pid: 99,
    warnings: ['w'],
  });
});

test('parses trace and conn_end, and ignores lines that are not events', () => {
  expect(parseEvent('{"event":"trace","client_port":5,"traceback":"T","exception":"E","received":2}')).toEqual({
    event: 'trace',
    clientPort: 5,
    traceback: 'T',
    exception: 'E',
    received: 2,
  });
  expect(parseEvent('{"event":"conn_end","client_port":null,"received":0,"lingering":true}')).toEqual({
    event: 'conn_end',
    clientPort: null,
    received: 0,
    lingering: true,
  });
  expect(parseEvent('{"event":"trace","client_port":5,"traceback":"T","exception":"E","received":2,"logged":true}')).toMatchObject({
    event: 'trace',
    logged: true,
  });
  expect(parseEvent('{"event":"trace","client_port":5,"traceback":"T","exception":"E","received":2,"logged":false}')).not.toHaveProperty('logged');
  expect(parseEvent('hello')).toBeUndefined();
  expect(parseEvent('{"event":"ready"}')).toBeUndefined();
  expect(parseEvent('[1]')).toBeUndefined();
});

test('a GraphQL route keeps the subprotocol and the schema its adapter named; any other protocol name is dropped', () => {
  const line = JSON.stringify({
    event: 'ready',
    port: 1,
    framework: 'fastapi',
    routes: [
      { path: '/graphql', kind: 'websocket', params: [], protocol: 'graphql-transport-ws', graphqlSchema: 'type Query {\n  a: Int!\n}' },
      { path: '/legacy/', kind: 'websocket', params: [], protocol: 'graphql-ws', graphqlSchema: '  ' },
      { path: '/odd', kind: 'websocket', params: [], protocol: 'carrier-pigeon' },
    ],
  });
  const event = parseEvent(line);
  expect(event?.event === 'ready' && event.routes).toEqual([
    { path: '/graphql', kind: 'websocket', params: [], protocol: 'graphql-transport-ws', graphqlSchema: 'type Query {\n  a: Int!\n}' },
    { path: '/legacy/', kind: 'websocket', params: [], protocol: 'graphql-ws' },
    { path: '/odd', kind: 'websocket', params: [] },
  ]);
});

test('a python-socketio namespace keeps its events and Socket.IO facts, checked; a malformed one is a plain route', () => {
  const ready = (route: Record<string, unknown>) =>
    parseEvent(JSON.stringify({ event: 'ready', port: 1, framework: 'python-socketio', routes: [{ path: '/chat', kind: 'websocket', params: [], ...route }] }));
  const routeOf = (route: Record<string, unknown>) => (ready(route) as { routes: unknown[] }).routes[0];
  expect(
    routeOf({
      events: ['say', 7, 'rate'],
      socketio: { namespace: '/chat', endpoint: '/socket.io/', acks: ['say', null], args: { say: 1, rate: -1, odd: 1.5 } },
    }),
  ).toEqual({
    path: '/chat',
    kind: 'websocket',
    params: [],
    protocol: 'socketio',
    events: ['say', 'rate'],
    socketio: { namespace: '/chat', endpoint: '/socket.io/', acks: ['say'], args: { say: 1 } },
  });
  expect(routeOf({ events: ['say'], socketio: { namespace: '/chat' } })).toEqual({ path: '/chat', kind: 'websocket', params: [] });
});
