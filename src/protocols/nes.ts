/**
 * @hapi/nes: hapi's WebSocket plugin. The client's JSON messages all carry a `type` and an
 * `id`: `hello` (protocol version "2", optional `auth` and `subs`) opens the connection,
 * then `request` (a hapi route called through the socket: `method`, `path`, `payload`),
 * `message` (the app's `onMessage`), `sub` / `unsub` (a subscription path), `reauth`, and
 * `ping` (the reply to the server's heartbeat). Every reply names the request's type and id;
 * an error reply carries the HTTP `statusCode` of the Boom error and its `payload`.
 *
 * Detected on the wire: a `hello` of version "2" is answered by a `hello` of the same id with
 * the server's `heartbeat` settings and its `socket` id. An echo server sends our hello back
 * (no socket), a JSON server answers with something else.
 *
 * Sequences open with a hello (mostly), then requests to the paths the route's literals
 * name (a path literal, `/`) or made up (404), messages carrying the literals or any JSON,
 * subscriptions, pings, and a few malformed envelopes (nes answers 400).
 *
 * Handled errors: replies with a 4xx statusCode (Boom's bad request, not found, ...) or
 * 501 (no `onMessage`); a 500 is hapi's answer to a handler that threw, not one.
 */
import fc from 'fast-check';
import type { Route } from '../discovery/route.js';
import type { HandledErrors } from '../execution/answers.js';
import { jsonArb } from '../generation/json.js';
import { literalJsonArb } from '../generation/literals.js';
import type { Message } from '../generation/message.js';
import { type Sequence, sequenceArb } from '../generation/sequence.js';
import { textArb } from '../generation/text.js';
import { lastJsonObject } from './probe-reply.js';
import { jsonObjectFrame } from './json-frame.js';
import type { Probe, Protocol } from './protocol.js';
import { sequenceBase } from './sequence-base.js';

/** The protocol version nes speaks (lib/socket.js `internals.version`). */
const VERSION = '2';
const PROBE_ID = 'wsroutes';

const json = (data: fc.JsonValue): Message => ({ type: 'json', data });

const answers: HandledErrors = {
  frame(data) {
    const m = jsonObjectFrame(data);
    if (!m) return false;
    const { statusCode, payload } = m as { statusCode?: unknown; payload?: unknown };
    if (typeof statusCode !== 'number') return false;
    // A `request` reply carries the route's own status too: only an error payload is an error answer.
    const isError = (statusCode >= 400 && statusCode < 500) || statusCode === 501;
    return isError && typeof payload === 'object' && payload !== null && 'error' in payload;
  },
};

/** Whether a reply is nes' answer to our hello. */
export function isNesHello(reply: Record<string, unknown> | undefined): boolean {
  return reply?.type === 'hello' && reply.id === PROBE_ID && typeof reply.socket === 'string' && 'heartbeat' in reply;
}

export async function detectNes(route: Route, probe: Probe): Promise<Route | undefined> {
  const t = await probe({ messages: [json({ type: 'hello', version: VERSION, id: PROBE_ID })] });
  if (t.handshake.outcome !== 'accepted') return undefined;
  return isNesHello(lastJsonObject(t)) ? { ...route, protocol: 'nes' } : undefined;
}

/** Paths: the route's literals that look like paths, `/`, or made up. */
function pathArb(route: Route): fc.Arbitrary<string> {
  const literal = (route.literals?.strings ?? []).filter((s) => s.startsWith('/') && s.length <= 128);
  const made = fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
  const known = fc.constantFrom('/', ...literal);
  return fc.oneof({ weight: literal.length ? 3 : 1, arbitrary: known }, { weight: 1, arbitrary: made });
}

/** What an app reads: the route's literals, any JSON, or text. */
function valueArb(route: Route): fc.Arbitrary<fc.JsonValue> {
  const literal = literalJsonArb(route.literals);
  return fc.oneof(
    ...(literal ? [{ weight: 3, arbitrary: literal }] : []),
    { weight: 2, arbitrary: jsonArb({ maxDepth: 3 }) },
    { weight: 1, arbitrary: textArb({ maxLength: 24 }) },
  );
}

const idArb = fc.integer({ min: 1, max: 1000 });

function helloArb(route: Route): fc.Arbitrary<Message> {
  return fc
    .record(
      {
        id: idArb,
        version: fc.oneof({ weight: 6, arbitrary: fc.constant(VERSION) }, { weight: 1, arbitrary: fc.constantFrom('1', '3', '') }),
        subs: fc.array(pathArb(route), { maxLength: 2 }),
      },
      { requiredKeys: ['id', 'version'] },
    )
    .map(({ id, version, subs }) => json({ type: 'hello', id, version, ...(subs ? { subs } : {}) }));
}

function afterHelloArb(route: Route): fc.Arbitrary<Message> {
  const path = pathArb(route);
  const value = valueArb(route);
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ id: idArb, message: value }).map(({ id, message }) => json({ type: 'message', id, message })) },
    {
      weight: 3,
      arbitrary: fc
        .record(
          { id: idArb, method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), path, payload: fc.option(value, { nil: undefined }) },
          { requiredKeys: ['id', 'method', 'path'] },
        )
        .map(({ id, method, path: p, payload }) => json({ type: 'request', id, method, path: p, ...(payload !== undefined ? { payload } : {}) })),
    },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('sub', 'unsub'), idArb, path).map(([type, id, p]) => json({ type, id, path: p })) },
    { weight: 1, arbitrary: idArb.map((id) => json({ type: 'ping', id })) },
    { weight: 1, arbitrary: fc.record({ id: idArb, auth: value }).map(({ id, auth }) => json({ type: 'reauth', id, auth })) },
    { weight: 1, arbitrary: helloArb(route) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom<fc.JsonValue>({ type: 'message', message: 'no id' }, { id: 1 }, { type: 'unknown', id: 1 }, { type: 'request', id: 1 }, null).map(json),
        fc.constant<Message>({ type: 'text', data: '{' }),
      ),
    },
  );
}

/** A connection's messages: a hello first (mostly; without it nes answers 400), then the rest. */
export function nesMessagesArb(route: Route, maxMessages: number, maxMessageSize: number): fc.Arbitrary<Message[]> {
  const size = (m: Message): number => Buffer.byteLength(m.type === 'json' ? JSON.stringify(m.data) : String(m.data));
  const rest = afterHelloArb(route).filter((m) => size(m) <= maxMessageSize);
  const max = Math.max(1, maxMessages);
  return fc
    .tuple(
      fc.oneof({ weight: 8, arbitrary: helloArb(route).map((h) => [h]) }, { weight: 1, arbitrary: fc.constant<Message[]>([]) }),
      fc.array(rest, { maxLength: max }),
    )
    .map(([hello, messages]) => [...hello, ...messages].slice(0, max))
    .filter((m) => m.length > 0);
}

export const nes: Protocol = {
  name: 'nes',
  detect: detectNes,
  plan(route, options) {
    const arb = sequenceArb(route, { ...sequenceBase(options), messageList: nesMessagesArb(route, options.maxMessages, options.maxMessageSize) });
    // nes envelopes are the protocol: no JSON-to-text pass. Each request waits for its reply (generation/replies.ts), as a
    // nes client does. Scripts of several clients: subscriptions and publishes fan out.
    return { arb: arb.map((seq): Sequence => ({ ...seq, awaitReplies: true })), normalizable: false, scripts: true };
  },
  answers,
};
