/**
 * One sequence on one socket -> a Transcript. Liveness comes from the protocol,
 * not from waiting: every message is followed by a ping carrying its index, and
 * the pong proves the server read it (RFC 6455 section 5.5.2 makes the pong
 * mandatory). A silent server therefore costs one round trip, not a timeout;
 * only a server that stops answering pings or our close waits out
 * `messageTimeoutMs`. Pipelined mode sends everything at once (fast, for
 * exploration); stepwise mode sends message i+1 only after pong i, so a server
 * that raises while handling a message is caught at exactly that index (for
 * shrinking and the reported run). Nothing here judges: checks read the Transcript.
 */
import WebSocket from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Message } from '../generation/message.js';
import { toFrame } from '../generation/message.js';
import type { ServerTrace, TraceSource, TraceWatch } from '../targets/target.js';
import type { Transcript } from './transcript.js';
import { withQuery } from './auth.js';
import { recordFrame } from './preview.js';
import { handshakeDeadline } from './handshake-deadline.js';

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
}

/** A trace's count of messages read, counted from the generated sequence (unknown when it raised in the prelude). */
function withoutPrelude(trace: ServerTrace, preludeCount: number): ServerTrace {
  if (!preludeCount || trace.receivedCount === undefined) return trace;
  const { receivedCount, ...rest } = trace;
  return receivedCount > preludeCount ? { ...rest, receivedCount: receivedCount - preludeCount } : rest;
}

/** After a server trace, how long to wait for the close the server may still send. */
const TRACE_GRACE_MS = 25;

/** After a trace, how long a server that still answered gets to complete our close handshake. */
const CLOSE_AFTER_TRACE_MS = 250;

