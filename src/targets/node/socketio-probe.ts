/**
 * What a Socket.IO namespace's connection handlers listen to, learned the only way
 * Socket.IO tells it: connect once for real (in-process, over the WebSocket
 * transport), take the server-side socket of that connection, and read its
 * listeners (`eventNames()`, `listeners(name)`).
 *
 * Whether a handler takes an acknowledgement cannot be read from Socket.IO; it comes
 * from the handler's own source: its last parameter is an ack when the body calls it
 * (`cb(...)`, `cb?.(...)`, `cb.call(...)`) or it has a callback's conventional name.
 * A handler whose parameters cannot be read (a bound or native function, a rest
 * parameter) is taken as ack-less with no declared arity: a wrong "ack" would wait
 * out message_timeout for an answer the handler never promised.
 */
import WebSocket from 'ws';
import type { SocketIoRoute } from '../../discovery/route.js';

/** Socket.IO's lifecycle events (and `error`): listeners of these are not message handlers. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'error']);

const CALLBACK_NAME = /^(cb|callback|fn|ack|ackFn|acknowledge|acknowledgement|respond|reply|done)$/i;

/** How long a connection handler that awaits something first gets to register its listeners. */
const SETTLE_MS = 50;

export interface SocketLike {
  eventNames(): Array<string | symbol>;
  listeners(event: string): unknown[];
}

export interface HandlerSignature {
  /** Data parameters, the ack excluded; undefined when the parameters cannot be read. */
  args?: number;
  ack: boolean;
}

export type NamespaceEvents = { events: string[] } & Pick<SocketIoRoute, 'acks' | 'args'>;

/** The parameter list and body of a function's source, split at top-level commas. */
function parameters(source: string): { params: string[]; body: string } | undefined {
  const text = source.replace(/^async\s+/, '').trimStart();
  const single = /^([A-Za-z_$][\w$]*)\s*=>/.exec(text);
  if (single) return { params: [single[1]!], body: text.slice(single[0].length) };
  const open = text.indexOf('(');
  if (open === -1) return undefined;
  const params: string[] = [];
  let depth = 0;
  let current = '';
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') {
        current += ch + (text[++i] ?? '');
        continue;
      }
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ')') {
      if (depth === 0) {
        if (current.trim()) params.push(current.trim());
        return { params, body: text.slice(i + 1) };
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      params.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  return undefined;
}

const escapeRe = (s: string): string => s.replace(/[$]/g, '\\$');

/** The ack and data arity a listener declares, read from its source. */
export function handlerSignature(listener: unknown): HandlerSignature {
  if (typeof listener !== 'function') return { ack: false };
  const parsed = parameters(Function.prototype.toString.call(listener));
  if (!parsed || /\[native code\]/.test(parsed.body)) return { ack: false };
  const { params, body } = parsed;
  if (params.some((p) => p.startsWith('...'))) return { ack: false };
  const last = params.length ? /^([A-Za-z_$][\w$]*)\s*(?:=|$)/.exec(params[params.length - 1]!)?.[1] : undefined;
  const name = last ? escapeRe(last) : undefined;
  const called = name !== undefined && new RegExp(`(^|[^\\w$.])${name}\\s*(\\?\\.\\s*)?\\(|(^|[^\\w$.])${name}\\s*\\.\\s*(call|apply)\\s*\\(`).test(body);
  const ack = last !== undefined && (called || CALLBACK_NAME.test(last));
  return { ack, args: ack ? params.length - 1 : params.length };
}

/** Events, ack-taking events and declared arities of the listeners on a server-side socket. */
export function socketEvents(socket: SocketLike): NamespaceEvents {
  const events: string[] = [];
  const acks: string[] = [];
  const args: Record<string, number> = {};
  for (const name of socket.eventNames()) {
    if (typeof name !== 'string' || RESERVED.has(name)) continue;
    events.push(name);
    const signatures = socket.listeners(name).map(handlerSignature);
    if (signatures.some((s) => s.ack)) acks.push(name);
    const known = signatures.map((s) => s.args).filter((n): n is number => n !== undefined);
    if (known.length) args[name] = Math.max(...known);
  }
  return { events, acks, args };
}

/**
 * Joins namespace `name` through the engine.io endpoint at `url`, then reads the listeners
 * its connection handlers put on our socket, found by the sid the server answered with
 * (`40/nsp,{"sid":...}`; the handlers have run by the time that packet arrives).
 * Undefined when the namespace refuses us (a middleware wanting auth, a name no dynamic
 * namespace accepts) or does not answer within `timeoutMs`.
 */
export async function probeNamespace(
  name: string,
  url: string,
  socketOf: (sid: string) => SocketLike | undefined,
  timeoutMs: number,
): Promise<NamespaceEvents | undefined> {
  const joined = `40${name === '/' ? '' : `${name},`}`;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  try {
    const sid = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const settle = (value: string | undefined): void => {
        clearTimeout(timer);
        resolve(value);
      };
      ws.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        if (text.startsWith('0')) ws.send(joined);
        else if (text.startsWith(joined)) settle(sidOf(text.slice(joined.length)));
        else if (text.startsWith(`44${joined.slice(2)}`)) settle(undefined);
      });
      ws.on('error', () => settle(undefined));
      ws.on('close', () => settle(undefined));
    });
    if (sid === undefined) return undefined;
    // A connection handler that awaits something first may still be on its way to socket.on().
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const socket = socketOf(sid);
    return socket ? socketEvents(socket) : { events: [], acks: [], args: {} };
  } finally {
    ws.terminate();
  }
}

function sidOf(json: string): string | undefined {
  try {
    const sid = (JSON.parse(json) as { sid?: unknown }).sid;
    return typeof sid === 'string' ? sid : undefined;
  } catch {
    return undefined;
  }
}
