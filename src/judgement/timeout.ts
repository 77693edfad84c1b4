/**
 * The server stopped answering: no answer to the upgrade within connection_timeout, or no
 * pong to our pings within message_timeout (RFC 6455 section 5.5.2).
 */
import type { Transcript } from '../execution/transcript.js';
import type { JudgeContext } from './context.js';
import { clampIndex } from './context.js';
import type { Verdict } from './failure.js';

export function checkTimeout(t: Transcript, ctx: JudgeContext): Verdict | undefined {
  if (t.handshake.outcome === 'timeout') {
    return {
      errorType: 'timeout',
      message: `No handshake answer within ${ctx.connectionTimeoutMs} ms`,
      messageIndex: null,
      expected: 'Handshake to succeed (101 Switching Protocols)',
      actual: 'No answer to the upgrade request',
    };
  }
  if (t.stalled !== 'messages') return undefined;
  // A pong may come from the server's protocol layer while the app is stuck: where the target
  // tells how many messages the app took, the one it took last is where it stopped.
  const index = t.appReadCount !== undefined ? Math.max(0, t.appReadCount - 1) : t.ackedCount;
  // A Socket.IO emit asking for an ack is answered by the ack (its pong waits for it).
  const ackEmit = t.messages[index] as { emit?: { ack?: boolean }; data?: unknown } | undefined;
  if (t.appReadCount === undefined && ackEmit?.emit?.ack === true && Array.isArray(ackEmit.data)) {
    return {
      errorType: 'timeout',
      message: `No acknowledgement of emit ${JSON.stringify(ackEmit.data[0])} (message ${index}) within ${ctx.messageTimeoutMs} ms: its handler takes an ack and did not call it`,
      messageIndex: clampIndex(index, t.messages.length),
      expected: `The handler's acknowledgement within ${ctx.messageTimeoutMs} ms`,
      actual: `${t.ackedCount} of ${t.messages.length} emits handled, then no acknowledgement`,
    };
  }
  return {
    errorType: 'timeout',
    message: `Server stopped answering at message ${index}: no pong within ${ctx.messageTimeoutMs} ms`,
    messageIndex: clampIndex(index, t.messages.length),
    expected: `A pong to every ping within ${ctx.messageTimeoutMs} ms`,
    actual: `${t.ackedCount} of ${t.messages.length} messages acknowledged, then silence`,
  };
}
