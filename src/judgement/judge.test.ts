import { describe, expect, test } from 'vitest';
import type { Transcript } from '../execution/transcript.js';
import { judge } from './index.js';

const ctx = { connectionTimeoutMs: 30_000, messageTimeoutMs: 10_000 };
const msgs = [
  { type: 'text' as const, data: 'a' },
  { type: 'text' as const, data: 'b' },
  { type: 'text' as const, data: 'c' },
];

/** A transcript of a clean run, to vary one fact at a time. */
function clean(over: Partial<Transcript> = {}): Transcript {
  return {
    url: '/ws',
    offeredSubprotocols: [],
    handshake: { outcome: 'accepted', subprotocol: '', ms: 1 },
    messages: msgs,
    sentCount: 3,
    ackedCount: 3,
    received: { count: 0, bytes: 0 },
    clientClose: { code: 1000, at: 2 },
    serverClose: { code: 1000, reason: '', frame: true, at: 3, answeredOurs: true, ackedCount: 3 },
    serverTraces: [],
    elapsedMs: 3,
    ...over,
  };
}
const serverClose = (code: number, ackedCount: number, frame = true, answeredOurs = false): Transcript['serverClose'] => ({
  code,
  reason: code === 1011 ? 'boom' : '',
  frame,
  at: 2,
  answeredOurs,
  ackedCount,
});

describe('handled errors excuse the exceptions the app only logged for them, one each', () => {
  const logged = (text: string) => ({ text: `Error: ${text}\n    at handler (/srv/app.js:3:9)`, logged: true, receivedCount: 1 });
  test('one answer, one logged exception: an answer', () => {
    expect(judge(clean({ handledErrors: 1, serverTraces: [logged('bad query')] }), ctx)).toEqual({});
  });
  const loggedAs = (type: string, text: string) => ({ ...logged(text), text: `${type}: ${text}\n    at handler (/srv/app.js:3:9)` });
  test('one answer, two logged exceptions of different types: the second is the app raising', () => {
    const v = judge(clean({ handledErrors: 1, serverTraces: [loggedAs('GraphQLError', 'bad query'), loggedAs('TypeError', 'db down')] }), ctx).verdict;
    expect(v).toMatchObject({ errorType: 'server_error', message: 'Server raised: TypeError: db down' });
  });
  test('one answer, two logged exceptions of one type (every error of an operation logged, the first answered): an answer', () => {
    expect(judge(clean({ handledErrors: 1, serverTraces: [loggedAs('GraphQLError', 'no field id'), loggedAs('GraphQLError', 'no field _')] }), ctx)).toEqual(
      {},
    );
  });
  test('an escaped exception is never excused, answers or not', () => {
    const v = judge(clean({ handledErrors: 3, serverTraces: [{ text: 'Error: boom\n    at h (/srv/app.js:1:1)', uncaught: true }] }), ctx).verdict;
    expect(v).toMatchObject({ errorType: 'server_error', uncaught: true });
  });
  test('no answer: a logged exception is a failure', () => {
    expect(judge(clean({ serverTraces: [logged('oops')] }), ctx).verdict?.errorType).toBe('server_error');
  });
});

