import { expect, test } from 'vitest';
import { resolveOptions } from '../config/options.js';
import { websocketRoute } from '../discovery/route.js';
import { RunLog } from '../execution/run-log.js';
import { addLateFailures } from './late-traces.js';
import type { RouteResult } from './results.js';

const TRACE = 'Error: save failed\n    at WebSocket.<anonymous> (/app/late.ts:36:11)';

function passed(path: string): RouteResult {
  return { path, kind: 'websocket', status: 'passed', sequences: 2, messagesSent: 2, connections: 2, durationMs: 0, failures: [] };
}

test("a late trace fails its connection's route with that connection's sequence: the earliest example, whatever the arrival order", () => {
  const save = websocketRoute('/ws/save');
  const echo = websocketRoute('/ws/echo');
  const log = new RunLog();
  const examples = [{}, {}, {}];
  const ids = examples.map((e) => log.start(e));
  log.record(ids[0] as number, save, examples[0] as object, [{ url: '/ws/save', sent: [{ type: 'text', data: 'first' }], clientPort: 4001 }]);
  log.record(ids[1] as number, save, examples[1] as object, [{ url: '/ws/save', sent: [{ type: 'text', data: 'second' }], clientPort: 4002 }]);
  log.record(ids[2] as number, echo, examples[2] as object, [{ url: '/ws/echo', sent: [{ type: 'text', data: 'ok' }], clientPort: 4003 }]);
  const results = [passed('/ws/save'), passed('/ws/echo')];
  const unknown = addLateFailures(
    [save, echo],
    results,
    [
      { clientPort: 4002, trace: { text: TRACE } },
      { clientPort: 4001, trace: { text: TRACE, uncaught: true } },
      { clientPort: 4999, trace: { text: 'Error: from an HTTP request' } },
    ],
    log,
    resolveOptions({ seed: 7 }),
    'node',
  );
  expect(results[1]?.status).toBe('passed');
  expect(results[0]?.status).toBe('failed');
  expect(results[0]?.failures).toHaveLength(1);
  expect(results[0]?.failures[0]).toMatchObject({
    errorType: 'server_error',
    sequence: [{ type: 'text', data: 'first' }],
    url: '/ws/save',
    serverTrace: TRACE,
    signature: 'server_error:Error:late.ts:36',
    seed: 7,
    uncaught: true,
  });
  expect(unknown).toEqual([{ text: 'Error: from an HTTP request' }]);
});

test('a late trace of a Python target is marked survived (uncaught: false): the ASGI server ends only that connection', () => {
  const route = websocketRoute('/ws/save');
  const log = new RunLog();
  const id = log.start({});
  log.record(id, route, {}, [{ url: '/ws/save', sent: [{ type: 'text', data: 'x' }], clientPort: 5001 }]);
  const results = [passed('/ws/save')];
  const trace = 'Traceback (most recent call last):\n  File "/app/late.py", line 9, in save\nValueError: no';
  addLateFailures([route], results, [{ clientPort: 5001, trace: { text: trace } }], log, resolveOptions({ seed: 1 }), 'python');
  expect(results[0]?.failures[0]?.uncaught).toBe(false);
  // A Node trace that was not marked as escaping says nothing either way.
  const nodeResults = [passed('/ws/save')];
  addLateFailures([route], nodeResults, [{ clientPort: 5001, trace: { text: trace } }], log, resolveOptions({ seed: 1 }), 'node');
  expect(nodeResults[0]?.failures[0]).not.toHaveProperty('uncaught');
});
