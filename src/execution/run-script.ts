/**
 * A multi-client script -> one Transcript per client, stepwise: script order is
 * execution order. Each step's effect is awaited before the next one starts: the
 * handshake for a connect (on Python also the app waiting for its first message, so a
 * room has registered the member), the pong for a send (on Python the bridge's read
 * event: the app has handled it and waits for more), the close handshake for a close.
 * Every client reads continuously; messages from other clients are only counted.
 * Each client is a `WsClient` (ws-client.ts), as a sequence's connection is; the
 * liveness rules are those of `connection.ts`: a server trace ends that client after a
 * short grace, silence for message_timeout is a stall. Each connection records the step
 * at which it first went wrong, so judgement (`judgement/script.ts`) can name the client
 * that failed first.
 */

import type { HandledErrors } from './answers.js';
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import { fillTemplate } from '../discovery/route.js';
import type { Message } from '../generation/message.js';
import { owesReply } from '../generation/replies.js';
import type { Script } from '../generation/script.js';
import type { Target, TraceSource } from '../targets/target.js';
import type { AuthParts } from './auth.js';
import type { Pool } from './pool.js';
import type { RunMode } from './run-sequence.js';
import { preludeMessages, receiveLimit, withOrigin } from './run-sequence.js';
import type { Transcript } from './transcript.js';
import { ANSWER_GRACE_MS, TRACE_GRACE_MS, WsClient } from './ws-client.js';

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
  /** The route protocol's handled errors, counted in each transcript (answers.ts). */
  answers?: HandledErrors;
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

/** The ping after a handshake (not 4 bytes long, so never read as a message's index). */
const OPEN_PING = Buffer.from('wsroutes-open');

/** One client of the script, driven a step at a time: each step's effect awaited. */
class ScriptConnection {
  /** The step during which this connection first went wrong (trace, server close, stall). */
  troubleAt?: number;
  private client?: WsClient;
  /** Times count from the script's start, for every client. */
  private readonly started = performance.now();
  private wake: () => void = () => {};
  private openPonged = false;

  constructor(
    private readonly plan: ScriptPlan,
    private readonly path: string,
    private readonly offer: string[],
    private readonly step: () => number,
  ) {}

  get open(): boolean {
    return this.client?.isOpen === true && this.client.t.ackedAtFirstTrace === undefined;
  }

  private trouble(): void {
    this.troubleAt ??= this.step();
    this.wake();
  }

  /** Resolves when `done()` holds, the connection ends, or `ms` pass (then `onTimeout`). */
  private until(done: () => boolean, ms: number, onTimeout: () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (done() || this.client?.isClosed === true || this.client?.t.ackedAtFirstTrace !== undefined) finish();
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
    const { plan } = this;
    return new Promise<void>((handshake) => {
      const client = new WsClient(
        {
          baseUrl: plan.baseUrl,
          path: this.path,
          secretQuery: plan.secretQuery,
          subprotocols: this.offer,
          messages: [],
          headers: plan.headers,
          connectionTimeoutMs: plan.connectionTimeoutMs,
          maxPayload: plan.maxPayload,
          traces: plan.traces,
          answers: plan.answers,
          preludeCount: plan.prelude?.length ?? 0,
          started: this.started,
        },
        {
          open: () => handshake(),
          handshakeFailed: () => {
            this.trouble();
            handshake();
          },
          trace: () => {
            this.trouble();
            // Longer where the protocol answers errors: the app may have logged the exception it is answering.
            // A server that still answered gets our close (as a sequence's does), not a cut it would be blamed for.
            setTimeout(
              () => {
                if (!client.answeredSinceTrace || !client.startClose(1000)) return client.abort();
                setTimeout(() => client.abort(), ANSWER_GRACE_MS);
              },
              plan.answers ? ANSWER_GRACE_MS : TRACE_GRACE_MS,
            );
          },
          pong: (data) => {
            if (data.equals(OPEN_PING)) this.openPonged = true;
            this.wake();
          },
          frame: () => this.wake(),
          protocolError: () => this.trouble(),
          close: () => {
            if (client.wasOpened && !client.closeStarted) this.trouble();
            this.wake();
          },
        },
      );
      this.client = client;
    }).then(() => this.afterHandshake());
  }

