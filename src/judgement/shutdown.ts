/**
 * Our close handshake (RFC 6455 section 7.1.2 and 5.5.1): the server must answer
 * our Close with a Close, echoing our code, 1000, or no code at all.
 */
import type { Transcript } from '../execution/transcript.js';
import type { JudgeContext } from './context.js';
import { describeCode, isDeliberateCode, isInternalErrorCode } from './close-codes.js';
import type { Verdict } from './failure.js';

export function checkShutdown(t: Transcript, ctx: JudgeContext): Verdict | undefined {
  const ours = t.clientClose;
  if (!ours) return undefined;
  const expected = `Close frame answering ours (code ${ours.code})`;
  const base = { errorType: 'shutdown_error' as const, messageIndex: null, expected };
  if (t.stalled === 'close') {
    return {
      ...base,
      message: `Server did not complete the close handshake within ${ctx.messageTimeoutMs} ms (we sent ${ours.code})`,
      actual: 'No close frame',
    };
  }
  const close = t.serverClose;
  if (!close?.answeredOurs) return undefined;
  if (!close.frame) {
    return {
      ...base,
      message: `Server dropped the connection instead of answering our close (${ours.code})`,
      actual: 'TCP connection ended without a close frame',
      closeCode: 1006,
    };
  }
  // A deliberate code may be the server's own close crossing ours in flight (RFC 6455
  // section 7.1.3 allows both ends to close at once), so only other codes are wrong answers.
  if (close.code === 1005 || isDeliberateCode(close.code) || isInternalErrorCode(close.code)) return undefined;
  return {
    ...base,
    message: `Server answered our close ${ours.code} with ${describeCode(close.code)}`,
    actual: `Close code ${close.code}`,
    closeCode: close.code,
    closeReason: close.reason,
  };
}
