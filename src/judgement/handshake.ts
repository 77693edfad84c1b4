/**
 * The opening handshake (RFC 6455 section 4.1): a 4xx is a rejection (often auth),
 * a 5xx or a broken upgrade is the server's error, no answer is a timeout. A
 * subprotocol the client never offered is a violation (section 4.2.2).
 */
import type { Transcript } from '../execution/transcript.js';
import type { JudgeContext } from './context.js';
import type { Verdict } from './failure.js';

export function checkHandshake(t: Transcript, ctx: JudgeContext): Verdict | undefined {
  const h = t.handshake;
  const base = { messageIndex: null, expected: 'Handshake to succeed (101 Switching Protocols)' };
  switch (h.outcome) {
    case 'accepted':
      return undefined;
    case 'rejected':
      return {
        ...base,
        errorType: 'handshake_rejected',
        message: `Server rejected the handshake with HTTP ${h.status}`,
        actual: `HTTP ${h.status}`,
      };
    case 'timeout':
      return {
        ...base,
        errorType: 'timeout',
        message: `No handshake answer within ${ctx.connectionTimeoutMs} ms`,
        actual: 'No answer to the upgrade request',
      };
    case 'error': {
      if (h.error && /subprotocol/i.test(h.error)) {
        return { ...base, errorType: 'subprotocol_violation', message: h.error, actual: h.error };
      }
      const what = h.status !== undefined ? `HTTP ${h.status}` : (h.error ?? 'connection failed');
      return {
        ...base,
        errorType: 'handshake_error',
        message: h.status !== undefined ? `Server failed the handshake with HTTP ${h.status}` : `Handshake failed: ${what}`,
        actual: what,
      };
    }
  }
}
