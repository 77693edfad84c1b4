/**
 * Which messages of a protocol sequence (`Sequence.awaitReplies`) owe the server's answer
 * before the next one goes out, as a real client waits for it: GraphQL's connection_init
 * (its ack), every tRPC request (tRPC answers each one, even a malformed one, but a
 * `subscription.stop` and the `PONG` keep-alive), and every nes message but the `ping`
 * reply to its heartbeat. Their replies come from asynchronous handlers: a client that
 * closed first would make the server drop an error reply it had already logged.
 */
import { owesReply as graphqlOwesReply } from './graphql.js';
import type { Message } from './message.js';

const NES_TYPES = new Set(['hello', 'reauth', 'request', 'message', 'sub', 'unsub']);
const TRPC_METHODS = new Set(['query', 'mutation', 'subscription']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A tRPC request (or a batch holding one): it gets a result, an error, or `started`. */
export function trpcOwesReply(m: Message): boolean {
  if (m.type !== 'json') return false;
  const calls = Array.isArray(m.data) ? m.data : [m.data];
  return calls.some((c) => isRecord(c) && typeof c.method === 'string' && TRPC_METHODS.has(c.method) && 'params' in c);
}

/** A nes request of a known type with an id: answered by a reply of its type and id, or an error naming them. */
export function nesOwesReply(m: Message): boolean {
  return m.type === 'json' && isRecord(m.data) && typeof m.data.type === 'string' && NES_TYPES.has(m.data.type) && Boolean(m.data.id);
}

export function owesReply(m: Message): boolean {
  return graphqlOwesReply(m) || trpcOwesReply(m) || nesOwesReply(m);
}
