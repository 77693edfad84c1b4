/**
 * A multi-client script -> one Transcript per client, stepwise: script order is
 * execution order. Each step's effect is awaited before the next one starts: the
 * handshake for a connect (on Python also the app waiting for its first message, so a
 * room has registered the member), the pong for a send (on Python the bridge's read
 * event: the app has handled it and waits for more), the close handshake for a close.
 * Every client reads continuously; messages from other clients are only counted.
 * The liveness rules are those of `connection.ts`: a server trace ends that client
 * after a short grace, silence for message_timeout is a stall. Each connection records
 * the step at which it first went wrong, so judgement (`judgement/script.ts`) can name
 * the client that failed first.
 */

import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import { fillTemplate } from '../discovery/route.js';
import type { Message } from '../generation/message.js';
import { toFrame } from '../generation/message.js';
import type { Script } from '../generation/script.js';
import type { Target, TraceSource, TraceWatch } from '../targets/target.js';
import type { AuthParts } from './auth.js';
import { withQuery } from './auth.js';
import { handshakeDeadline } from './handshake-deadline.js';
import type { Pool } from './pool.js';
import { recordFrame } from './preview.js';
import type { RunMode } from './run-sequence.js';
import { preludeMessages, receiveLimit, withOrigin } from './run-sequence.js';
import type { Transcript } from './transcript.js';

export interface ScriptPlan {
  baseUrl: string;
  /** The route template; each client fills it with its params. */
  template: string;
  secretQuery?: Record<string, string>;
  headers: Record<string, string>;
  connectionTimeoutMs: number;
  messageTimeoutMs: number;
  maxPayload: number;
  traces: TraceSource;
  /** `--ws-prelude`, sent by every client right after its handshake, each waiting for an answer. */
  prelude?: Message[];
}

export interface ScriptRecording {
  /** One per client that connected, in client order (a client whose connect never ran has none). */
  transcripts: Transcript[];
  /** The client of each transcript. */
  clients: number[];
  /** Per transcript: the step during which its connection first went wrong (trace, server close, stall), if it did. */
  troubleAt: Array<number | undefined>;
  /** Steps that did nothing: a send or close on a connection already gone. */
  skippedSteps: number[];
}

/** After a server trace, how long to wait for the close the server may still send (as connection.ts). */
const TRACE_GRACE_MS = 25;

/** The ping after a handshake (not 4 bytes long, so never read as a message's index). */
const OPEN_PING = Buffer.from('wsroutes-open');

/** One client's connection, driven a step at a time. */
class ScriptConnection {
  readonly t: Transcript;
  /** The step during which this connection first went wrong (trace, server close, stall). */
  troubleAt?: number;
  private ws?: WebSocket;
  private watch?: TraceWatch;
  private opened = false;
  private closing = false;
  private ended?: Promise<void>;
  private endedResolve = (): void => {};
  private started = performance.now();
  private wake: () => void = () => {};
  private lastSentAt?: number;
  private openPonged = false;

  constructor(
    private readonly plan: ScriptPlan,
    private readonly path: string,
    private readonly offer: string[],
    private readonly step: () => number,
  ) {
    this.t = {
      url: path,
      offeredSubprotocols: offer,
      handshake: { outcome: 'error', ms: 0 },
      messages: [],
      sentCount: 0,
      ackedCount: 0,
      received: { count: 0, bytes: 0 },
      serverTraces: [],
      elapsedMs: 0,
    };
  }

  private now(): number {
    return Math.round((performance.now() - this.started) * 10) / 10;
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.t.ackedAtFirstTrace === undefined;
  }

  private trouble(): void {
    this.troubleAt ??= this.step();
    this.wake();
  }

