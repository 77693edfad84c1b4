/**
 * A close the server started with a code that is neither deliberate nor an
 * internal error: 1002 though every frame we sent was valid, 1012-1014, or an
 * unassigned code (RFC 6455 section 7.4.1).
 */
import type { Transcript } from '../execution/transcript.js';
import { describeCode, isDeliberateCode, isInternalErrorCode } from './close-codes.js';
import { clampIndex } from './context.js';
import type { Verdict } from './failure.js';

export function checkUnexpectedClose(t: Transcript): Verdict | undefined {
  const close = t.serverClose;
  if (!close?.frame || close.answeredOurs || t.stalled) return undefined;
  if (isDeliberateCode(close.code) || isInternalErrorCode(close.code)) return undefined;
  return {
    errorType: 'unexpected_close',
    message: `Server closed the connection with ${describeCode(close.code)}${close.reason ? `: ${close.reason}` : ''}`,
    messageIndex: t.messages.length ? clampIndex(close.ackedCount, t.messages.length) : null,
    expected: 'Connection to remain open, or a deliberate close code',
    actual: `Connection closed with code ${close.code}`,
    closeCode: close.code,
    closeReason: close.reason,
  };
}
