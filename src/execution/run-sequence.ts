/**
 * Runs one generated sequence against a route: fills the path, applies auth,
 * takes a slot from the pool, records the transcript and judges it.
 */
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import { fillTemplate } from '../discovery/route.js';
import { owesReply } from '../generation/graphql.js';
import type { Sequence } from '../generation/sequence.js';
import type { Judgement } from '../judgement/index.js';
import { judge } from '../judgement/index.js';
import type { Target } from '../targets/target.js';
import type { AuthParts } from './auth.js';
import { runConnection } from './connection.js';
import type { Pool } from './pool.js';
import type { Transcript } from './transcript.js';

export interface SequenceRunner {
  (
    seq: Sequence,
    mode?: { stepwise: boolean; connectionTimeoutMs?: number },
  ): Promise<{ transcript: Transcript; judgement: Judgement }>;
}

/** Frames larger than this from the server are protocol errors; generous so echo-with-prefix fits. */
export function receiveLimit(maxMessageSize: number): number {
  return Math.max(maxMessageSize * 16, 16 * 1024 * 1024);
}

function leading<T>(items: T[], test: (item: T) => boolean): number {
  const i = items.findIndex((item) => !test(item));
  return i === -1 ? items.length : i;
}

export function sequenceRunner(route: Route, target: Target, options: Options, auth: AuthParts, pool: Pool): SequenceRunner {
  const ctx = { connectionTimeoutMs: options.connectionTimeoutMs, messageTimeoutMs: options.messageTimeoutMs };
  return async (seq, mode) => {
    const transcript = await pool.run(() =>
      runConnection({
        baseUrl: target.baseUrl,
        path: fillTemplate(route.path, seq.params),
        secretQuery: auth.query,
        messages: seq.messages,
        closeCode: seq.closeCode,
        subprotocols: seq.subprotocols?.offer ?? [],
        subprotocolRequired: seq.subprotocols?.required,
        headers: auth.headers,
        connectionTimeoutMs: mode?.connectionTimeoutMs ?? options.connectionTimeoutMs,
        messageTimeoutMs: options.messageTimeoutMs,
        maxPayload: receiveLimit(options.maxMessageSize),
        traces: target.traces,
        stepwise: mode?.stepwise || seq.awaitReplies,
        replyAwaited: seq.awaitReplies ? seq.messages.map(owesReply) : undefined,
        preambleCount: seq.awaitReplies ? leading(seq.messages, owesReply) : 0,
      }),
    );
    return { transcript, judgement: judge(transcript, ctx) };
  };
}