  /** Resolves when `done()` holds, the connection ends, or `ms` pass (then `onTimeout`). */
  private until(done: () => boolean, ms: number, onTimeout: () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (done() || this.ws?.readyState === WebSocket.CLOSED || this.t.ackedAtFirstTrace !== undefined) finish();
      };
      const timer = setTimeout(() => {
        onTimeout();
        finish();
      }, ms);
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = () => {};
        resolve();
      };
      this.wake = check;
      check();
    });
  }

  connect(): Promise<void> {
    this.ended = new Promise<void>((r) => (this.endedResolve = r));
    const { plan } = this;
    const ws = new WebSocket(plan.baseUrl + withQuery(this.path, plan.secretQuery ?? {}), this.offer, {
      handshakeTimeout: plan.connectionTimeoutMs,
      perMessageDeflate: false,
      maxPayload: plan.maxPayload,
      headers: plan.headers,
      followRedirects: false,
    });
    this.ws = ws;
    const deadline = handshakeDeadline(ws, plan.connectionTimeoutMs);
    let settled = false;
    const handshake = new Promise<void>((resolve) => {
      ws.on('upgrade', (res: IncomingMessage) => {
        const selected = res.headers['sec-websocket-protocol'];
        if (selected !== undefined) this.t.selectedSubprotocol = selected;
        else if (this.offer.length) res.headers['sec-websocket-protocol'] = this.offer[0];
        const port = res.socket.localPort;
        if (port !== undefined) {
          this.watch = plan.traces.watch(port, () => {
            if (this.t.ackedAtFirstTrace !== undefined) return;
            this.t.ackedAtFirstTrace = this.t.ackedCount;
            this.trouble();
            setTimeout(() => this.abort(), TRACE_GRACE_MS);
          });
        }
      });
      ws.on('unexpected-response', (_req, res: IncomingMessage) => {
        settled = true;
        const port = res.socket?.localPort;
        if (port !== undefined && !this.watch) this.watch = plan.traces.watch(port, () => {});
        this.t.handshake = { outcome: (res.statusCode ?? 0) >= 500 ? 'error' : 'rejected', status: res.statusCode, ms: this.now() };
        this.trouble();
        res.resume();
        ws.terminate();
        resolve();
      });
      ws.on('open', () => {
        settled = true;
        this.opened = true;
        this.t.handshake = { outcome: 'accepted', subprotocol: this.t.selectedSubprotocol ?? '', ms: this.now() };
        resolve();
      });
      ws.on('error', (err: Error & { code?: string }) => {
        if (!settled) {
          settled = true;
          const timedOut = deadline.expired || /handshake has timed out/i.test(err.message);
          this.t.handshake = { outcome: timedOut ? 'timeout' : 'error', error: err.message, ms: this.now() };
          this.trouble();
          return resolve();
        }
        if (this.opened && err.code?.startsWith('WS_ERR_') && !this.t.protocolError) {
          this.t.protocolError = { code: err.code, message: err.message };
          this.trouble();
        }
      });
    });
    ws.on('pong', (data: Buffer) => {
      if (data.equals(OPEN_PING)) this.openPonged = true;
      this.wake();
      if (data.length !== 4) return;
      this.t.ackedCount = Math.max(this.t.ackedCount, data.readUInt32BE(0) + 1);
      this.wake();
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      recordFrame(this.t, data, isBinary, this.now(), this.lastSentAt);
      this.lastSentAt = undefined;
      this.wake();
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (this.opened) {
        this.t.serverClose = {
          code,
          reason: reason.toString('utf8'),
          frame: code !== 1006,
          at: this.now(),
          answeredOurs: this.closing,
          ackedCount: this.t.ackedCount,
        };
        if (!this.closing) this.trouble();
      }
      this.endedResolve();
      this.wake();
    });
    return handshake.then(() => this.afterHandshake());
  }

  /** The prelude, then (Python) the app waiting for its first message: a room has registered this member. */
  private async afterHandshake(): Promise<void> {
    if (!this.opened) return;
    const prelude = this.plan.prelude ?? [];
    for (let k = 0; k < prelude.length && this.open; k++) {
      const seen = this.t.received.count;
      const frame = toFrame(prelude[k]!);
      this.ws!.send(frame.data, { binary: frame.binary });
      const answered = this.watch?.settle
        ? this.watch.settle(k + 1, this.plan.messageTimeoutMs)
        : this.until(
            () => this.t.received.count > seen,
            this.plan.messageTimeoutMs,
            () => {},
          );
      await answered;
    }
    if (!this.open) return;
    if (this.watch?.settle) return this.watch.settle(prelude.length, this.plan.messageTimeoutMs);
    // Node: the 101 may reach us before the app's connection handler ran (Fastify routes the
    // upgraded request asynchronously, and may not hold messages that come before it); one
    // round trip lets it register the member and its listeners first.
    this.ws!.ping(OPEN_PING);
    await this.until(
      () => this.openPonged,
      this.plan.messageTimeoutMs,
      () => this.stall('messages'),
    );
  }

  /** false when the connection was already gone, so nothing was sent. */
  async send(message: Message, wait = true): Promise<boolean> {
    if (!this.open) return false;
    const ws = this.ws!;
    const i = this.t.messages.length;
    this.t.messages.push(message);
    this.lastSentAt = this.now();
    const frame = toFrame(message);
    ws.send(frame.data, { binary: frame.binary }, (err) => {
      if (!err) this.t.sentCount++;
    });
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    ws.ping(index);
    if (!wait) return true;
    await this.until(
      () => this.t.ackedCount > i,
      this.plan.messageTimeoutMs,
      () => this.stall('messages'),
    );
    if (this.open && this.watch?.settle) await this.watch.settle((this.plan.prelude?.length ?? 0) + i + 1, this.plan.messageTimeoutMs);
    return true;
  }

  /** false when the connection was already gone (or is being ended after a trace). */
  async close(code: number): Promise<boolean> {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    if (this.t.ackedAtFirstTrace !== undefined) return false; // the grace timer ends it
    this.closing = true;
    this.t.clientClose = { code, at: this.now() };
    this.ws.close(code);
    await this.until(
      () => false,
      this.plan.messageTimeoutMs,
      () => this.stall('close'),
    );
    // Python: the handshake is uvicorn's; the app's handler may still run (a "left the chat"
    // broadcast). Wait until it ends (or goes quiet), so its effects belong to this step.
    if (this.watch?.settle && !this.t.stalled) await this.watch.settle(Number.MAX_SAFE_INTEGER, this.plan.messageTimeoutMs);
    return true;
  }

  private stall(where: 'messages' | 'close'): void {
    this.t.stalled = where;
    this.trouble();
    this.abort();
  }

  private abort(): void {
    if (!this.ws || this.ws.readyState === WebSocket.CLOSED) return;
    this.t.abortedByClient = true;
    this.ws.terminate();
  }

  /** Ends the connection if still open, then collects its traces. */
  async finish(): Promise<Transcript> {
    if (this.ws && this.ws.readyState !== WebSocket.CLOSED) {
      this.abort();
      await this.ended;
    }
    const prelude = this.plan.prelude?.length ?? 0;
    const appRead = this.watch?.appRead?.();
    if (appRead !== undefined) this.t.appReadCount = Math.max(0, appRead - prelude);
    if (this.watch) this.t.serverTraces = await this.watch.end();
    if (prelude) {
      this.t.serverTraces = this.t.serverTraces.map((trace) => {
        if (trace.receivedCount === undefined) return trace;
        const { receivedCount, ...rest } = trace;
        return receivedCount > prelude ? { ...rest, receivedCount: receivedCount - prelude } : rest;
      });
    }
    this.t.elapsedMs = this.now();
    return this.t;
  }
}

