/**
 * Subprotocol negotiation (RFC 6455 section 4.1, client step 6, and 4.2.2): the
 * server may select one of the offered subprotocols or none; selecting one that was
 * not offered fails the connection. With a configured rule that says `required`,
 * selecting none is a violation too.
 */
import type { Transcript } from '../execution/transcript.js';
import type { Verdict } from './failure.js';

const offered = (t: Transcript): string => (t.offeredSubprotocols.length ? t.offeredSubprotocols.join(', ') : 'none');

export function checkSubprotocol(t: Transcript): Verdict | undefined {
  const h = t.handshake;
  const base = { errorType: 'subprotocol_violation' as const, messageIndex: null };
  if (h.outcome === 'error' && h.error && /subprotocol/i.test(h.error)) {
    const selected = t.selectedSubprotocol;
    return {
      ...base,
      message: selected !== undefined ? `Server selected subprotocol "${selected}", which the client did not offer (offered: ${offered(t)})` : h.error,
      expected: t.offeredSubprotocols.length ? `One of the offered subprotocols (${offered(t)}), or none` : 'No subprotocol (none was offered)',
      actual: selected !== undefined ? `Sec-WebSocket-Protocol: ${selected}` : h.error,
    };
  }
  if (h.outcome === 'accepted' && t.subprotocolRequired && t.offeredSubprotocols.length && !h.subprotocol) {
    return {
      ...base,
      message: `Server selected no subprotocol, though one of ${offered(t)} is required`,
      expected: `One of the offered subprotocols (${offered(t)})`,
      actual: 'No Sec-WebSocket-Protocol in the answer',
    };
  }
  return undefined;
}
