import { describe, expect, test } from 'vitest';
import { WsroutesError } from '../errors.js';
import type { HttpOutcome } from '../execution/http-request.js';
import type { Transcript } from '../execution/transcript.js';
import { CHECK_NAMES, type CheckName, describeChecks, selectChecks } from './checks.js';
import type { ErrorType } from './failure.js';
import { type HttpJudgeOptions, judgeHttp } from './http.js';
import { judge } from './index.js';

const limits = { connectionTimeoutMs: 30_000, messageTimeoutMs: 10_000 };
const msgs = [
  { type: 'text' as const, data: 'a' },
  { type: 'text' as const, data: 'b' },
];

/** A transcript of a clean run (our close answered with 1000), to vary one fact at a time. */
function clean(over: Partial<Transcript> = {}): Transcript {
  return {
    url: '/ws',
    offeredSubprotocols: [],
    handshake: { outcome: 'accepted', subprotocol: '', ms: 1 },
    messages: msgs,
    sentCount: 2,
    ackedCount: 2,
    received: { count: 1, bytes: 1 },
    clientClose: { code: 1000, at: 2 },
    serverClose: { code: 1000, reason: '', frame: true, at: 3, answeredOurs: true, ackedCount: 2 },
    serverTraces: [],
    elapsedMs: 3,
    ...over,
  };
}
const serverClosed = (code: number, frame = true): Partial<Transcript> => ({
  clientClose: undefined,
  serverClose: { code, reason: '', frame, at: 2, answeredOurs: false, ackedCount: 1 },
});
const never = (handshake: Transcript['handshake']): Partial<Transcript> => ({ handshake, clientClose: undefined, serverClose: undefined });

/** Each WebSocket check's case, and what judge says once that check is excluded (undefined: it passes). */
const WEBSOCKET_CASES: Array<{ name: CheckName; t: Transcript; without?: ErrorType }> = [
  { name: 'server_error', t: clean({ serverTraces: [{ text: 'Traceback (most recent call last):\nKeyError: x' }], ackedAtFirstTrace: 1 }) },
  { name: 'server_error', t: clean(serverClosed(1011)) },
  { name: 'server_error', t: clean(serverClosed(1006, false)) },
  { name: 'handshake_rejected', t: clean(never({ outcome: 'rejected', status: 403, ms: 1 })) },
  { name: 'handshake_error', t: clean(never({ outcome: 'error', status: 502, ms: 1 })) },
  { name: 'timeout', t: clean(never({ outcome: 'timeout', ms: 1 })) },
  { name: 'timeout', t: clean({ stalled: 'messages', ackedCount: 1, abortedByClient: true, ...serverClosed(1006, false) }) },
  { name: 'subprotocol_violation', t: clean({ ...never({ outcome: 'error', error: 'Server sent an invalid subprotocol', ms: 1 }), selectedSubprotocol: 'x' }) },
  { name: 'subprotocol_violation', t: clean({ offeredSubprotocols: ['chat'], subprotocolRequired: true }) },
  { name: 'protocol_error', t: clean({ protocolError: { code: 'WS_ERR_INVALID_UTF8', message: 'Invalid UTF-8 sequence' } }) },
  // The order shows: a protocol error closed with 1002 falls to the close's own check.
  {
    name: 'protocol_error',
    t: clean({ protocolError: { code: 'WS_ERR_INVALID_UTF8', message: 'Invalid UTF-8 sequence' }, ...serverClosed(1002) }),
    without: 'unexpected_close',
  },
  { name: 'unexpected_close', t: clean(serverClosed(1012)) },
  { name: 'shutdown_error', t: clean({ serverClose: { code: 1002, reason: '', frame: true, at: 3, answeredOurs: true, ackedCount: 2 } }) },
  { name: 'shutdown_error', t: clean({ stalled: 'close', abortedByClient: true }) },
];

