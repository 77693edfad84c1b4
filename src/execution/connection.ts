/**
 * One sequence on one socket -> a Transcript. Liveness comes from the protocol,
 * not from waiting: every message is followed by a ping carrying its index, and
 * the pong proves the server read it (RFC 6455 section 5.5.2 makes the pong
 * mandatory). A silent server therefore costs one round trip, not a timeout;
 * only a server that stops answering pings or our close waits out
 * `messageTimeoutMs`. Pipelined mode sends everything at once (fast, for
 * exploration); stepwise mode sends message i+1 only after pong i, so a server
 * that raises while handling a message is caught at exactly that index (for
 * shrinking and the reported run). The socket and what it records are `ws-client.ts`'s;
 * this drives it. Nothing here judges: checks read the Transcript.
 */
import type WebSocket from 'ws';
import type { Message } from '../generation/message.js';
import type { TraceSource } from '../targets/target.js';
import type { HandledErrors } from './answers.js';
import type { Transcript } from './transcript.js';
import { ANSWER_GRACE_MS, TRACE_GRACE_MS, WsClient } from './ws-client.js';

export interface ConnectionPlan {
  /** `ws://127.0.0.1:PORT` */
  baseUrl: string;
  /** Path, parameters filled. */
  path: string;
  /** Query parameters added to the request only (auth): never recorded, they may hold a secret. */
  secretQuery?: Record<string, string>;
  messages: Message[];
  closeCode: number;
  subprotocols: string[];
  /** The server must select one of `subprotocols`. */
  subprotocolRequired?: boolean;
  headers: Record<string, string>;
  connectionTimeoutMs: number;
  messageTimeoutMs: number;
  /** Largest frame accepted from the server before it is a protocol error. */
  maxPayload: number;
  traces: TraceSource;
  /** Wait for each pong before the next message. */
  stepwise?: boolean;
  /**
   * Stepwise only: after message i with replyAwaited[i], the next waits for a frame from the
   * server (GraphQL's connection_ack) or, failing that, message_timeout; silence is not judged.
   */
  replyAwaited?: boolean[];
  /** Leading messages that open the protocol (recorded for judgement). */
  preambleCount?: number;
  /** The client class: a Socket.IO route's speaks its protocol under the same API (socketio-socket.ts). */
  socketClass?: typeof WebSocket;
  /**
   * `--ws-prelude`: sent first, one at a time, each waiting for a frame from the server
   * (or, where the target can tell, until the app has read it and waits for more; at most
   * message_timeout). Silence is not judged, and they are not part of `messages`: the
   * transcript's counts and indexes are those of the generated sequence.
   */
  prelude?: Message[];
  /** The route protocol's handled errors, counted in the transcript (answers.ts). */
  answers?: HandledErrors;
  /** With no messages: how long to wait for the server to close on its own before our close. */
  idleMs?: number;
  /**
   * With no messages: before closing, wait this long at most for the server's first frame.
   * A protocol probe: an Engine.IO server speaks first, and our close must not cross its
   * open packet.
   */
  firstFrameMs?: number;
  /**
   * A probe's question: once every message is read, the connection stays open until a text
   * frame this accepts arrives (kept as `Transcript.answer`), or message_timeout passes.
   */
  awaitAnswer?: (text: string) => boolean;
}

/** After a trace, how long a server that still answered gets to complete our close handshake. */
const CLOSE_AFTER_TRACE_MS = 250;

