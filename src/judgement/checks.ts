/**
 * The registry of checks, after Schemathesis' `checks.py`: each entry is a pure function
 * that judges a recorded exchange (a WebSocket transcript, or an HTTP request's outcome)
 * and returns a failure of one error type, which is also its name: the name
 * `--checks` and `--exclude-checks` take and `--list-checks` prints. A name may have
 * several entries (a server error is told by a trace first, by the close much later);
 * each kind's entries run in the order listed here and the first failure wins, so the
 * order is part of every verdict.
 */
import type { HttpOutcome } from '../execution/http-request.js';
import type { Transcript } from '../execution/transcript.js';
import { WsroutesError } from '../errors.js';
import type { EnabledChecks, JudgeContext } from './context.js';
import type { ErrorType, Verdict } from './failure.js';
import { checkHandshakeError, checkHandshakeRejected } from './handshake.js';
import { checkHttpResponseSchema, checkHttpServerError, checkHttpStatus, checkHttpTimeout, type HttpJudgeOptions } from './http-checks.js';
import { checkProtocol } from './protocol.js';
import { checkServerError, checkServerTrace } from './server-error.js';
import { checkShutdown } from './shutdown.js';
import { checkSubprotocol } from './subprotocol.js';
import { checkTimeout } from './timeout.js';
import { checkUnexpectedClose } from './unexpected-close.js';

export type { EnabledChecks } from './context.js';

/** A check's name: the error type of the failures it returns. */
export type CheckName = ErrorType;

interface Entry<K extends 'websocket' | 'http', In, Ctx> {
  name: CheckName;
  /** The route kind it judges. */
  kind: K;
  /** One line on what it catches (`--list-checks`). */
  catches: string;
  check: (input: In, ctx: Ctx) => Verdict | undefined;
}

export type WebSocketCheck = Entry<'websocket', Transcript, JudgeContext>;
export type HttpCheck = Entry<'http', HttpOutcome, HttpJudgeOptions>;
export type Check = WebSocketCheck | HttpCheck;

/** In evaluation order: the app's own trace outranks what the connection shows of it. */
export const WEBSOCKET_CHECKS: readonly WebSocketCheck[] = [
  { name: 'server_error', kind: 'websocket', catches: 'the app raised while handling the connection', check: checkServerTrace },
  {
    name: 'subprotocol_violation',
    kind: 'websocket',
    catches: 'the server selected a subprotocol the client did not offer, or none of a required one',
    check: checkSubprotocol,
  },
  { name: 'handshake_rejected', kind: 'websocket', catches: 'the upgrade was answered with a 4xx', check: checkHandshakeRejected },
  { name: 'handshake_error', kind: 'websocket', catches: 'the upgrade was answered with a 5xx, or failed on the wire', check: checkHandshakeError },
  {
    name: 'protocol_error',
    kind: 'websocket',
    catches: 'the server sent a frame that breaks RFC 6455 (invalid UTF-8, bad close code, oversized)',
    check: checkProtocol,
  },
  {
    name: 'server_error',
    kind: 'websocket',
    catches: 'the server closed with 1011 (or another internal-error code), or dropped the connection without a close frame',
    check: checkServerError,
  },
  {
    name: 'timeout',
    kind: 'websocket',
    catches: 'no answer to the upgrade within connection_timeout, or no pong within message_timeout',
    check: checkTimeout,
  },
  {
    name: 'unexpected_close',
    kind: 'websocket',
    catches: 'the server closed with a code neither deliberate nor an internal error (1002, 1012-1014, unassigned)',
    check: checkUnexpectedClose,
  },
  { name: 'shutdown_error', kind: 'websocket', catches: 'our close handshake was not completed or answered with a wrong code', check: checkShutdown },
];

export const HTTP_CHECKS: readonly HttpCheck[] = [
  {
    name: 'server_error',
    kind: 'http',
    catches: 'the app raised, the connection dropped without an answer, or a 5xx under fail_on_5xx',
    check: checkHttpServerError,
  },
  { name: 'timeout', kind: 'http', catches: 'no connection, or no complete answer, in time', check: checkHttpTimeout },
  { name: 'unexpected_status', kind: 'http', catches: 'a status outside allowed_status_codes', check: checkHttpStatus },
  {
    name: 'response_schema_violation',
    kind: 'http',
    catches: 'with validate_responses, a body that breaks the schema declared for its status',
    check: checkHttpResponseSchema,
  },
];

export const CHECKS: readonly Check[] = [...WEBSOCKET_CHECKS, ...HTTP_CHECKS];

/** Every name, once, in the order of first appearance. */
export const CHECK_NAMES: readonly CheckName[] = [...new Set(CHECKS.map((c) => c.name))];

/**
 * The enabled names: those `include` lists (every name when it is empty), less those
 * `exclude` lists. An unknown name is a CONFIG error naming the known ones.
 */
export function selectChecks(include: readonly string[] = [], exclude: readonly string[] = []): EnabledChecks {
  const known = new Set<string>(CHECK_NAMES);
  const unknown = [...include, ...exclude].filter((name) => !known.has(name));
  if (unknown.length) {
    const names = [...new Set(unknown)].map((n) => `"${n}"`).join(', ');
    throw new WsroutesError('CONFIG', `unknown check ${names}; known checks: ${CHECK_NAMES.join(', ')}`);
  }
  const chosen = include.length ? CHECK_NAMES.filter((n) => include.includes(n)) : CHECK_NAMES;
  return new Set(chosen.filter((n) => !exclude.includes(n)));
}

/** `--list-checks`: one line per name, the route kinds it judges and what it catches. */
export function describeChecks(): string[] {
  const width = Math.max(...CHECK_NAMES.map((n) => n.length));
  return CHECK_NAMES.map((name) => {
    const entries = CHECKS.filter((c) => c.name === name);
    const kinds = [...new Set(entries.map((c) => c.kind))].join(', ');
    return `${name.padEnd(width)}  ${kinds}: ${entries.map((c) => c.catches).join('; ')}`;
  });
}

/** The first failure of the enabled `checks`, in order (all of them when `enabled` is absent). */
export function firstVerdict<In, Ctx>(
  checks: ReadonlyArray<{ name: CheckName; check: (input: In, ctx: Ctx) => Verdict | undefined }>,
  input: In,
  ctx: Ctx,
  enabled?: EnabledChecks,
): Verdict | undefined {
  for (const c of checks) {
    if (enabled && !enabled.has(c.name)) continue;
    const verdict = c.check(input, ctx);
    if (verdict) return verdict;
  }
  return undefined;
}
