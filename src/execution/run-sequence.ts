/**
 * Runs one generated sequence against a route: fills the path, applies auth (and
 * the other handshake inputs), sends the `--ws-prelude` messages first, takes a slot
 * from the pool and records the transcript. Judging it is `run/judged-runners.ts`'s.
 */
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import { fillTemplate } from '../discovery/route.js';
import { owesReply } from '../generation/replies.js';
import type { Message } from '../generation/message.js';
import type { Sequence } from '../generation/sequence.js';
import type { Target } from '../targets/target.js';
import type { HandledErrors } from './answers.js';
import type { AuthParts } from './auth.js';
import { runConnection } from './connection.js';
import { socketIoConnection } from './socketio-socket.js';
import type { Pool } from './pool.js';
import type { Transcript } from './transcript.js';

/** How one example is run: stepwise (shrinking, the reported run) or pipelined, and the handshake's limit. */
export interface RunMode {
  stepwise: boolean;
  connectionTimeoutMs?: number;
  /** A probe's question: the connection stays open until a text frame this accepts (ConnectionPlan.awaitAnswer). */
  awaitAnswer?: (text: string) => boolean;
}

export type SequenceRecorder = (seq: Sequence, mode?: RunMode) => Promise<Transcript>;

/** Frames larger than this from the server are protocol errors; generous so echo-with-prefix fits. */
export function receiveLimit(maxMessageSize: number): number {
  return Math.max(maxMessageSize * 16, 16 * 1024 * 1024);
}

/** `--ws-prelude` values as messages: JSON when the text parses as JSON, else the text itself. */
export function preludeMessages(prelude: readonly string[]): Message[] {
  return prelude.map((text): Message => {
    try {
      return { type: 'json', data: JSON.parse(text) as Extract<Message, { type: 'json' }>['data'] };
    } catch {
      return { type: 'text', data: text };
    }
  });
}

/**
 * The handshake headers with an `Origin` of the target itself, as a browser on the app's
 * own page sends it, unless the user gave one. Origin checks against cross-site
 * WebSocket hijacking (Django Channels' AllowedHostsOriginValidator, `ws`'s verifyClient)
 * refuse a handshake without one; a tutorial app must be testable as written.
 */
export function withOrigin(headers: Record<string, string>, baseUrl: string): Record<string, string> {
  if (Object.keys(headers).some((k) => k.toLowerCase() === 'origin')) return headers;
  const url = new URL(baseUrl);
  return { Origin: `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`, ...headers };
}

function leading<T>(items: T[], test: (item: T) => boolean): number {
  const i = items.findIndex((item) => !test(item));
  return i === -1 ? items.length : i;
}

/** `answers`: the route protocol's handled errors, counted in each transcript. */
export function sequenceRecorder(route: Route, target: Target, options: Options, auth: AuthParts, pool: Pool, answers?: HandledErrors): SequenceRecorder {
  const prelude = preludeMessages(options.prelude ?? []);
  const headers = withOrigin(auth.headers, target.baseUrl);
  return (seq, mode) =>
    pool.run(() =>
      runConnection({
        baseUrl: target.baseUrl,
        path: fillTemplate(route.path, seq.params),
        secretQuery: auth.query,
        messages: seq.messages,
        closeCode: seq.closeCode,
        subprotocols: seq.subprotocols?.offer ?? [],
        subprotocolRequired: seq.subprotocols?.required,
        headers,
        connectionTimeoutMs: mode?.connectionTimeoutMs ?? options.connectionTimeoutMs,
        messageTimeoutMs: options.messageTimeoutMs,
        maxPayload: receiveLimit(options.maxMessageSize),
        traces: target.traces,
        stepwise: mode?.stepwise || seq.awaitReplies,
        replyAwaited: seq.awaitReplies ? seq.messages.map(owesReply) : undefined,
        preambleCount: seq.awaitReplies ? leading(seq.messages, owesReply) : 0,
        prelude,
        answers,
        idleMs: seq.idleMs,
        ...(seq.firstFrameMs ? { firstFrameMs: seq.firstFrameMs } : {}),
        awaitAnswer: mode?.awaitAnswer,
        // A Socket.IO namespace: the engine.io endpoint, and its protocol under the ws API.
        ...(route.socketio ? socketIoConnection(route.socketio, mode?.connectionTimeoutMs ?? options.connectionTimeoutMs, headers, seq.messages) : {}),
      }),
    );
}