export function runConnection(plan: ConnectionPlan): Promise<Transcript> {
  return new Promise((resolve) => {
    const started = performance.now();
    const now = (): number => Math.round((performance.now() - started) * 10) / 10;
    const t: Transcript = {
      url: plan.path,
      offeredSubprotocols: plan.subprotocols,
      ...(plan.subprotocolRequired ? { subprotocolRequired: true } : {}),
      ...(plan.preambleCount ? { preambleCount: plan.preambleCount } : {}),
      handshake: { outcome: 'error', ms: 0 },
      messages: plan.messages,
      sentCount: 0,
      ackedCount: 0,
      received: { count: 0, bytes: 0 },
      serverTraces: [],
      elapsedMs: 0,
    };
    let opened = false;
    let handshakeSettled = false;
    let closeStartedWhileOpen = false;
    /** A frame or a pong came after the first server trace: the server still answers (Nest sends {"event":"exception"}). */
    let answeredSinceTrace = false;
    let watch: TraceWatch | undefined;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    /** received.count when each message was sent, and the message waiting for a reply. */
    const receivedAtSend: number[] = [];
    /** When the latest message not yet answered by a frame was sent (reply latency). */
    let lastSentAt: number | undefined;
    let waitingToSend: number | undefined;
    /** The prelude message waiting for its answer. */
    let preludeWaiting: number | undefined;
    const preludeCount = plan.prelude?.length ?? 0;

    const arm = (ms: number, onFire: () => void): void => {
      clearTimeout(timer);
      timer = setTimeout(onFire, ms);
    };

    const ws = new (plan.socketClass ?? WebSocket)(plan.baseUrl + withQuery(plan.path, plan.secretQuery ?? {}), plan.subprotocols, {
      handshakeTimeout: plan.connectionTimeoutMs,
      perMessageDeflate: false,
      maxPayload: plan.maxPayload,
      headers: plan.headers,
      followRedirects: false,
    });
    // ws's handshakeTimeout is an idle timer (a trickling server resets it): this bounds the whole handshake.
    const deadline = handshakeDeadline(ws, plan.connectionTimeoutMs);

    ws.on('upgrade', (res: IncomingMessage) => {
      // Emitted before the client checks the answer, so a refused subprotocol is still recorded.
      const selected = res.headers['sec-websocket-protocol'];
      if (selected !== undefined) t.selectedSubprotocol = selected;
      else if (plan.subprotocols.length) {
        // RFC 6455 section 4.1 lets the server select none of the offered subprotocols, but ws 8
        // then fails the handshake ("Server sent no subprotocol"). Hand ws an offered one so the
        // connection goes on; the transcript keeps what the server really answered (nothing).
        res.headers['sec-websocket-protocol'] = plan.subprotocols[0];
      }
      const port = res.socket.localPort;
      if (port !== undefined) {
        watch = plan.traces.watch(port, () => {
          if (t.ackedAtFirstTrace !== undefined) return;
          t.ackedAtFirstTrace = t.ackedCount;
          // The server raised: it may never answer again. Give it a moment to close, then stop.
          arm(TRACE_GRACE_MS, () => endAfterTrace());
        });
      }
    });

    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      handshakeSettled = true;
      // An app that raises before accepting is refused at the HTTP level; its trace still counts.
      const port = res.socket?.localPort;
      if (port !== undefined && !watch) watch = plan.traces.watch(port, () => {});
      t.handshake = { outcome: (res.statusCode ?? 0) >= 500 ? 'error' : 'rejected', status: res.statusCode, ms: now() };
      res.resume();
      ws.terminate();
    });

    ws.on('open', () => {
      opened = true;
      handshakeSettled = true;
      t.handshake = { outcome: 'accepted', subprotocol: t.selectedSubprotocol ?? '', ms: now() };
      if (preludeCount) return sendPrelude(0);
      sendMessages();
    });

    function sendMessages(): void {
      if (plan.messages.length === 0) return startClose();
      if (plan.stepwise) send(0);
      else plan.messages.forEach((_m, i) => send(i));
      arm(plan.messageTimeoutMs, () => stall('messages'));
    }

    /** Prelude message k, then its answer; no ping: pongs count the generated messages only. */
    function sendPrelude(k: number): void {
      preludeWaiting = k;
      const frame = toFrame(plan.prelude![k]!);
      ws.send(frame.data, { binary: frame.binary });
      arm(plan.messageTimeoutMs, () => preludeAnswered(k));
      // Python: the app read it and waits for the next one, so it has answered if it ever will.
      // (Only one settle at a time, so a frame does not cut it short there.)
      if (watch?.settle) void watch.settle(k + 1, plan.messageTimeoutMs).then(() => preludeAnswered(k));
    }

    function preludeAnswered(k: number): void {
      if (preludeWaiting !== k) return;
      preludeWaiting = undefined;
      if (t.ackedAtFirstTrace !== undefined) return; // the app raised: its grace timer ends the connection
      clearTimeout(timer);
      if (ws.readyState !== WebSocket.OPEN) return;
      if (k + 1 < preludeCount) sendPrelude(k + 1);
      else sendMessages();
    }

    ws.on('pong', (data: Buffer) => {
      if (t.ackedAtFirstTrace !== undefined) answeredSinceTrace = true;
      if (data.length !== 4) return;
      const acked = data.readUInt32BE(0) + 1;
      if (acked <= t.ackedCount) return;
      t.ackedCount = acked;
      if (t.ackedAtFirstTrace !== undefined) return;
      if (plan.stepwise && plan.replyAwaited?.[acked - 1] && t.received.count <= receivedAtSend[acked - 1]!) {
        // Our close waits for the answer too: it would cross a refusal (4403) in flight.
        waitingToSend = acked;
        return arm(plan.messageTimeoutMs, () => sendAwaited());
      }
      if (acked >= plan.messages.length) return settleThenClose();
      if (plan.stepwise) send(acked);
      arm(plan.messageTimeoutMs, () => stall('messages'));
    });

    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (t.ackedAtFirstTrace !== undefined) answeredSinceTrace = true;
      recordFrame(t, data, isBinary, now(), lastSentAt);
      lastSentAt = undefined;
      if (preludeWaiting !== undefined && !watch?.settle) preludeAnswered(preludeWaiting);
      if (waitingToSend !== undefined) sendAwaited();
    });

    ws.on('error', (err: Error & { code?: string }) => {
      if (!handshakeSettled) {
        handshakeSettled = true;
        const timedOut = deadline.expired || /handshake has timed out/i.test(err.message);
        t.handshake = { outcome: timedOut ? 'timeout' : 'error', error: err.message, ms: now() };
        return;
      }
      if (opened && err.code?.startsWith('WS_ERR_') && !t.protocolError) {
        t.protocolError = { code: err.code, message: err.message };
      }
    });

    ws.on('close', (code: number, reason: Buffer) => {
      if (opened) {
        t.serverClose = {
          code,
          reason: reason.toString('utf8'),
          frame: code !== 1006,
          at: now(),
          answeredOurs: closeStartedWhileOpen,
          ackedCount: t.ackedCount,
        };
      }
      void finish();
    });

    function send(i: number): void {
      receivedAtSend[i] = t.received.count;
      lastSentAt = now();
      const frame = toFrame(plan.messages[i]!);
      ws.send(frame.data, { binary: frame.binary }, (err) => {
        if (!err) t.sentCount++;
      });
      const index = Buffer.alloc(4);
      index.writeUInt32BE(i);
      ws.ping(index);
    }

    /** The reply came (or never will): send the message that waited for it. */
    function sendAwaited(): void {
      const i = waitingToSend;
      waitingToSend = undefined;
      if (i === undefined || ws.readyState !== WebSocket.OPEN || t.ackedAtFirstTrace !== undefined) return;
      if (i >= plan.messages.length) return settleThenClose();
      send(i);
      arm(plan.messageTimeoutMs, () => stall('messages'));
    }

    /** Lets the app handle everything we sent before our close reaches it, where the target can tell. */
    function settleThenClose(): void {
      if (!watch?.settle) return startClose();
      clearTimeout(timer);
      void watch.settle(preludeCount + plan.messages.length, plan.messageTimeoutMs).then(startClose);
    }

    function startClose(): void {
      if (ws.readyState !== WebSocket.OPEN) return; // the server closed first; 'close' will come
      closeStartedWhileOpen = true;
      t.clientClose = { code: plan.closeCode, at: now() };
      ws.close(plan.closeCode);
      arm(plan.messageTimeoutMs, () => stall('close'));
    }

    function stall(where: 'messages' | 'close'): void {
      t.stalled = where;
      abort();
    }

    /**
     * The grace after a trace is over and the server has not closed: a server that still
     * answers gets our close handshake (it did not stop answering, so it is not cut off
     * as if it had); one that went silent is cut.
     */
    function endAfterTrace(): void {
      if (answeredSinceTrace && ws.readyState === WebSocket.OPEN) {
        startClose();
        // It raised: a pong already on its way proves little (a `ws` receiver a handler threw
        // out of stops reading), so it gets a short while to answer our close, not message_timeout.
        arm(CLOSE_AFTER_TRACE_MS, () => abort());
        return;
      }
      abort();
    }

    function abort(): void {
      if (ws.readyState === WebSocket.CLOSED) return;
      t.abortedByClient = true;
      ws.terminate();
    }

    async function finish(): Promise<void> {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const appRead = watch?.appRead?.();
      if (appRead !== undefined) t.appReadCount = Math.max(0, appRead - preludeCount);
      if (watch) t.serverTraces = (await watch.end()).map((trace) => withoutPrelude(trace, preludeCount));
      t.elapsedMs = now();
      resolve(t);
    }
  });
}
