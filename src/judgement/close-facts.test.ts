import { describe, expect, test } from 'vitest';
import type { Transcript } from '../execution/transcript.js';
import { describeClose } from './close-facts.js';

function accepted(over: Partial<Transcript> = {}): Transcript {
  return {
    url: '/ws',
    offeredSubprotocols: [],
    handshake: { outcome: 'accepted', subprotocol: '', ms: 1 },
    messages: [{ type: 'text', data: 'a' }],
    sentCount: 1,
    ackedCount: 1,
    received: { count: 0, bytes: 0 },
    serverTraces: [],
    elapsedMs: 3,
    ...over,
  };
}
const close = (code: number, answeredOurs: boolean, reason = '', frame = true): Transcript['serverClose'] => ({
  code,
  reason,
  frame,
  at: 2,
  answeredOurs,
  ackedCount: 1,
});

describe('describeClose', () => {
  test('the server closed first, with its code and reason', () => {
    expect(describeClose(accepted({ serverClose: close(1011, false) }))).toBe('the server closed first with 1011 (internal error)');
    expect(describeClose(accepted({ serverClose: close(4401, false, 'login first') }))).toBe('the server closed first with 4401 "login first"');
  });

  test('our close, answered with the same code or another', () => {
    const ours = { clientClose: { code: 1000, at: 1 } };
    expect(describeClose(accepted({ ...ours, serverClose: close(1000, true) }))).toBe('wsroutes closed with 1000, the server answered 1000');
    expect(describeClose(accepted({ ...ours, serverClose: close(1011, true, 'boom') }))).toBe(
      'wsroutes closed with 1000, the server answered 1011 (internal error) "boom"',
    );
  });

  test('a drop without a close frame: before our close, or instead of answering it', () => {
    expect(describeClose(accepted({ serverClose: close(1006, false, '', false) }))).toBe('the server dropped the connection without a close frame (1006)');
    expect(describeClose(accepted({ clientClose: { code: 1001, at: 1 }, serverClose: close(1006, true, '', false) }))).toBe(
      'wsroutes closed with 1001; the server dropped the connection without answering (1006)',
    );
  });

  test('cut by wsroutes: a server gone silent after a trace, or that stopped answering', () => {
    const cut = { abortedByClient: true, serverClose: close(1006, false, '', false) };
    expect(describeClose(accepted({ ...cut, serverTraces: [{ text: 'Error: x' }] }))).toBe(
      'wsroutes cut the connection: the server raised, then sent nothing more (no close, no answer)',
    );
    expect(describeClose(accepted({ ...cut, stalled: 'messages' }))).toBe(
      'wsroutes cut the connection: the server stopped answering to our messages (no pong)',
    );
    expect(describeClose(accepted({ ...cut, stalled: 'close', clientClose: { code: 1000, at: 1 } }))).toBe(
      'wsroutes cut the connection: the server stopped answering to our close (1000)',
    );
  });

  test('never opened', () => {
    expect(describeClose(accepted({ handshake: { outcome: 'rejected', status: 403, ms: 1 } }))).toBe('never opened: the upgrade was answered with HTTP 403');
    expect(describeClose(accepted({ handshake: { outcome: 'timeout', ms: 1 } }))).toBe('never opened: the handshake timed out');
    expect(describeClose(accepted({ handshake: { outcome: 'error', error: 'connect ECONNREFUSED 127.0.0.1:1', ms: 1 } }))).toBe(
      'never opened: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
