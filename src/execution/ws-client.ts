/**
 * One WebSocket client and its transcript: every `ws` event handled once, for a sequence
 * (`connection.ts`) and each client of a script (`run-script.ts`) alike. It records what
 * happened (the handshake and the subprotocol the server really selected, frames, pongs,
 * protocol errors, the close and who started it, the server's traces) and tells its
 * driver through `ClientEvents`; when to send, close or give up is the driver's.
 */
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { Message } from '../generation/message.js';
import { type HandledErrors, handledInFrame } from './answers.js';
import { toFrame } from '../generation/message.js';
import type { ServerTrace, TraceSource, TraceWatch } from '../targets/target.js';
import { withQuery } from './auth.js';
import { handshakeDeadline } from './handshake-deadline.js';
import { recordFrame, frameBuffer } from './preview.js';
import type { Transcript } from './transcript.js';

/** After a server trace, how long to wait for the close the server may still send. */
export const TRACE_GRACE_MS = 25;

/** The same, on a route whose protocol answers errors (answers.ts): its answer to what it logged may take a busy loop's while. */
export const ANSWER_GRACE_MS = 250;

export interface ClientPlan {
  /** `ws://127.0.0.1:PORT` */
  baseUrl: string;
  /** Path, parameters filled. */
  path: string;
  /** Query parameters added to the request only (auth): never recorded, they may hold a secret. */
  secretQuery?: Record<string, string>;
  subprotocols: string[];
  /** The server must select one of `subprotocols` (recorded for judgement). */
  subprotocolRequired?: boolean;
  /** Leading messages that open the protocol (recorded for judgement). */
  preambleCount?: number;
  /** The messages known up front (a sequence's); a script's are added as they are sent. */
  messages: Message[];
  headers: Record<string, string>;
  connectionTimeoutMs: number;
  /** Largest frame accepted from the server before it is a protocol error. */
  maxPayload: number;
  traces: TraceSource;
  /** `--ws-prelude` messages sent before `messages`: traces and read counts are counted past them. */
  preludeCount: number;
  /** The client class: a Socket.IO route's speaks its protocol under the same API (socketio-socket.ts). */
  socketClass?: typeof WebSocket;
  /** performance.now() the transcript's times count from (a script's clients: the script's start). */
  started?: number;
  /** The protocol's handled errors, counted in `handledErrors` (answers.ts). */
  answers?: HandledErrors;
  /** A text frame this accepts is kept whole as `answer` (the first one). */
  awaitAnswer?: (text: string) => boolean;
}

/** What the driver hears, each after the transcript has recorded it. */
export interface ClientEvents {
  /** The upgrade was accepted. */
  open?(): void;
  /** The upgrade was refused, failed or timed out. */
  handshakeFailed?(): void;
  /** The first server trace of this connection. */
  trace?(): void;
  /** A pong; `acked` is the new count of messages acknowledged when it raised it. */
  pong?(data: Buffer, acked: number | undefined): void;
  frame?(): void;
  /** A frame that breaks RFC 6455 (the first one). */
  protocolError?(): void;
  /** The socket closed (a close frame, a drop, or our abort); `ended` resolves with it. */
  close?(): void;
}

export class WsClient {
  readonly t: Transcript;
  /** A frame or a pong came after the first server trace: the server still answers (Nest sends {"event":"exception"}). */
  answeredSinceTrace = false;
  private readonly ws: WebSocket;
  private watch?: TraceWatch;
  private readonly started: number;
  private opened = false;
  /** We started the close while the connection was open: the server's close answers ours. */
  private closing = false;
  /** When the latest message not yet answered by a frame was sent (reply latency). */
  private lastSentAt?: number;
  readonly ended: Promise<void>;