describe('judge', () => {
  test('a clean transcript passes', () => {
    expect(judge(clean(), ctx)).toEqual({});
  });

  test('an answered close echoing our code, 1000 or no code passes', () => {
    for (const code of [1001, 1000, 1005]) {
      const t = clean({ clientClose: { code: 1001, at: 2 }, serverClose: serverClose(code, 3, true, true) });
      expect(judge(t, ctx)).toEqual({});
    }
  });

  test('handshake: 4xx rejected, 5xx error, timeout, subprotocol', () => {
    expect(judge(clean({ handshake: { outcome: 'rejected', status: 403, ms: 1 } }), ctx).verdict).toMatchObject({
      errorType: 'handshake_rejected',
      messageIndex: null,
    });
    expect(judge(clean({ handshake: { outcome: 'error', status: 500, ms: 1 } }), ctx).verdict?.errorType).toBe('handshake_error');
    expect(judge(clean({ handshake: { outcome: 'timeout', ms: 1 } }), ctx).verdict?.errorType).toBe('timeout');
    expect(judge(clean({ handshake: { outcome: 'error', error: 'Server sent an invalid subprotocol', ms: 1 } }), ctx).verdict?.errorType).toBe(
      'subprotocol_violation',
    );
  });

  test('a server trace is a server_error at the first unacknowledged message, whatever the close', () => {
    const v = judge(clean({ serverTraces: [{ text: 'SyntaxError: Unexpected token\n    at JSON.parse (<anonymous>)' }], ackedAtFirstTrace: 1 }), ctx).verdict;
    expect(v).toMatchObject({ errorType: 'server_error', messageIndex: 1, message: 'Server raised: SyntaxError: Unexpected token' });
    expect(v?.serverTrace).toContain('JSON.parse');
  });

  test('a Python trace names the exception from its last line and uses the received count', () => {
    const text = 'Traceback (most recent call last):\n  File "app.py", line 3\nValueError: too long';
    const v = judge(clean({ serverTraces: [{ text, receivedCount: 3 }], ackedAtFirstTrace: 0 }), ctx).verdict;
    expect(v).toMatchObject({ message: 'Server raised: ValueError: too long', messageIndex: 2 });
  });

  test('internal-error close codes are server errors; deliberate ones are not', () => {
    for (const code of [1011, 3011, 3500, 4500, 4599]) {
      expect(judge(clean({ serverClose: serverClose(code, 1) }), ctx).verdict).toMatchObject({ errorType: 'server_error', messageIndex: 1, closeCode: code });
    }
    for (const code of [1000, 1001, 1003, 1005, 1007, 1008, 1009, 1010, 3000, 3400, 4001, 4401, 4400, 4403, 4406, 4408, 4409, 4429, 4999]) {
      expect(judge(clean({ serverClose: serverClose(code, 1) }), ctx).verdict).toBeUndefined();
    }
  });

  test('graphql-ws 4500: a server_error whose message carries the close reason', () => {
    const close = { ...serverClose(4500, 1)!, reason: 'Cannot read properties of undefined' };
    expect(judge(clean({ serverClose: close }), ctx).verdict).toMatchObject({
      errorType: 'server_error',
      message: 'Server closed the connection with 4500 (internal error): Cannot read properties of undefined',
      closeReason: 'Cannot read properties of undefined',
    });
  });

  test('a drop without close frame is a server_error; after our close it is a shutdown_error', () => {
    expect(judge(clean({ serverClose: serverClose(1006, 2, false) }), ctx).verdict).toMatchObject({
      errorType: 'server_error',
      messageIndex: 2,
      closeCode: 1006,
    });
    expect(judge(clean({ serverClose: serverClose(1006, 3, false, true) }), ctx).verdict?.errorType).toBe('shutdown_error');
  });

  test('stalls: in messages a timeout, in our close a shutdown_error', () => {
    const dropped = serverClose(1006, 1, false);
    expect(judge(clean({ stalled: 'messages', ackedCount: 1, serverClose: dropped }), ctx).verdict).toMatchObject({ errorType: 'timeout', messageIndex: 1 });
    expect(judge(clean({ stalled: 'close', serverClose: serverClose(1006, 3, false, true) }), ctx).verdict?.errorType).toBe('shutdown_error');
  });

  test('answering our close with a non-deliberate code is a shutdown_error; a deliberate one may be a crossing close', () => {
    const t = clean({ clientClose: { code: 1001, at: 2 }, serverClose: serverClose(1002, 3, true, true) });
    expect(judge(t, ctx).verdict).toMatchObject({ errorType: 'shutdown_error', closeCode: 1002 });
    const crossing = clean({ clientClose: { code: 1000, at: 2 }, serverClose: serverClose(1003, 3, true, true) });
    expect(judge(crossing, ctx).verdict).toBeUndefined();
  });

  test('a trace during a refused handshake is a server_error, not a rejection', () => {
    const t = clean({
      handshake: { outcome: 'rejected', status: 403, ms: 1 },
      serverTraces: [{ text: 'Traceback (most recent call last):\nRuntimeError: no db' }],
    });
    expect(judge(t, ctx).verdict).toMatchObject({
      errorType: 'server_error',
      messageIndex: null,
      message: 'Server raised during the handshake: RuntimeError: no db',
    });
  });

  test('a server-started 1002 or 1012 is an unexpected_close', () => {
    expect(judge(clean({ serverClose: serverClose(1002, 0) }), ctx).verdict?.errorType).toBe('unexpected_close');
    expect(judge(clean({ serverClose: serverClose(1012, 2) }), ctx).verdict?.errorType).toBe('unexpected_close');
  });

  test('protocol errors', () => {
    expect(judge(clean({ protocolError: { code: 'WS_ERR_INVALID_UTF8', message: 'Invalid UTF-8 sequence' } }), ctx).verdict?.errorType).toBe('protocol_error');
  });

  test('a deliberate close before any message was read marks the sequence untested', () => {
    expect(judge(clean({ ackedCount: 0, serverClose: serverClose(4401, 0) }), ctx)).toEqual({
      untested: expect.objectContaining({ closeCode: 4401, closeReason: '', received: 0 }),
    });
    expect(judge(clean({ serverClose: serverClose(1000, 1) }), ctx)).toEqual({});
  });

  test('a refusal (1008, 4401, ...) right after the first message, with no answer, is a login step not passed: untested', () => {
    expect(judge(clean({ serverClose: serverClose(1008, 1) }), ctx)).toEqual({
      untested: expect.objectContaining({ closeCode: 1008, closeReason: '', afterReading: 1 }),
    });
    // Python: the app's own read count decides, not uvicorn's pongs.
    expect(judge(clean({ appReadCount: 1, serverClose: serverClose(4401, 3) }), ctx)).toEqual({
      untested: expect.objectContaining({ closeCode: 4401, closeReason: '', afterReading: 1 }),
    });
    // The route went further, or answered: it was tested.
    expect(judge(clean({ serverClose: serverClose(1008, 2) }), ctx)).toEqual({});
    expect(judge(clean({ appReadCount: 2, serverClose: serverClose(1008, 1) }), ctx)).toEqual({});
    expect(judge(clean({ received: { count: 1, bytes: 5 }, serverClose: serverClose(1008, 1) }), ctx)).toEqual({});
    // Not a refusal code: a one-shot route that closes normally after one message passes.
    expect(judge(clean({ serverClose: serverClose(1000, 1) }), ctx)).toEqual({});
  });

  test('past a protocol preamble (connection_init): refused when closed after it with nothing answered', () => {
    const refused = clean({ preambleCount: 1, ackedCount: 1, serverClose: { ...serverClose(4403, 1)!, reason: 'Forbidden' } });
    expect(judge(refused, ctx)).toEqual({ untested: expect.objectContaining({ closeCode: 4403, closeReason: 'Forbidden' }) });
    const acked = clean({ preambleCount: 1, ackedCount: 1, received: { count: 1, bytes: 27 }, serverClose: serverClose(4400, 1) });
    expect(judge(acked, ctx)).toEqual({});
  });
});