/**
 * `pipelined` (exploration): a client's consecutive sends go out at once and only the last
 * one's pong (or read) is awaited before another step, as a sequence is sent; shrinking
 * runs stepwise, so the reported step is exact.
 */
export async function recordScript(script: Script, plan: ScriptPlan, opts: { pipelined?: boolean } = {}): Promise<ScriptRecording> {
  let current = 0;
  const conns = script.clients.map((c) => new ScriptConnection(plan, fillTemplate(plan.template, c.params), c.subprotocols?.offer ?? [], () => current));
  const connected = new Set<number>();
  const skippedSteps: number[] = [];
  for (; current < script.steps.length; current++) {
    const step = script.steps[current]!;
    const conn = conns[step.client]!;
    let ran = true;
    if (step.action === 'connect') {
      connected.add(step.client);
      await conn.connect();
    } else if (step.action === 'send') {
      const next = script.steps[current + 1];
      const more = opts.pipelined === true && next?.action === 'send' && next.client === step.client;
      ran = await conn.send(step.message!, !more);
    } else ran = await conn.close(step.code ?? 1000);
    if (!ran) skippedSteps.push(current);
  }
  current = Math.max(0, script.steps.length - 1);
  const clients = [...connected].sort((a, b) => a - b);
  const transcripts = await Promise.all(clients.map((c) => conns[c]!.finish()));
  return { transcripts, clients, troubleAt: clients.map((c) => conns[c]!.troubleAt), skippedSteps };
}

/** The route's script plan: its template, handshake inputs and limits, as `sequenceRecorder` uses them. */
export function scriptPlan(route: Route, target: Target, options: Options, auth: AuthParts): ScriptPlan {
  return {
    baseUrl: target.baseUrl,
    template: route.path,
    secretQuery: auth.query,
    headers: withOrigin(auth.headers, target.baseUrl),
    connectionTimeoutMs: options.connectionTimeoutMs,
    messageTimeoutMs: options.messageTimeoutMs,
    maxPayload: receiveLimit(options.maxMessageSize),
    traces: target.traces,
    prelude: preludeMessages(options.prelude ?? []),
  };
}

/** Records a script of the route in one pool slot per client (--concurrency bounds connections, not examples). */
export function scriptRecorder(plan: ScriptPlan, pool: Pool): (script: Script, mode?: RunMode) => Promise<ScriptRecording> {
  return (script, mode) =>
    pool.run(() => recordScript(script, { ...plan, connectionTimeoutMs: mode?.connectionTimeoutMs ?? plan.connectionTimeoutMs }), script.clients.length);
}
