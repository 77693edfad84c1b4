/**
 * What a Conductor client throws. Each error carries the facts a test asserts on
 * (`status`, `code`, `reason`) and says in its message what to do next.
 */

/** Base of every Conductor error, for `instanceof` in tests. */
export class ConductorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConductorError';
  }
}

/** The server answered the handshake with an HTTP status instead of 101 (RFC 6455 section 4.1). */
export class HandshakeRejectedError extends ConductorError {
  readonly status: number;
  readonly url: string;
  /** The response body, as text (often empty). */
  readonly body: string;
  constructor(url: string, status: number, body: string) {
    super(`handshake to ${url} rejected with HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.name = 'HandshakeRejectedError';
    this.url = url;
    this.status = status;
    this.body = body;
  }
}

/** The connection is closed (by either side) and no queued message is left to receive. */
export class DisconnectedError extends ConductorError {
  /** The close code (1005 when the close frame had none, 1006 when there was no close frame). */
  readonly code: number;
  readonly reason: string;
  constructor(code: number, reason: string) {
    super(`the connection is closed (code ${code}${reason ? `, reason ${JSON.stringify(reason)}` : ''}); no message left to receive`);
    this.name = 'DisconnectedError';
    this.code = code;
    this.reason = reason;
  }
}

/** The server did not complete the opening handshake within the handshake timeout. */
export class HandshakeTimeoutError extends ConductorError {
  readonly timeoutMs: number;
  constructor(url: string, timeoutMs: number) {
    super(`cannot connect to ${url}: no complete handshake within ${timeoutMs} ms`);
    this.name = 'HandshakeTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** Nothing arrived within the receive timeout. */
export class ReceiveTimeoutError extends ConductorError {
  readonly timeoutMs: number;
  constructor(what: string, timeoutMs: number) {
    super(`no ${what} message within ${timeoutMs} ms; pass a larger { timeout } if the server is slow`);
    this.name = 'ReceiveTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

export type FrameKind = 'text' | 'binary';

/** The next message is of the other kind; it stays queued for the matching receive. */
export class MessageKindError extends ConductorError {
  readonly expected: FrameKind;
  readonly received: FrameKind;
  constructor(expected: FrameKind, received: FrameKind) {
    const other = received === 'text' ? 'receiveText()' : 'receiveData()';
    super(`expected a ${expected} message but the next one is ${received}; it stays queued: receive it with ${other}`);
    this.name = 'MessageKindError';
    this.expected = expected;
    this.received = received;
  }
}

/** A message given to receiveMedia() could not be decoded (bad JSON or MessagePack). */
export class MediaDecodeError extends ConductorError {
  constructor(kind: FrameKind, cause: unknown) {
    const format = kind === 'text' ? 'JSON' : 'MessagePack';
    super(`the ${kind} message is not valid ${format}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MediaDecodeError';
  }
}
