import { describe, expect, test } from 'vitest';
import { testName, verdictOf } from '../integrations/routes.js';
import type { FailureResult, RouteResult, RunResult } from '../run/results.js';
import { formatFailureBlock } from './failure-block.js';
import { renderHtmlReport } from './html.js';
import { toJsonReport } from './json-report.js';
import { toJunitXml } from './junit.js';
import { formatSummary } from './summary.js';

const failure: FailureResult = {
  errorType: 'server_error',
  message: 'Server raised: ZeroDivisionError: division by zero',
  messageIndex: null,
  sequence: [],
  url: '/items/0?q=x',
  serverTrace: 'Traceback (most recent call last):\n  File "app.py", line 9, in read_item\nZeroDivisionError: division by zero',
  expected: 'A status below 500',
  actual: 'Server raised; HTTP 500: Internal Server Error',
  connectionState: 'answered HTTP 500',
  context: { totalMessagesSent: 1, lastResponse: 'Internal Server Error', elapsedTimeMs: 4.26 },
  seed: 77,
  path: '12:0',
  shrinks: 6,
  reproduce: "npx wsroutes --app app:app --no-websocket --http --http-include '/items/{item_id}' --methods GET --seed 77",
  request: { method: 'GET', url: '/items/0?q=x', headers: { Authorization: 'Bearer $TOKEN' }, status: 500 },
  curl: `curl -sS -i 'http://127.0.0.1:8000/items/0?q=x' -H 'Authorization: Bearer '"$TOKEN"`,
};

const httpRoute: RouteResult = {
  path: '/items/{item_id}',
  kind: 'http',
  method: 'GET',
  status: 'failed',
  sequences: 100,
  messagesSent: 107,
  connections: 107,
  durationMs: 900,
  failures: [failure],
};

const run: RunResult = {
  tool: 'wsroutes',
  version: '0.1.0',
  seed: 77,
  durationMs: 1000,
  target: { kind: 'python', framework: 'fastapi', spec: 'app:app' },
  routes: [
    { path: '/ws/echo', kind: 'websocket', status: 'passed', sequences: 10, messagesSent: 30, connections: 10, durationMs: 50, failures: [] },
    httpRoute,
  ],
  orphanTraces: [],
};

describe('HTTP failures in the reports', () => {
  test('the terminal block: banner with method and path, request, status, trace, curl, reproduce and seed', () => {
    const block = formatFailureBlock(httpRoute, failure, { color: false });
    expect(block).toContain('HTTP TEST FAILURE: GET /items/{item_id}');
    expect(block).toContain('Error Type: server_error');
    expect(block).toContain('Minimal request:\n  GET /items/0?q=x\n  Authorization: Bearer $TOKEN\n  (no body)');
    expect(block).toContain('Status: 500');
    expect(block).toContain('Server traceback:\n  Traceback (most recent call last):');
    expect(block).toContain(`curl: ${failure.curl}`);
    expect(block).toMatch(/Reproduce: npx wsroutes .*--methods GET --seed 77\nSeed: 77/);
    expect(block).not.toContain('WEBSOCKET TEST FAILURE');
  });

  test('JSON report: kind http, method, failures with request and curl', () => {
    const r = toJsonReport(run).routes[1]!;
    expect(r).toMatchObject({ path: '/items/{item_id}', kind: 'http', method: 'GET', status: 'failed' });
    expect(r.failures[0]).toMatchObject({ request: failure.request, curl: failure.curl, errorType: 'server_error' });
    expect(toJsonReport(run).routes[0]).not.toHaveProperty('method');
  });

  test('summary, JUnit and HTML list the HTTP route beside the WebSocket route', () => {
    const summary = formatSummary(run, { color: false });
    expect(summary).toContain('Route: /ws/echo\n');
    expect(summary).toContain('Route: GET /items/{item_id} (http)\n  Status: failed\n  Requests sent: 107\n  Failures: 1');
    const xml = toJunitXml(run);
    expect(xml).toContain('<testcase name="websocket /ws/echo"');
    expect(xml).toContain('<testcase name="http GET /items/{item_id}"');
    expect(xml).toContain('HTTP TEST FAILURE: GET /items/{item_id}');
    const html = renderHtmlReport(run);
    expect(html).toContain('HTTP TEST FAILURE: GET /items/{item_id}');
    expect(html).toContain('GET /items/{item_id} (http)');
    expect(html).toContain('curl -sS -i');
  });

  test('runner integrations name it `http GET /path` and find its verdict by that name', () => {
    expect(testName('GET /items/{item_id}')).toBe('http GET /items/{item_id}');
    expect(testName('/ws/echo')).toBe('websocket /ws/echo');
    const v = verdictOf(run, 'GET /items/{item_id}');
    expect(v.status).toBe('failed');
    expect(v.status === 'failed' && v.message).toContain('HTTP TEST FAILURE: GET /items/{item_id}');
    expect(verdictOf(run, '/ws/echo')).toEqual({ status: 'passed' });
  });
});
