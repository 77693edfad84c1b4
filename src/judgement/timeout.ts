/** The server stopped answering: no pong to our pings within message_timeout (RFC 6455 section 5.5.2). */
import type { Transcript } from '../execution/transcript.js';
import type { JudgeContext } from './context.js';
import { clampIndex } from './context.js';
import type { Verdict } from './failure.js';

export function checkTimeout(t: Transcript, ctx: JudgeContext): Verdict | undefined {
  if (t.stalled !== 'messages') return undefined;
  return {
    errorType: 'timeout',
    message: `Server stopped answering: no pong within ${ctx.messageTimeoutMs} ms after message ${t.ackedCount}`,
    messageIndex: clampIndex(t.ackedCount, t.messages.length),
    expected: `A pong to every ping within ${ctx.messageTimeoutMs} ms`,
    actual: `${t.ackedCount} of ${t.messages.length} messages acknowledged, then silence`,
  };
}
