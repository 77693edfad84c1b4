/**
 * A deadline for the whole opening handshake of a `ws` client. ws's own
 * `handshakeTimeout` is an idle timer on the upgrade request: each byte the server
 * sends resets it, so a server that trickles its 101 answer one header byte a second
 * holds a connection (and a run) for as long as it likes. This timer runs from the
 * moment the socket is created and ends it when it has not opened in time.
 */
import WebSocket from 'ws';

export interface HandshakeDeadline {
  /** True once the deadline ended the handshake. */
  readonly expired: boolean;
  /** Ends a pending handshake now (a stopping caller), without marking it expired. */
  abort(): void;
}

export function handshakeDeadline(ws: WebSocket, ms: number): HandshakeDeadline {
  let expired = false;
  const end = (): void => {
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  };
  const timer = setTimeout(() => {
    if (ws.readyState !== WebSocket.CONNECTING) return;
    expired = true;
    end();
  }, ms);
  const cancel = (): void => clearTimeout(timer);
  ws.once('open', cancel);
  ws.once('close', cancel);
  return {
    get expired() {
      return expired;
    },
    abort: () => {
      cancel();
      end();
    },
  };
}
