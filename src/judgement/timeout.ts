/** The server stopped answering: no pong to our pings within message_timeout (RFC 6455 section 5.5.2). */
import type { Transcript } from '../execution/transcript.js';
import type { JudgeContext } from './context.js';
import { clampIndex } from './context.js';
import type { Verdict } from './failure.js';

export function checkTimeout(t: Transcript, ctx: JudgeContext): Verdict | undefined {
  if (t.stalled !== 'messages') return undefined;
  // A pong may come from the server's protocol layer while the app is stuck: where the target
  // tells how many messages the app took, the one it took last is where it stopped.
  const index = t.appReadCount !== undefined ? Math.max(0, t.appReadCount - 1) : t.ackedCount;
  return {
    errorType: 'timeout',
    message: `Server stopped answering at message ${index}: no pong within ${ctx.messageTimeoutMs} ms`,
    messageIndex: clampIndex(index, t.messages.length),
    expected: `A pong to every ping within ${ctx.messageTimeoutMs} ms`,
    actual: `${t.ackedCount} of ${t.messages.length} messages acknowledged, then silence`,
  };
}
