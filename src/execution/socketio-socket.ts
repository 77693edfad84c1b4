/**
 * A `ws` client that speaks Socket.IO underneath the WebSocket API connection.ts
 * drives, so a Socket.IO namespace runs through the same execution, liveness and
 * judgement as any route. Seen from connection.ts:
 *
 * - `open` comes once the namespace is joined: the engine.io open packet (`0{...}`),
 *   our `40/nsp,`, the server's `40{"sid":...}`. A `connect_error` (`44`, a middleware
 *   said no) becomes a deliberate close 4403 before any message was read, so a
 *   namespace that refuses every connection is skipped with the reason, as a route
 *   that needs auth is; no answer within the connection timeout is a handshake timeout.
 * - A sent frame `["event", ...args]` (an emit message, see generation/socketio.ts) goes
 *   out as `42/nsp,ID["event",...args]`, with an ack id when the emit asks for one (a
 *   handler that takes an ack gets emits with and without), and as `45N-...` followed by its N binary attachments when it has bytes
 *   arguments; any other value (a `--ws-prelude` text, say) as `socket.send(value)`
 *   does, an emit of `message`.
 * - The pong after message i stands for "the server handled it": for an emit with an
 *   ack it is held until the ack (`43/nsp,ID[...]`) arrives (later pongs wait behind
 *   it, they are cumulative). A handler that takes an ack and never calls it
 *   therefore stalls the connection for message_timeout, a `timeout` at that message
 *   ("no reply it owes"), and one that throws is caught at exactly that index.
 * - engine.io pings (`2`) are answered (`3`) here and never surface; events and acks
 *   from the server surface as received messages (counted, shown as last response).
 */
import WebSocket from 'ws';
import type { SocketIoRoute } from '../discovery/route.js';
import type { Message } from '../generation/message.js';
import { attachmentsOf, emitOf } from '../generation/socketio.js';
import { decodeFrame, encodeConnect, encodeEvent, encodePong, engineIoPath, SIO } from './socketio-framing.js';

export interface SocketIoPlan {
  namespace: string;
  /** Events whose handler takes an acknowledgement: their emits carry an ack id. */
  acks: ReadonlySet<string>;
  /** For the Socket.IO handshake after the upgrade (open packet, namespace connect). */
  handshakeTimeoutMs: number;
  /** The CONNECT packet's payload (`socket.handshake.auth` on the server). */
  auth?: Record<string, string>;
  /** The generated sequence, for whether each emit asks for an ack and its binary attachments (a frame carries only the JSON). */
  messages?: Message[];
}

/**
 * How long our close waits after an emit that asked for no ack. Its pong comes when the
 * server read the frame, before Socket.IO runs the handler (on the next tick, and Nest's
 * pipeline awaits on): closing at once would cut off what the handler still sends (an
 * `exception` event answering with an error) and leave only the error it logged.
 */
export const CLOSE_AFTER_UNACKED_MS = 20;

/** The close that stands for a refused namespace (Socket.IO `connect_error`). */
export const CONNECT_ERROR_CLOSE = 4403;

interface State {
  phase: 'engine' | 'namespace' | 'open' | 'refused';
  nextAckId: number;
  /** The ack id of the frame just sent, until the ping that follows it names its message. */
  unboundAck?: number;
  /** Message index by the ack id its emit carries, until the ack arrives (prelude emits have none). */
  pendingAcks: Map<number, number>;
  /** Pongs not yet passed on, in order: the head waits for its message's ack. */
  heldPongs: Buffer[];
  /** Generated messages before this index have been sent. */
  generatedFrom: number;
  /** An emit without an ack went out: its handler may still be answering. */
  unacked?: boolean;
  timer?: NodeJS.Timeout;
}

type Send = (data: unknown, options?: unknown, cb?: unknown) => void;

/**
 * What a connection to a Socket.IO namespace uses instead of the route's path and the
 * plain client. A bearer token among the handshake headers (`--auth bearer:TOKEN`) is
 * also offered as the namespace's `auth` payload, `{ token }`, which is where the
 * Socket.IO docs' clients put it (`io({ auth: { token } })`) and their middleware reads it.
 */
