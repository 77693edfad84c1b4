/**
 * Socket.IO packets on engine.io framing, as they travel over the WebSocket
 * transport (engine.io protocol v4, Socket.IO protocol v5): one engine.io packet
 * per WebSocket frame, a type digit first (`0` open, `1` close, `2` ping, `3` pong,
 * `4` message), and a message carries one Socket.IO packet: a type digit
 * (`0` CONNECT, `1` DISCONNECT, `2` EVENT, `3` ACK, `4` CONNECT_ERROR,
 * `5`/`6` binary EVENT/ACK), then `N-` attachments, `/nsp,` unless the namespace
 * is `/`, an ack id, and the JSON payload. `42/admin,7["join","x"]` is an emit of
 * `join` to `/admin` asking for ack 7. Written here rather than with socket.io-parser
 * so wsroutes needs no Socket.IO package at run time.
 */

/** The engine.io endpoint's query for a WebSocket connection without polling first. */
export const ENGINE_IO_QUERY = 'EIO=4&transport=websocket';

/** Socket.IO packet types. */
export const SIO = { connect: 0, disconnect: 1, event: 2, ack: 3, connectError: 4, binaryEvent: 5, binaryAck: 6 } as const;
export type SioType = (typeof SIO)[keyof typeof SIO];

/** One decoded frame from the server. */
export type EngineFrame =
  | { kind: 'open'; pingInterval?: number; pingTimeout?: number }
  | { kind: 'close' }
  | { kind: 'ping'; data: string }
  | { kind: 'pong' }
  | { kind: 'packet'; packet: SioPacket }
  | { kind: 'other' };

export interface SioPacket {
  type: SioType;
  namespace: string;
  id?: number;
  /** The JSON payload, undefined when there is none or it does not parse. */
  data?: unknown;
}

/** The URL path of an engine.io endpoint (`/socket.io/`) for a WebSocket connection. */
export function engineIoPath(endpoint: string): string {
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return `${base}?${ENGINE_IO_QUERY}`;
}

function nspPrefix(namespace: string): string {
  return namespace === '/' || namespace === '' ? '' : `${namespace},`;
}

/** Joins a namespace: `40` for `/`, `40/admin,` for others. */
export function encodeConnect(namespace: string, auth?: unknown): string {
  return `40${nspPrefix(namespace)}${auth === undefined ? '' : JSON.stringify(auth)}`;
}

/**
 * An emit: `42/nsp,ID["event",...args]`; `ackId` is left out when no ack is asked for.
 * With binary attachments it is a BINARY_EVENT, `45N-/nsp,ID[...]`, whose JSON holds
 * placeholders; the N attachments follow as binary frames.
 */
export function encodeEvent(namespace: string, data: unknown[], ackId?: number, attachments = 0): string {
  const head = attachments > 0 ? `45${attachments}-` : '42';
  return `${head}${nspPrefix(namespace)}${ackId ?? ''}${JSON.stringify(data)}`;
}

/** The engine.io answer to a server ping (`2` -> `3`, with the ping's data, as engine.io-client does). */
export function encodePong(pingData: string): string {
  return `3${pingData}`;
}

export function decodeFrame(frame: string): EngineFrame {
  switch (frame[0]) {
    case '0': {
      const open = parseJson(frame.slice(1)) as { pingInterval?: unknown; pingTimeout?: unknown } | undefined;
      return {
        kind: 'open',
        pingInterval: typeof open?.pingInterval === 'number' ? open.pingInterval : undefined,
        pingTimeout: typeof open?.pingTimeout === 'number' ? open.pingTimeout : undefined,
      };
    }
    case '1':
      return { kind: 'close' };
    case '2':
      return { kind: 'ping', data: frame.slice(1) };
    case '3':
      return { kind: 'pong' };
    case '4': {
      const packet = decodePacket(frame.slice(1));
      return packet ? { kind: 'packet', packet } : { kind: 'other' };
    }
    default:
      return { kind: 'other' };
  }
}

/** A Socket.IO packet (the text after the engine.io `4`); undefined when it is not one. */
export function decodePacket(text: string): SioPacket | undefined {
  const m = /^([0-6])(?:\d+-)?(\/[^,]*,)?(\d+)?/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  return {
    type: Number(m[1]) as SioType,
    namespace: m[2] ? m[2].slice(0, -1) : '/',
    ...(m[3] !== undefined ? { id: Number(m[3]) } : {}),
    ...(rest ? { data: parseJson(rest) } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
