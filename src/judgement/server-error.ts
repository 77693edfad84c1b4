/**
 * The server failed while handling our messages: it raised (a trace tied to this
 * connection), closed with an internal-error code (1011 and kin, see
 * close-codes.ts), or dropped the TCP connection without a close frame (1006,
 * RFC 6455 section 7.1.5) while we were still talking to it.
 */
import type { Transcript } from '../execution/transcript.js';
import type { ServerTrace } from '../targets/target.js';
import { describeClose } from './close-facts.js';
import { describeCode, isInternalErrorCode } from './close-codes.js';
import { clampIndex } from './context.js';
import type { Verdict } from './failure.js';
import { describeException, innermostException } from './trace-facts.js';

const EXPECTED = 'Connection to remain open';

/** The app raised while handling this connection: a server error whatever followed (even a refused handshake). */
export function checkServerTrace(t: Transcript): Verdict | undefined {
  const raised = raisedTraces(t);
  const first = raised[0];
  if (!first) return undefined;
  const n = t.messages.length;
  const close = t.serverClose;
  const closeFacts = close && (close.frame || !t.abortedByClient) ? { closeCode: close.code, closeReason: close.reason } : {};
  if (t.handshake.outcome !== 'accepted') {
    return {
      errorType: 'server_error',
      message: `Server raised during the handshake: ${raisedException(first)}`,
      messageIndex: null,
      expected: 'Handshake to succeed (101 Switching Protocols)',
      actual: t.handshake.status !== undefined ? `Server raised; HTTP ${t.handshake.status}` : 'Server raised',
      serverTrace: raised.map((s) => s.text).join('\n\n'),
    };
  }
  const index = first.receivedCount !== undefined ? first.receivedCount - 1 : (t.ackedAtFirstTrace ?? t.ackedCount);
  return {
    errorType: 'server_error',
    message: `Server raised: ${raisedException(first)}`,
    messageIndex: n ? clampIndex(index, n) : null,
    expected: EXPECTED,
    actual: close ? `Server raised; ${describeClose(t)}` : 'Server raised',
    serverTrace: raised.map((s) => s.text).join('\n\n'),
    ...(raised.some((s) => s.uncaught) ? { uncaught: true } : {}),
    ...closeFacts,
  };
}

/**
 * The traces that are the app raising: all of them, less those it only logged, one for
 * each handled error its protocol answered on the connection (a GraphQL `error` reply or
 * field error, a 44xx close, an error in a Socket.IO ack): Strawberry, Nest and friends log
 * the exception they turn into that answer. Some log every error of an operation and answer
 * only the first (Ariadne's legacy handler): a logged exception of the same type as one
 * excused is excused too. A logged exception of another type past the answers (a crash
 * logged beside an answered error) is the app raising, and one that escaped is never
 * excused.
 */
export function raisedTraces(t: Transcript): ServerTrace[] {
  let excusable = t.handledErrors ?? 0;
  if (!excusable) return t.serverTraces;
  const excusedTypes = new Set<string>();
  return t.serverTraces.filter((s) => {
    if (!s.logged) return true;
    const type = innermostException(s.text).type;
    if (excusable > 0) {
      excusable--;
      excusedTypes.add(type);
      return false;
    }
    return !excusedTypes.has(type);
  });
}

/** The server closed with an internal-error code, or dropped the connection. */
export function checkServerError(t: Transcript): Verdict | undefined {
  const n = t.messages.length;
  const close = t.serverClose;
  const closeFacts = close?.frame ? { closeCode: close.code, closeReason: close.reason } : {};
  if (!close || t.stalled) return undefined;
  if (close.frame && isInternalErrorCode(close.code)) {
    return {
      errorType: 'server_error',
      message: `Server closed the connection with ${describeCode(close.code)}${close.reason ? `: ${close.reason}` : ''}`,
      messageIndex: close.answeredOurs || !n ? null : clampIndex(close.ackedCount, n),
      expected: close.answeredOurs ? 'Close handshake to complete' : EXPECTED,
      actual: `Connection closed with code ${close.code}`,
      ...closeFacts,
    };
  }
  if (!close.frame && !close.answeredOurs) {
    return {
      errorType: 'server_error',
      message: 'Server closed connection unexpectedly (no close frame, 1006)',
      messageIndex: n ? clampIndex(close.ackedCount, n) : null,
      expected: EXPECTED,
      actual: 'TCP connection dropped without a close frame',
      closeCode: 1006,
    };
  }
  return undefined;
}

/**
 * The exception a trace reports, as "Type: message": the innermost ones of an exception
 * group (never a line of its box drawing), read from the trace's text (trace-facts.ts).
 */
function raisedException(trace: ServerTrace): string {
  const text = describeException(innermostException(trace.text));
  return (text || trace.text.trim().split('\n')[0] || 'an exception').slice(0, 300);
}