  /** The prelude, then (Python) the app waiting for its first message: a room has registered this member. */
  private async afterHandshake(): Promise<void> {
    const client = this.client!;
    if (!client.wasOpened) return;
    const prelude = this.plan.prelude ?? [];
    for (let k = 0; k < prelude.length && this.open; k++) {
      const seen = client.t.received.count;
      client.sendPrelude(prelude[k]!);
      const settle = client.settle;
      const answered = settle
        ? settle(k + 1, this.plan.messageTimeoutMs)
        : this.until(
            () => client.t.received.count > seen,
            this.plan.messageTimeoutMs,
            () => {},
          );
      await answered;
    }
    if (!this.open) return;
    const settle = client.settle;
    if (settle) return settle(prelude.length, this.plan.messageTimeoutMs);
    // Node: the 101 may reach us before the app's connection handler ran (Fastify routes the
    // upgraded request asynchronously, and may not hold messages that come before it); one
    // round trip lets it register the member and its listeners first.
    client.ping(OPEN_PING);
    await this.until(
      () => this.openPonged,
      this.plan.messageTimeoutMs,
      () => this.stall('messages'),
    );
  }

  /** false when the connection was already gone, so nothing was sent. */
  async send(message: Message, wait = true): Promise<boolean> {
    if (!this.open) return false;
    const client = this.client!;
    const i = client.t.messages.length;
    const seen = client.t.received.count;
    client.t.messages.push(message);
    client.send(i);
    if (!wait) return true;
    await this.until(
      () => client.t.ackedCount > i,
      this.plan.messageTimeoutMs,
      () => this.stall('messages'),
    );
    // A request of a protocol that answers (tRPC, nes) waits for its reply, as in a sequence (replies.ts):
    // the next step, a close above all, would make the server drop an error reply it had logged.
    if (this.open && this.plan.answers && owesReply(message)) {
      await this.until(
        () => client.t.received.count > seen,
        this.plan.messageTimeoutMs,
        () => {},
      );
    }
    const settle = client.settle;
    if (this.open && settle) await settle((this.plan.prelude?.length ?? 0) + i + 1, this.plan.messageTimeoutMs);
    return true;
  }

  /** false when the connection was already gone (or is being ended after a trace). */
  async close(code: number): Promise<boolean> {
    const client = this.client;
    if (!client?.isOpen) return false;
    if (client.t.ackedAtFirstTrace !== undefined) return false; // the grace timer ends it
    client.startClose(code);
    await this.until(
      () => false,
      this.plan.messageTimeoutMs,
      () => this.stall('close'),
    );
    // Python: the handshake is uvicorn's; the app's handler may still run (a "left the chat"
    // broadcast). Wait until it ends (or goes quiet), so its effects belong to this step.
    const settle = client.settle;
    if (settle && !client.t.stalled) await settle(Number.MAX_SAFE_INTEGER, this.plan.messageTimeoutMs);
    return true;
  }

  private stall(where: 'messages' | 'close'): void {
    this.client!.t.stalled = where;
    this.trouble();
    this.client!.abort();
  }

  /** Ends the connection if still open, then collects its traces. */
  async finish(): Promise<Transcript> {
    const client = this.client!;
    if (!client.isClosed) {
      // After a trace, the grace timer ends it: the protocol's answer to what the app logged may still be on its way.
      if (client.t.ackedAtFirstTrace === undefined) client.abort();
      await client.ended;
    }
    return client.collect();
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
export function scriptPlan(route: Route, target: Target, options: Options, auth: AuthParts, answers?: HandledErrors): ScriptPlan {
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
    answers,
  };
}

/** Records a script of the route in one pool slot per client (--concurrency bounds connections, not examples). */
export function scriptRecorder(plan: ScriptPlan, pool: Pool): (script: Script, mode?: RunMode) => Promise<ScriptRecording> {
  return (script, mode) =>
    pool.run(() => recordScript(script, { ...plan, connectionTimeoutMs: mode?.connectionTimeoutMs ?? plan.connectionTimeoutMs }), script.clients.length);
}
