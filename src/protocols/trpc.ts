/**
 * tRPC over WebSocket (`applyWSSHandler` / `getWSConnectionHandler` of @trpc/server): JSON
 * requests `{ id, method: 'query'|'mutation'|'subscription', params: { path, input } }`,
 * `{ id, method: 'subscription.stop' }` (or batches of them in one array), and replies
 * `{ id, result }` or `{ id, error: { message, code, data } }`.
 *
 * Detected on the wire: a query for a path no router has is answered by an error of the
 * same id whose JSON-RPC code is tRPC's NOT_FOUND (-32004, with `data.code` "NOT_FOUND"). An echo server sends our request
 * back (no `error`), a JSON chat or an error-everything server answers without our id or
 * with another code, and a generic JSON-RPC server answers -32601 (method not found).
 *
 * Requests call the procedures the app's router declares (Route.procedures, from its source)
 * with their own type most of the time, else the route's literals or a made-up path (a
 * NOT_FOUND answer), with inputs from the route's literals or any JSON; subscriptions are
 * stopped by id, ids repeat (a duplicate subscription is an answer too), and a few requests
 * are malformed (tRPC answers those with PARSE_ERROR / BAD_REQUEST).
 *
 * Handled errors: every error reply but INTERNAL_SERVER_ERROR (-32603, with a 5xx httpStatus),
 * which is tRPC's answer to a procedure that threw: a crash, as 4500 is for GraphQL.
 */
import fc from 'fast-check';
import type { Procedure, Route } from '../discovery/route.js';
import type { HandledErrors } from '../execution/answers.js';
import { jsonArb } from '../generation/json.js';
import { literalJsonArb } from '../generation/literals.js';
import type { Message } from '../generation/message.js';
import { type Sequence, sequenceArb } from '../generation/sequence.js';
import { textArb } from '../generation/text.js';
import { lastJsonObject, lastTextStart } from './probe-reply.js';
import type { Probe, Protocol } from './protocol.js';
import { sequenceBase } from './sequence-base.js';
import { isJsonObject, jsonObjectFrame } from './json-frame.js';

/** tRPC's JSON-RPC codes: NOT_FOUND answers a path no router has; INTERNAL_SERVER_ERROR a procedure that threw. */
const NOT_FOUND = -32004;
const INTERNAL_SERVER_ERROR = -32603;

const PROBE_ID = 'wsroutes';
const PROBE_PATH = 'wsroutes.probe';

const TYPES = ['query', 'mutation', 'subscription'] as const;

const answers: HandledErrors = {
  frame(data) {
    const m = jsonObjectFrame(data);
    if (!m || !('id' in m) || !isJsonObject(m.error) || typeof m.error.code !== 'number') return false;
    const status = isJsonObject(m.error.data) ? m.error.data.httpStatus : undefined;
    return m.error.code !== INTERNAL_SERVER_ERROR && !(typeof status === 'number' && status >= 500);
  },
};

/** Whether the probe's answer is tRPC's NOT_FOUND for our request (whole, or its start where the preview cut it). */
export function isTrpcNotFound(reply: Record<string, unknown> | undefined, start: string | undefined): boolean {
  if (reply) {
    const error = reply.error;
    return (
      reply.id === PROBE_ID &&
      isJsonObject(error) &&
      error.code === NOT_FOUND &&
      typeof error.message === 'string' &&
      isJsonObject(error.data) &&
      error.data.code === 'NOT_FOUND'
    );
  }
  if (start === undefined) return false;
  // tRPC writes `id` first (then `jsonrpc`, only when the request had it), then `error`: its message, its JSON-RPC code, then `data` led by the code's name.
  return new RegExp(`^\\{"id":"${PROBE_ID}","error":\\{"message":"(?:[^"\\\\]|\\\\.)*","code":${NOT_FOUND},"data":\\{"code":"NOT_FOUND"`).test(start);
}

export async function detectTrpc(route: Route, probe: Probe): Promise<Route | undefined> {
  const request: Message = { type: 'json', data: { id: PROBE_ID, method: 'query', params: { path: PROBE_PATH } } };
  const t = await probe({ messages: [request] });
  if (t.handshake.outcome !== 'accepted') return undefined;
  return isTrpcNotFound(lastJsonObject(t), lastTextStart(t)) ? { ...route, protocol: 'trpc' } : undefined;
}

/** A request id: few of them, so a stop names a live subscription and a duplicate id happens. */
const idArb: fc.Arbitrary<number | string> = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom('a', 'b'));