describe('WebSocket checks', () => {
  test.each(WEBSOCKET_CASES)('$name catches its case; excluded, judge goes on to the next check', ({ name, t, without }) => {
    expect(judge(t, limits).verdict?.errorType).toBe(name);
    expect(judge(t, { ...limits, checks: selectChecks([name]) }).verdict?.errorType).toBe(name);
    expect(judge(t, { ...limits, checks: selectChecks([], [name]) }).verdict?.errorType).toBe(without);
  });

  test('a clean transcript passes every check', () => {
    expect(judge(clean(), limits)).toEqual({});
  });

  test('--checks keeps only the listed ones', () => {
    const t = clean(serverClosed(1011));
    expect(judge(t, { ...limits, checks: selectChecks(['timeout', 'unexpected_close']) }).verdict).toBeUndefined();
  });
});

const httpDefaults: HttpJudgeOptions = { failOn5xx: true, allowedStatusCodes: [], validateResponses: false, method: 'GET' };
const answered = (status: number, body = '{}'): HttpOutcome => ({
  url: '/items/0',
  response: { status, headers: { 'content-type': 'application/json' }, body, truncated: false },
  traces: [],
  elapsedMs: 3,
});

const HTTP_CASES: Array<{ name: CheckName; o: HttpOutcome; opts?: Partial<HttpJudgeOptions>; without?: ErrorType }> = [
  { name: 'server_error', o: answered(500) },
  { name: 'server_error', o: { ...answered(200), traces: [{ text: 'Traceback (most recent call last):\nKeyError: x' }] } },
  { name: 'server_error', o: { url: '/items/0', error: { kind: 'dropped', message: 'socket hang up' }, traces: [], elapsedMs: 3 } },
  // A 5xx outside allowed_status_codes is a server error first, then an unexpected status.
  { name: 'server_error', o: answered(500), opts: { allowedStatusCodes: [200] }, without: 'unexpected_status' },
  { name: 'timeout', o: { url: '/items/0', error: { kind: 'timeout', message: 'no answer within 100 ms' }, traces: [], elapsedMs: 100 } },
  { name: 'unexpected_status', o: answered(404), opts: { allowedStatusCodes: [200] } },
  {
    name: 'response_schema_violation',
    o: answered(200, '{"id":"x"}'),
    opts: { validateResponses: true, responses: { '200': { type: 'object', properties: { id: { type: 'integer' } } } } },
  },
];

describe('HTTP checks', () => {
  test.each(HTTP_CASES)('$name catches its case; excluded, judgeHttp goes on to the next check', ({ name, o, opts, without }) => {
    const options = { ...httpDefaults, ...opts };
    expect(judgeHttp(o, options)?.errorType).toBe(name);
    expect(judgeHttp(o, { ...options, checks: selectChecks([], [name]) })?.errorType).toBe(without);
  });
});

describe('selectChecks', () => {
  test('every name by default; --checks narrows, --exclude-checks removes', () => {
    expect([...selectChecks()]).toEqual(CHECK_NAMES);
    expect([...selectChecks(['timeout', 'server_error'])]).toEqual(['server_error', 'timeout']);
    expect(selectChecks([], ['timeout']).has('timeout')).toBe(false);
    expect(selectChecks(['timeout'], ['timeout']).size).toBe(0);
  });

  test('an unknown name is a CONFIG error naming it and the known ones', () => {
    const error = (() => {
      try {
        selectChecks(['server_error'], ['not_a_check']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WsroutesError);
    expect(error).toMatchObject({ code: 'CONFIG' });
    expect((error as Error).message).toBe(`unknown check "not_a_check"; known checks: ${CHECK_NAMES.join(', ')}`);
  });

  test('the names are the error types of PRODUCT.md', () => {
    expect([...CHECK_NAMES].sort()).toEqual(
      [
        'server_error',
        'handshake_rejected',
        'handshake_error',
        'timeout',
        'subprotocol_violation',
        'protocol_error',
        'unexpected_close',
        'shutdown_error',
        'unexpected_status',
        'response_schema_violation',
      ].sort(),
    );
  });
});

test('describeChecks: one line per name, with its route kinds and what it catches', () => {
  const lines = describeChecks();
  expect(lines).toHaveLength(CHECK_NAMES.length);
  expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  expect(lines.find((l) => l.startsWith('server_error '))).toMatch(/websocket, http: the app raised/);
  expect(lines.find((l) => l.startsWith('unexpected_status '))).toMatch(/ http: a status outside allowed_status_codes$/);
});