export function socketIoConnection(
  sio: SocketIoRoute,
  handshakeTimeoutMs: number,
  headers: Record<string, string> = {},
  messages: Message[] = [],
): { path: string; socketClass: typeof WebSocket } {
  const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const token = authorization !== undefined ? /^Bearer\s+(.+)$/i.exec(authorization)?.[1] : undefined;
  return {
    path: engineIoPath(sio.endpoint),
    socketClass: socketIoSocketClass({
      namespace: sio.namespace,
      acks: new Set(sio.acks),
      handshakeTimeoutMs,
      messages,
      auth: token === undefined ? undefined : { token },
    }),
  };
}

/** A WebSocket class bound to one connection's plan, for `ConnectionPlan.socketClass`. */
export function socketIoSocketClass(plan: SocketIoPlan): typeof WebSocket {
  class SocketIoSocket extends WebSocket {
    // Assigned after super(): ws emits nothing before the constructor returns.
    private sio?: State;

    // ws's overloads (one takes a null address) accept what connection.ts passes: forward it as is.
    constructor(...args: unknown[]) {
      super(...(args as [string, string[], WebSocket.ClientOptions]));
      this.sio = { phase: 'engine', nextAckId: 0, pendingAcks: new Map(), heldPongs: [], generatedFrom: 0 };
    }

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      const s = this.sio;
      if (!s) return super.emit(event, ...args);
      switch (event) {
        case 'open':
          s.timer = setTimeout(() => this.handshakeTimedOut(), plan.handshakeTimeoutMs);
          return true; // the namespace is not joined yet
        case 'message':
          return this.onFrame(s, args[0] as Buffer, args[1] === true);
        case 'pong':
          s.heldPongs.push(args[0] as Buffer);
          this.releasePongs(s);
          return true;
        case 'close':
          clearTimeout(s.timer);
          break;
      }
      return super.emit(event, ...args);
    }

    override send(data: unknown, options?: unknown, cb?: unknown): void {
      const s = this.sio;
      const send = super.send.bind(this) as Send;
      if (!s) return send(data, options, cb);
      const callback = (typeof options === 'function' ? options : cb) as ((err?: Error) => void) | undefined;
      s.unboundAck = undefined;
      if (s.phase !== 'open') return callback?.(new Error('the Socket.IO namespace is not joined'));
      const binary = typeof options === 'object' && options !== null && (options as { binary?: boolean }).binary === true;
      if (binary || typeof data !== 'string') return send(data, options, cb);
      const [event, ...args] = emitData(data);
      const generated = this.generatedFor(s, data);
      // A generated emit says whether it asks for an ack (an ack event is emitted without one
      // too); anything else (a prelude) asks when the event's handler takes one.
      const marked = generated ? emitOf(generated) : undefined;
      let ackId: number | undefined;
      if (marked ? marked.ack : plan.acks.has(event)) {
        ackId = s.nextAckId++;
        s.unboundAck = ackId;
      } else s.unacked = true;
      const attachments = generated ? attachmentsOf(generated) : [];
      send(encodeEvent(plan.namespace, [event, ...args], ackId, attachments.length), { binary: false }, attachments.length ? undefined : callback);
      attachments.forEach((a, k) =>
        send(Buffer.from(a.buffer, a.byteOffset, a.byteLength), { binary: true }, k === attachments.length - 1 ? callback : undefined),
      );
    }

    /** The generated message whose JSON `text` is, the next one in order (none for a prelude). */
    private generatedFor(s: State, text: string): Message | undefined {
      const messages = plan.messages ?? [];
      for (let k = s.generatedFrom; k < messages.length; k++) {
        const m = messages[k]!;
        if (m.type !== 'json' || JSON.stringify(m.data) !== text) continue;
        s.generatedFrom = k + 1;
        return m;
      }
      return undefined;
    }

    /** Our close, a moment late after an emit without an ack (CLOSE_AFTER_UNACKED_MS). */
    override close(code?: number, data?: string | Buffer): void {
      const s = this.sio;
      if (s?.phase !== 'open' || !s.unacked) return super.close(code, data);
      s.unacked = false;
      setTimeout(() => super.close(code, data), CLOSE_AFTER_UNACKED_MS);
    }

    /** connection.ts pings right after each generated message with its index: the emit's ack is bound to it. */
    override ping(data?: unknown, mask?: boolean, cb?: (err: Error) => void): void {
      const s = this.sio;
      if (s?.phase === 'refused') return;
      if (s?.unboundAck !== undefined && Buffer.isBuffer(data) && data.length === 4) {
        s.pendingAcks.set(s.unboundAck, data.readUInt32BE(0));
        s.unboundAck = undefined;
      }
      super.ping(data, mask, cb);
    }

    private onFrame(s: State, data: Buffer, isBinary: boolean): boolean {
      const frame = isBinary ? { kind: 'other' as const } : decodeFrame(data.toString('utf8'));
      const send = (text: string): void => super.send(text);
      switch (frame.kind) {
        case 'open':
          if (s.phase === 'engine') {
            s.phase = 'namespace';
            send(encodeConnect(plan.namespace, plan.auth));
          }
          return true;
        case 'ping':
          send(encodePong(frame.data));
          return true;
        case 'pong':
        case 'close':
          return true;
        case 'packet': {
          const p = frame.packet;
          if (p.namespace !== plan.namespace) return true;
          if (s.phase === 'namespace' && p.type === SIO.connect) {
            s.phase = 'open';
            clearTimeout(s.timer);
            return super.emit('open');
          }
          if (s.phase === 'namespace' && p.type === SIO.connectError) return this.refused(s, p.data);
          if ((p.type === SIO.ack || p.type === SIO.binaryAck) && p.id !== undefined && s.pendingAcks.has(p.id)) {
            s.pendingAcks.delete(p.id);
            const surfaced = super.emit('message', data, isBinary);
            this.releasePongs(s);
            return surfaced;
          }
          if (p.type === SIO.disconnect) {
            // The server disconnected us from the namespace (socket.disconnect()): its deliberate end.
            super.emit('message', data, isBinary);
            super.close(1000, 'io server disconnect');
            return true;
          }
          break;
        }
        case 'other':
          break;
      }
      return s.phase === 'open' ? super.emit('message', data, isBinary) : true;
    }

    /** Passes on the held pongs, in order, up to the first whose message still waits for its ack. */
    private releasePongs(s: State): void {
      const waiting = new Set(s.pendingAcks.values());
      while (s.heldPongs.length > 0) {
        const head = s.heldPongs[0]!;
        if (head.length === 4 && waiting.has(head.readUInt32BE(0))) return;
        s.heldPongs.shift();
        super.emit('pong', head);
      }
    }

    /** connect_error: the namespace refused us. Shown as a deliberate close before any message was read. */
    private refused(s: State, data: unknown): boolean {
      s.phase = 'refused';
      clearTimeout(s.timer);
      const message = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
      const reason = `connect_error${typeof message === 'string' ? `: ${message}` : ''}`;
      super.emit('open');
      if (this.readyState === WebSocket.OPEN) super.close(CONNECT_ERROR_CLOSE, truncateUtf8(reason, 123));
      return true;
    }

    private handshakeTimedOut(): void {
      super.emit('error', new Error(`Socket.IO handshake has timed out (no namespace connect within ${plan.handshakeTimeoutMs} ms)`));
      this.terminate();
    }
  }
  return SocketIoSocket;
}

/** `["event", ...args]` from a JSON text; any other text or value is the argument of a `message` emit. */
function emitData(text: string): [string, ...unknown[]] {
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // plain text
  }
  if (Array.isArray(value) && typeof value[0] === 'string') return value as [string, ...unknown[]];
  return ['message', value];
}

/** A close reason fits in 123 bytes (RFC 6455 section 5.5). */
function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}
