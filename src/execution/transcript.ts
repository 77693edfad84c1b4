/**
 * What happened on one connection, recorded by `connection.ts` and read by the
 * judgement checks. Plain data: checks are pure functions over it.
 */
import type { Message } from '../generation/message.js';
import type { ServerTrace } from '../targets/target.js';

export interface ReceivedFrame {
  type: 'text' | 'bytes';
  /** Printable preview, cut to a few hundred characters. */
  preview: string;
  /** Milliseconds since the connection started. */
  at: number;
}

export interface Transcript {
  /** Path and query we connected to (no host). */
  url: string;
  /** Our TCP port, once the server answered the upgrade: how a late server trace finds this connection. */
  clientPort?: number;
  offeredSubprotocols: string[];
  /** The server must select one of the offered subprotocols (a configured rule). */
  subprotocolRequired?: boolean;
  /** The Sec-WebSocket-Protocol header of the 101 answer, as sent, even when the client then refused it. */
  selectedSubprotocol?: string;
  handshake: {
    outcome: 'accepted' | 'rejected' | 'error' | 'timeout';
    /** HTTP status of a refused upgrade. */
    status?: number;
    /** Network-level error text (ECONNRESET, ...). */
    error?: string;
    /** Subprotocol the server selected ('' when none). */
    subprotocol?: string;
    ms: number;
  };
  /**
   * How many leading messages open the protocol (GraphQL's connection_init): a deliberate
   * close after only these means the server refused us, not that it handled our messages.
   */
  preambleCount?: number;
  /** The messages of the sequence, in order. */
  messages: Message[];
  /** How many were written to the socket. */
  sentCount: number;
  /** How many the server had read (pong to the ping that followed each one). */
  ackedCount: number;
  received: { count: number; bytes: number; last?: ReceivedFrame };
  /** Reply latencies, ms: from the latest message sent to the next frame received (one per answered send). */
  replyMs?: number[];
  /** The close we started, if we got that far. */
  clientClose?: { code: number; at: number };
  /** How the connection ended from the server's side. */
  serverClose?: {
    code: number;
    reason: string;
    /** false when the TCP connection ended without a close frame (1006). */
    frame: boolean;
    at: number;
    /** true when it answered our close, false when the server started it. */
    answeredOurs: boolean;
    /** ackedCount when it came. */
    ackedCount: number;
  };
  /** A frame from the server that broke RFC 6455, as the client library saw it. */
  protocolError?: { code: string; message: string };
  /** How many of our messages the app itself had taken, where the target can tell (Python). */
  appReadCount?: number;
  /** We cut the connection ourselves (after a server trace or a stall), so a 1006 is ours, not the server's. */
  abortedByClient?: boolean;
  /** Where the server went silent for message_timeout. */
  stalled?: 'messages' | 'close';
  serverTraces: ServerTrace[];
  /**
   * Server frames and closes the route's protocol reads as handled errors (answers: see
   * answers.ts); absent when there were none.
   */
  handledErrors?: number;
  /**
   * The first text frame that satisfied the connection's `awaitAnswer` (a probe's question:
   * GraphQL's introspection result), in full; absent when none came.
   */
  answer?: string;
  /** ackedCount when the first server trace arrived. */
  ackedAtFirstTrace?: number;
  elapsedMs: number;
}
