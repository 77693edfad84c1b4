/**
 * The opening handshake (RFC 6455 section 4.1): a 4xx is a rejection (often auth),
 * a 5xx or a broken upgrade is the server's error. No answer is a `timeout`
 * (timeout.ts); a subprotocol the client never offered is a `subprotocol_violation`
 * (subprotocol.ts, section 4.2.2).
 */
import type { Transcript } from '../execution/transcript.js';
import type { Verdict } from './failure.js';

const EXPECTED = 'Handshake to succeed (101 Switching Protocols)';

/** The upgrade was answered with a 4xx. */
export function checkHandshakeRejected(t: Transcript): Verdict | undefined {
  const h = t.handshake;
  if (h.outcome !== 'rejected') return undefined;
  return {
    errorType: 'handshake_rejected',
    message: `Server rejected the handshake with HTTP ${h.status}`,
    messageIndex: null,
    expected: EXPECTED,
    actual: `HTTP ${h.status}`,
  };
}

/** The upgrade was answered with a 5xx, or failed on the wire (a refused subprotocol is subprotocol.ts's). */
export function checkHandshakeError(t: Transcript): Verdict | undefined {
  const h = t.handshake;
  if (h.outcome !== 'error' || (h.error && /subprotocol/i.test(h.error))) return undefined;
  const what = h.status !== undefined ? `HTTP ${h.status}` : (h.error ?? 'connection failed');
  return {
    errorType: 'handshake_error',
    message: h.status !== undefined ? `Server failed the handshake with HTTP ${h.status}` : `Handshake failed: ${what}`,
    messageIndex: null,
    expected: EXPECTED,
    actual: what,
  };
}
