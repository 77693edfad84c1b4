import { expect, test } from 'vitest';
import { foundBy, websocketRoute } from '../discovery/route.js';
import { routeFacts } from './route-facts.js';
import { uncaughtOf } from './uncaught.js';

test("a WebSocket route's facts: protocol, events, Socket.IO acks, literals and how it was found; empty ones left out", () => {
  const route = {
    ...websocketRoute('/chat'),
    protocol: 'socketio' as const,
    events: ['join'],
    socketio: { namespace: '/chat', endpoint: '/socket.io/', acks: ['join'] },
    literals: { strings: ['lobby'], numbers: [], keys: [] },
    discoveredBy: 'framework' as const,
  };
  expect(routeFacts(route)).toEqual({
    protocol: 'socketio',
    events: ['join'],
    acks: ['join'],
    literals: { strings: ['lobby'], numbers: [], keys: [] },
    discoveredBy: 'framework',
  });
  expect(routeFacts({ ...websocketRoute('/raw'), events: [], literals: { strings: [], numbers: [], keys: [] } })).toEqual({});
  expect(routeFacts({ ...route, kind: 'http' })).toEqual({});
});

test('foundBy names how WebSocket routes were found, keeping what a route already says', () => {
  const routes = foundBy([websocketRoute('/a'), { ...websocketRoute('/b'), discoveredBy: 'include' }, { ...websocketRoute('/c'), kind: 'http' }], 'framework');
  expect(routes.map((r) => r.discoveredBy)).toEqual(['framework', 'include', undefined]);
});

test('uncaught: true when the exception escaped to the Node process; false for a Python server that went on; unknown otherwise', () => {
  expect(uncaughtOf({ serverTrace: 'Error: x', uncaught: true }, 'node')).toEqual({ uncaught: true });
  expect(uncaughtOf({ serverTrace: 'Error: x' }, 'node')).toEqual({});
  expect(uncaughtOf({ serverTrace: 'Traceback ...' }, 'python')).toEqual({ uncaught: false });
  // The server stopped taking connections after it: not known to have survived.
  expect(uncaughtOf({ serverTrace: 'Traceback ...' }, 'python', true)).toEqual({});
  // No exception captured (a close code alone, a --url target).
  expect(uncaughtOf({}, 'python')).toEqual({});
  expect(uncaughtOf({}, 'url')).toEqual({});
});
