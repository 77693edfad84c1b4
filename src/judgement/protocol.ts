/**
 * Frames that break RFC 6455 as the client library saw them: invalid UTF-8 in a
 * text frame (section 8.1), an invalid close code (section 7.4), a frame larger
 * than we accept, reserved bits or opcodes (section 5.2).
 */
import type { Transcript } from '../execution/transcript.js';
import { clampIndex } from './context.js';
import type { Verdict } from './failure.js';

export function checkProtocol(t: Transcript): Verdict | undefined {
  const p = t.protocolError;
  if (!p) return undefined;
  return {
    errorType: 'protocol_error',
    message: `Server sent a frame that breaks RFC 6455: ${p.message} (${p.code})`,
    messageIndex: t.messages.length ? clampIndex(t.ackedCount, t.messages.length) : null,
    expected: 'Valid WebSocket frames',
    actual: p.message,
  };
}