  constructor(
    private readonly plan: ClientPlan,
    private readonly on: ClientEvents,
  ) {
    this.started = plan.started ?? performance.now();
    this.t = {
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
    let endedResolve = (): void => {};
    this.ended = new Promise<void>((r) => (endedResolve = r));
    const t = this.t;
    const ws = new (plan.socketClass ?? WebSocket)(plan.baseUrl + withQuery(plan.path, plan.secretQuery ?? {}), plan.subprotocols, {
      handshakeTimeout: plan.connectionTimeoutMs,
      perMessageDeflate: false,
      maxPayload: plan.maxPayload,
      headers: plan.headers,
      followRedirects: false,
    });
    this.ws = ws;
    // ws's handshakeTimeout is an idle timer (a trickling server resets it): this bounds the whole handshake.
    const deadline = handshakeDeadline(ws, plan.connectionTimeoutMs);
    let handshakeSettled = false;

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
        t.clientPort = port;
        this.watch = plan.traces.watch(port, (trace) => {
          // A logged exception is one the app caught and went on from (often to answer it): the
          // connection goes on too, and judgement reads the trace with the rest at the end.
          if (trace.logged || t.ackedAtFirstTrace !== undefined) return;
          t.ackedAtFirstTrace = t.ackedCount;
          this.on.trace?.();
        });
      }
    });

    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      handshakeSettled = true;
      // An app that raises before accepting is refused at the HTTP level; its trace still counts.
      const port = res.socket?.localPort;
      if (port !== undefined && !this.watch) this.watch = plan.traces.watch(port, () => {});
      t.handshake = { outcome: (res.statusCode ?? 0) >= 500 ? 'error' : 'rejected', status: res.statusCode, ms: this.now() };
      res.resume();
      ws.terminate();
      this.on.handshakeFailed?.();
    });

    ws.on('open', () => {
      this.opened = true;
      handshakeSettled = true;
      t.handshake = { outcome: 'accepted', subprotocol: t.selectedSubprotocol ?? '', ms: this.now() };
      this.on.open?.();
    });

    ws.on('error', (err: Error & { code?: string }) => {
      if (!handshakeSettled) {
        handshakeSettled = true;
        const timedOut = deadline.expired || /handshake has timed out/i.test(err.message);
        t.handshake = { outcome: timedOut ? 'timeout' : 'error', error: err.message, ms: this.now() };
        this.on.handshakeFailed?.();
        return;
      }
      if (this.opened && err.code?.startsWith('WS_ERR_') && !t.protocolError) {
        t.protocolError = { code: err.code, message: err.message };
        this.on.protocolError?.();
      }
    });

    ws.on('pong', (data: Buffer) => {
      if (t.ackedAtFirstTrace !== undefined) this.answeredSinceTrace = true;
      // A pong carrying a message's index proves the server read it (and every one before).
      const acked = data.length === 4 ? data.readUInt32BE(0) + 1 : 0;
      const raised = acked > t.ackedCount;
      if (raised) t.ackedCount = acked;
      this.on.pong?.(data, raised ? acked : undefined);
    });

    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (t.ackedAtFirstTrace !== undefined) this.answeredSinceTrace = true;
      recordFrame(t, data, isBinary, this.now(), this.lastSentAt);
      const handled = plan.answers ? handledInFrame(plan.answers, frameBuffer(data), isBinary) : 0;
      if (handled) t.handledErrors = (t.handledErrors ?? 0) + handled;
      if (plan.awaitAnswer && !isBinary && t.answer === undefined) {
        const text = frameBuffer(data).toString('utf8');
        if (plan.awaitAnswer(text)) t.answer = text;
      }
      this.lastSentAt = undefined;
      this.on.frame?.();
    });

    ws.on('close', (code: number, reason: Buffer) => {
      if (this.opened) {
        // A close code of the server's own choosing is an answer even when it crossed ours (Strawberry
        // closes 4400 on an unknown operation while our 1001 is on the wire); an echo of our code is not.
        const ownCode = !this.closing || code !== t.clientClose?.code;
        if (code !== 1006 && ownCode && plan.answers?.close?.(code)) t.handledErrors = (t.handledErrors ?? 0) + 1;
        t.serverClose = {
          code,
          reason: reason.toString('utf8'),
          frame: code !== 1006,
          at: this.now(),
          answeredOurs: this.closing,
          ackedCount: t.ackedCount,
        };
      }
      endedResolve();
      this.on.close?.();
    });
  }

  /** Milliseconds since `started`, to a tenth. */
  now(): number {
    return Math.round((performance.now() - this.started) * 10) / 10;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get isClosed(): boolean {
    return this.ws.readyState === WebSocket.CLOSED;
  }

  /** The upgrade was accepted (whatever happened since). */
  get wasOpened(): boolean {
    return this.opened;
  }

  /** We started the close while the connection was open. */
  get closeStarted(): boolean {
    return this.closing;
  }

  /** The target's watch on this connection, where it can tell when the app read our messages (Python). */
  get settle(): TraceWatch['settle'] {
    return this.watch?.settle?.bind(this.watch);
  }

  /** Sends `t.messages[i]`, then a ping carrying `i`: its pong proves the server read it. */
  send(i: number): void {
    this.lastSentAt = this.now();
    const frame = toFrame(this.t.messages[i]!);
    this.ws.send(frame.data, { binary: frame.binary }, (err) => {
      if (!err) this.t.sentCount++;
    });
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    this.ws.ping(index);
  }

  /** A `--ws-prelude` message: not one of `messages`, no ping (pongs count the generated messages only). */
  sendPrelude(message: Message): void {
    const frame = toFrame(message);
    this.ws.send(frame.data, { binary: frame.binary });
  }

  ping(data: Buffer): void {
    this.ws.ping(data);
  }

  /** Our close handshake, when the connection is open (else the server closed first; 'close' will come). */
  startClose(code: number): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    this.closing = true;
    this.t.clientClose = { code, at: this.now() };
    this.ws.close(code);
    return true;
  }

  /** Cuts the connection ourselves, so a 1006 is ours, not the server's. */
  abort(): void {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.t.abortedByClient = true;
    this.ws.terminate();
  }

  /** Once the socket is closed: the app's read count and traces, counted from the generated messages. */
  async collect(): Promise<Transcript> {
    const prelude = this.plan.preludeCount;
    const appRead = this.watch?.appRead?.();
    if (appRead !== undefined) this.t.appReadCount = Math.max(0, appRead - prelude);
    if (this.watch) this.t.serverTraces = (await this.watch.end()).map((trace) => withoutPrelude(trace, prelude));
    this.t.elapsedMs = this.now();
    return this.t;
  }
}

/** A trace's count of messages read, counted from the generated sequence (unknown when it raised in the prelude). */
function withoutPrelude(trace: ServerTrace, preludeCount: number): ServerTrace {
  if (!preludeCount || trace.receivedCount === undefined) return trace;
  const { receivedCount, ...rest } = trace;
  return receivedCount > preludeCount ? { ...rest, receivedCount: receivedCount - preludeCount } : rest;
}
