/**
 * Judges one transcript: the enabled checks of the registry (`checks.ts`) in order, the
 * first failure wins. Also tells
 * whether the server handled anything at all (a route that closes every
 * connection deliberately before reading a message was not tested).
 */
import type { Transcript } from '../execution/transcript.js';
import { isDeliberateCode, isRefusalCode } from './close-codes.js';
import type { JudgeContext } from './context.js';
import type { Verdict } from './failure.js';
import { firstVerdict, WEBSOCKET_CHECKS } from './checks.js';

export type { EnabledChecks, JudgeContext } from './context.js';
export type { ErrorType, Verdict } from './failure.js';

export interface Judgement {
  verdict?: Verdict;
  /**
   * Set when the server closed deliberately before reading any message of ours past the
   * protocol's opening messages (none on a plain route), or refused us (1008, 4401, ...)
   * right after reading the first one without a word back: a login step we did not pass.
   * `afterReading` is how many of our messages it had read (0 or 1).
   */
  untested?: {
    closeCode: number;
    closeReason: string;
    afterReading?: number;
    received: number;
    selectedSubprotocol: string;
    /** How long after the handshake the server closed, ms. */
    closedAfterMs?: number;
  };
}

export function judge(t: Transcript, ctx: JudgeContext): Judgement {
  const verdict = firstVerdict(WEBSOCKET_CHECKS, t, ctx, ctx.checks);
  if (verdict) return { verdict };
  const close = t.serverClose;
  const preamble = t.preambleCount ?? 0;
  // The app's own read count where the target tells it (Python: uvicorn answers pings itself,
  // so a pong does not prove the app read the message), else the pongs.
  const read = t.appReadCount ?? close?.ackedCount ?? 0;
  // Past a preamble, a refusal is a close with nothing answered (a connection_ack means init was accepted).
  const unread = close !== undefined && (read === 0 || (read <= preamble && t.received.count === 0));
  if (close?.frame && !close.answeredOurs && isDeliberateCode(close.code) && unread) {
    return {
      untested: {
        closeCode: close.code,
        closeReason: close.reason,
        received: t.received.count,
        selectedSubprotocol: t.handshake.subprotocol ?? '',
        closedAfterMs: Math.max(0, close.at - t.handshake.ms),
      },
    };
  }
  // A refusal may cross our own close (ours went out once the app stopped reading): a code
  // we did not send is still the server's own.
  const theirs = close !== undefined && (!close.answeredOurs || close.code !== t.clientClose?.code);
  if (close?.frame && theirs && isRefusalCode(close.code) && read <= 1 && t.received.count === 0) {
    return {
      untested: {
        closeCode: close.code,
        closeReason: close.reason,
        afterReading: read,
        received: t.received.count,
        selectedSubprotocol: t.handshake.subprotocol ?? '',
      },
    };
  }
  return {};
}