export function runConnection(plan: ConnectionPlan): Promise<Transcript> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    /** received.count when each message was sent, and the message waiting for a reply. */
    const receivedAtSend: number[] = [];
    let waitingToSend: number | undefined;
    /** The prelude message waiting for its answer. */
    let preludeWaiting: number | undefined;
    /** `firstFrameMs`: no frame yet, and our close waits for one. */
    let waitingFirstFrame = false;
    /** Every message was read; the close waits for the answer `awaitAnswer` accepts. */
    let answerAwaited = false;
    const preludeCount = plan.prelude?.length ?? 0;

    const arm = (ms: number, onFire: () => void): void => {
      clearTimeout(timer);
      timer = setTimeout(onFire, ms);
    };

    const client = new WsClient(
      {
        baseUrl: plan.baseUrl,
        path: plan.path,
        secretQuery: plan.secretQuery,
        subprotocols: plan.subprotocols,
        subprotocolRequired: plan.subprotocolRequired,
        preambleCount: plan.preambleCount,
        messages: plan.messages,
        headers: plan.headers,
        connectionTimeoutMs: plan.connectionTimeoutMs,
        maxPayload: plan.maxPayload,
        traces: plan.traces,
        answers: plan.answers,
        awaitAnswer: plan.awaitAnswer,
        preludeCount,
        socketClass: plan.socketClass,
      },
      {
        open: () => (preludeCount ? sendPrelude(0) : sendMessages()),
        // The server raised: it may never answer again. Give it a moment to close, then stop (longer where the
        // protocol has handled errors: the app may have logged the exception it is answering, on a busy loop).
        trace: () => arm(plan.answers ? ANSWER_GRACE_MS : TRACE_GRACE_MS, () => endAfterTrace()),
        pong: (_data, acked) => {
          if (acked === undefined || t.ackedAtFirstTrace !== undefined) return;
          if (plan.stepwise && plan.replyAwaited?.[acked - 1] && t.received.count <= receivedAtSend[acked - 1]!) {
            // Our close waits for the answer too: it would cross a refusal (4403) in flight.
            waitingToSend = acked;
            return arm(plan.messageTimeoutMs, () => sendAwaited());
          }
          if (acked >= plan.messages.length) return plan.awaitAnswer ? awaitAnswer() : settleThenClose();
          if (plan.stepwise) send(acked);
          arm(plan.messageTimeoutMs, () => stall('messages'));
        },
        frame: () => {
          if (waitingFirstFrame) {
            waitingFirstFrame = false;
            startClose();
          }
          if (preludeWaiting !== undefined && !client.settle) preludeAnswered(preludeWaiting);
          if (waitingToSend !== undefined) sendAwaited();
          if (answerAwaited && t.answer !== undefined) {
            answerAwaited = false;
            startClose();
          }
        },
        close: () => void finish(),
      },
    );
    const t = client.t;

    function sendMessages(): void {
      if (plan.messages.length === 0) {
        if (plan.firstFrameMs) return awaitFirstFrame(plan.firstFrameMs);
        if (!plan.idleMs) return startClose();
        return arm(plan.idleMs, () => (client.isOpen ? startClose() : undefined));
      }
      if (plan.stepwise) send(0);
      else plan.messages.forEach((_m, i) => send(i));
      arm(plan.messageTimeoutMs, () => stall('messages'));
    }

    /** Prelude message k, then its answer; no ping: pongs count the generated messages only. */
    function sendPrelude(k: number): void {
      preludeWaiting = k;
      client.sendPrelude(plan.prelude![k]!);
      arm(plan.messageTimeoutMs, () => preludeAnswered(k));
      // Python: the app read it and waits for the next one, so it has answered if it ever will.
      // (Only one settle at a time, so a frame does not cut it short there.)
      const settle = client.settle;
      if (settle) void settle(k + 1, plan.messageTimeoutMs).then(() => preludeAnswered(k));
    }

    function preludeAnswered(k: number): void {
      if (preludeWaiting !== k) return;
      preludeWaiting = undefined;
      if (t.ackedAtFirstTrace !== undefined) return; // the app raised: its grace timer ends the connection
      clearTimeout(timer);
      if (!client.isOpen) return;
      if (k + 1 < preludeCount) sendPrelude(k + 1);
      else sendMessages();
    }

    function send(i: number): void {
      receivedAtSend[i] = t.received.count;
      client.send(i);
    }

    /** The reply came (or never will): send the message that waited for it. */
    function sendAwaited(): void {
      const i = waitingToSend;
      waitingToSend = undefined;
      if (i === undefined || !client.isOpen || t.ackedAtFirstTrace !== undefined) return;
      if (i >= plan.messages.length) return plan.awaitAnswer ? awaitAnswer() : settleThenClose();
      send(i);
      arm(plan.messageTimeoutMs, () => stall('messages'));
    }

    /**
     * `firstFrameMs`: close once the server has sent a frame, or after `ms`. Not once the app
     * waits for messages: its own first frame may still be queued behind that wait.
     */
    function awaitFirstFrame(ms: number): void {
      if (t.received.count > 0) return startClose();
      waitingFirstFrame = true;
      const close = (): void => {
        if (!waitingFirstFrame) return;
        waitingFirstFrame = false;
        startClose();
      };
      arm(ms, close);
    }

    /** Every message was read: close once the awaited answer is here, else when it comes (or message_timeout). */
    function awaitAnswer(): void {
      if (t.answer !== undefined) return startClose();
      answerAwaited = true;
      arm(plan.messageTimeoutMs, () => {
        answerAwaited = false;
        startClose();
      });
    }

    /** Lets the app handle everything we sent before our close reaches it, where the target can tell. */
    function settleThenClose(): void {
      const settle = client.settle;
      if (!settle) return startClose();
      clearTimeout(timer);
      void settle(preludeCount + plan.messages.length, plan.messageTimeoutMs).then(startClose);
    }

    function startClose(): void {
      if (!client.startClose(plan.closeCode)) return; // the server closed first; 'close' will come
      arm(plan.messageTimeoutMs, () => stall('close'));
    }

    function stall(where: 'messages' | 'close'): void {
      t.stalled = where;
      client.abort();
    }

    /**
     * The grace after a trace is over and the server has not closed: a server that still
     * answers gets our close handshake (it did not stop answering, so it is not cut off
     * as if it had); one that went silent is cut.
     */
    function endAfterTrace(): void {
      if (client.answeredSinceTrace && client.isOpen) {
        startClose();
        // It raised: a pong already on its way proves little (a `ws` receiver a handler threw
        // out of stops reading), so it gets a short while to answer our close, not message_timeout.
        arm(CLOSE_AFTER_TRACE_MS, () => client.abort());
        return;
      }
      client.abort();
    }

    async function finish(): Promise<void> {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(await client.collect());
    }
  });
}