/** A dotted path made up (NOT_FOUND), or one of the route's literals. */
function otherPathArb(route: Route): fc.Arbitrary<string> {
  const made = fc.array(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,7}$/), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
  const literals = route.literals?.strings.filter((s) => s.length > 0 && s.length <= 64) ?? [];
  return literals.length ? fc.oneof(made, fc.constantFrom(...literals)) : made;
}

/** A call: a declared procedure with its own type (mostly), else any path and type. */
function callArb(route: Route): fc.Arbitrary<Procedure> {
  const any = fc.record({ path: otherPathArb(route), type: fc.constantFrom(...TYPES) });
  const declared = route.procedures ?? [];
  if (!declared.length) return any;
  const own = fc.constantFrom(...declared);
  const mistyped = fc.tuple(own, fc.constantFrom(...TYPES)).map(([p, type]): Procedure => ({ path: p.path, type }));
  return fc.oneof({ weight: 6, arbitrary: own }, { weight: 1, arbitrary: mistyped }, { weight: 1, arbitrary: any });
}

/** An input: absent, a string (the commonest z.string() input), the route's literals, or any JSON. */
function inputArb(route: Route): fc.Arbitrary<fc.JsonValue | undefined> {
  const literal = literalJsonArb(route.literals);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: textArb({ maxLength: 24 }) },
    { weight: 2, arbitrary: jsonArb({ maxDepth: 3 }) },
    ...(literal ? [{ weight: 3, arbitrary: literal as fc.Arbitrary<fc.JsonValue | undefined> }] : []),
  );
}

function requestArb(route: Route): fc.Arbitrary<Record<string, fc.JsonValue>> {
  return fc
    .record(
      {
        id: idArb,
        call: callArb(route),
        input: inputArb(route),
        jsonrpc: fc.constant('2.0'),
        lastEventId: fc.oneof(fc.string({ maxLength: 8 }), fc.constant('0')),
      },
      { requiredKeys: ['id', 'call', 'input'] },
    )
    .map(({ id, call, input, jsonrpc, lastEventId }) => {
      const params: Record<string, fc.JsonValue> = { path: call.path, ...(input !== undefined ? { input } : {}) };
      if (lastEventId !== undefined && call.type === 'subscription') params.lastEventId = lastEventId;
      return { id, ...(jsonrpc ? { jsonrpc } : {}), method: call.type, params };
    });
}

/** Envelopes tRPC refuses (PARSE_ERROR, BAD_REQUEST), to reach its parse path too. */
const malformedArb: fc.Arbitrary<Message> = fc.oneof(
  fc
    .constantFrom<fc.JsonValue>(
      { id: null, method: 'query', params: { path: 'x' } },
      { id: 1, method: 'call', params: { path: 'x' } },
      { id: 1, method: 'query' },
      { id: 1, method: 'query', params: { path: 1 } },
      { id: 1, jsonrpc: '1.0', method: 'query', params: { path: 'x' } },
      [],
      null,
    )
    .map((data): Message => ({ type: 'json', data })),
  fc.constantFrom('PING', 'PONG', '{').map((data): Message => ({ type: 'text', data })),
);

/**
 * One message: a request (most), a stop, or a malformed envelope. No batches: a batch owes
 * several replies, and a connection waits for one (replies.ts), so closing could cut the rest.
 */
export function trpcMessageArb(route: Route): fc.Arbitrary<Message> {
  const request = requestArb(route);
  return fc.oneof(
    { weight: 8, arbitrary: request.map((data): Message => ({ type: 'json', data })) },
    { weight: 2, arbitrary: idArb.map((id): Message => ({ type: 'json', data: { id, method: 'subscription.stop' } })) },
    { weight: 1, arbitrary: malformedArb },
  );
}

export const trpc: Protocol = {
  name: 'trpc',
  detect: detectTrpc,
  plan(route, options) {
    const size = (m: Message): number => Buffer.byteLength(m.type === 'json' ? JSON.stringify(m.data) : String(m.data));
    const message = trpcMessageArb(route).filter((m) => size(m) <= options.maxMessageSize);
    const arb = sequenceArb(route, { ...sequenceBase(options), messageList: fc.array(message, { maxLength: Math.max(1, options.maxMessages) }) });
    // tRPC envelopes are the protocol: no JSON-to-text pass. Each request waits for its reply (generation/replies.ts): closing
    // first would make tRPC drop an error reply it had logged. Scripts of several clients: subscriptions fan out.
    return { arb: arb.map((seq): Sequence => ({ ...seq, awaitReplies: true })), normalizable: false, scripts: true };
  },
  answers,
};
