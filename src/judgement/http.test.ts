import { describe, expect, test } from 'vitest';
import type { HttpOutcome } from '../execution/http-request.js';
import { type HttpJudgeOptions, judgeHttp, responseSchemaFor } from './http.js';

const defaults: HttpJudgeOptions = { failOn5xx: true, allowedStatusCodes: [], validateResponses: false, method: 'GET' };

function answered(status: number, body = '', contentType = 'application/json'): HttpOutcome {
  return { url: '/items/0', response: { status, headers: { 'content-type': contentType }, body, truncated: false }, traces: [], elapsedMs: 3 };
}

describe('judgeHttp', () => {
  test('2xx and 4xx pass: a 4xx is the right answer to a request that breaks the declared types', () => {
    expect(judgeHttp(answered(200, '{}'), defaults)).toBeUndefined();
    expect(judgeHttp(answered(422, '{"detail":[]}'), defaults)).toBeUndefined();
    expect(judgeHttp(answered(404), defaults)).toBeUndefined();
  });

  test('a 5xx is a server_error, unless fail_on_5xx is off or the status is allowed', () => {
    const v = judgeHttp(answered(500, 'Internal Server Error', 'text/plain'), defaults);
    expect(v).toMatchObject({ errorType: 'server_error', message: 'Server answered HTTP 500', actual: 'HTTP 500: Internal Server Error', messageIndex: null });
    expect(judgeHttp(answered(503), { ...defaults, failOn5xx: false })).toBeUndefined();
    expect(judgeHttp(answered(501), { ...defaults, allowedStatusCodes: [200, 501] })).toBeUndefined();
  });

  test('allowed_status_codes: any other status is unexpected_status', () => {
    const v = judgeHttp(answered(404), { ...defaults, allowedStatusCodes: [200, 201] });
    expect(v).toMatchObject({ errorType: 'unexpected_status', expected: 'A status in 200, 201' });
    // A 5xx outside the list is still a server error first.
    expect(judgeHttp(answered(500), { ...defaults, allowedStatusCodes: [200] })?.errorType).toBe('server_error');
  });

  test('an app trace is a server_error whatever the status, with the trace', () => {
    const o: HttpOutcome = {
      ...answered(200, '{}'),
      traces: [{ text: 'Traceback (most recent call last):\n  File "app.py", line 9\nZeroDivisionError: division by zero' }],
    };
    expect(judgeHttp(o, defaults)).toMatchObject({
      errorType: 'server_error',
      message: 'Server raised: ZeroDivisionError: division by zero',
      serverTrace: expect.stringContaining('app.py'),
    });
  });

  test('a dropped connection is a server_error; no answer in time is a timeout', () => {
    const dropped: HttpOutcome = {
      url: '/x',
      error: { kind: 'dropped', message: 'the server closed the connection without an answer' },
      traces: [],
      elapsedMs: 1,
    };
    expect(judgeHttp(dropped, defaults)).toMatchObject({ errorType: 'server_error', actual: 'the server closed the connection without an answer' });
    const slow: HttpOutcome = { url: '/x', error: { kind: 'timeout', message: 'no complete answer within 50 ms' }, traces: [], elapsedMs: 50 };
    expect(judgeHttp(slow, defaults)?.errorType).toBe('timeout');
    const none: HttpOutcome = { url: '/x', error: { kind: 'connect_timeout', message: 'no connection within 50 ms' }, traces: [], elapsedMs: 50 };
    expect(judgeHttp(none, defaults)?.errorType).toBe('timeout');
  });

  test('validate_responses: a JSON body that breaks the schema of its status is response_schema_violation', () => {
    const responses = {
      '200': { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
      '4XX': { type: 'object', required: ['detail'] },
    };
    const on = { ...defaults, validateResponses: true, responses };
    expect(judgeHttp(answered(200, '{"id":1,"name":"a"}'), on)).toBeUndefined();
    expect(judgeHttp(answered(200, '{"id":"1","name":"a"}'), on)).toMatchObject({
      errorType: 'response_schema_violation',
      message: 'HTTP 200 body breaks its declared schema: /id must be integer',
    });
    expect(judgeHttp(answered(404, '{"error":"x"}'), on)?.errorType).toBe('response_schema_violation');
    expect(judgeHttp(answered(200, 'not json'), on)?.message).toMatch(/not JSON/);
    // Off, or no schema for the status, or not JSON: not checked.
    expect(judgeHttp(answered(200, '{"id":"1"}'), defaults)).toBeUndefined();
    expect(judgeHttp(answered(201, '{"id":"1"}'), on)).toBeUndefined();
    expect(judgeHttp(answered(200, 'text', 'text/plain'), on)).toBeUndefined();
  });

  test('OpenAPI 3.0 nullable is understood', () => {
    const on = { ...defaults, validateResponses: true, responses: { '200': { type: 'object', properties: { note: { type: 'string', nullable: true } } } } };
    expect(judgeHttp(answered(200, '{"note":null}'), on)).toBeUndefined();
    expect(judgeHttp(answered(200, '{"note":3}'), on)?.errorType).toBe('response_schema_violation');
  });

  test('the schema of a status: exact, then its class, then default', () => {
    const r = { '200': { a: 1 }, '4XX': { b: 1 }, default: { c: 1 } };
    expect(responseSchemaFor(r, 200)).toEqual({ a: 1 });
    expect(responseSchemaFor(r, 404)).toEqual({ b: 1 });
    expect(responseSchemaFor(r, 500)).toEqual({ c: 1 });
    expect(responseSchemaFor(undefined, 200)).toBeUndefined();
  });
});
