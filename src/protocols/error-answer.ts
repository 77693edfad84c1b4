/**
 * Whether a value an app sends back is an error it answers with on purpose: the shapes
 * Socket.IO acks, Nest's `exception` event and their kin carry. One rule for every
 * protocol that has no error frame of its own, so "an error answer" means the same
 * wherever it is read. Only an ack's first argument is read: Node's callback convention
 * (`cb(err, result)`, Feathers) and the single result object of the Socket.IO docs both
 * put the outcome there; later arguments are data.
 *
 * The rule is narrow on purpose: reading data as an answer would excuse a crash the app
 * only logged (a false pass, the worst verdict), so only fields whose name says "error"
 * or "failed" count, never a bare message.
 *
 * An error answer is a plain object that is error-shaped and does not say the server failed:
 * - error-shaped: an `error` or `errors` field that is set (`{ error: 'room is full' }`, the
 *   Socket.IO docs' validation answer `{ status: 'Bad Request', error }`); a `status` of
 *   `error` / `fail` / `failed` / `failure` (JSend, Nest's `{ status: 'error', message }`);
 *   `ok: false` or `success: false`; or a serialised error: a string `message` beside a
 *   string `name` or `className`, a numeric `code`, or a string `stack` (a Feathers error
 *   `{ name, message, code, className }`, Node's `cb(err)` as frameworks serialise it).
 *   A bare `{ message }` is not one: that is what chat apps send.
 * - not the server failing: a `code`, `status` or `statusCode` of 500 or more, or the
 *   message "Internal server error" (what Nest answers for an exception it did not expect)
 *   is the protocol's 500: the server says it broke, so the trace it logged is the crash's,
 *   not an answer's.
 */
import { isJsonObject, jsonObjectFrame } from './json-frame.js';

const FAILED_STATUS = new Set(['error', 'fail', 'failed', 'failure']);
const INTERNAL_MESSAGE = /^internal server error$/i;

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '';
}

function errorShaped(v: Record<string, unknown>): boolean {
  if (isSet(v.error) || isSet(v.errors)) return true;
  if (typeof v.status === 'string' && FAILED_STATUS.has(v.status.toLowerCase())) return true;
  if (v.ok === false || v.success === false) return true;
  if (typeof v.message !== 'string') return false;
  return typeof v.name === 'string' || typeof v.className === 'string' || typeof v.code === 'number' || typeof v.stack === 'string';
}

function saysInternal(v: Record<string, unknown>): boolean {
  const codes = [v.code, v.status, v.statusCode].filter((c): c is number => typeof c === 'number');
  if (codes.some((c) => c >= 500)) return true;
  return [v.message, v.error].some((m) => typeof m === 'string' && INTERNAL_MESSAGE.test(m.trim()));
}

/** The rule above: an error the app answers with on purpose. */
export function isErrorAnswer(value: unknown): boolean {
  return isJsonObject(value) && errorShaped(value) && !saysInternal(value);
}

/**
 * The data of an `exception` event (Nest's answer to a handler's exception): the event
 * says it is an error, so any object answers (a WsException may carry any object), unless
 * it says the server failed (Nest's "Internal server error" for an exception it did not expect).
 */
export function isExceptionAnswer(data: unknown): boolean {
  return isJsonObject(data) && !saysInternal(data);
}

/** Nest's `{"event":"exception","data":{...}}` on its ws adapter: a handled error when its data is an exception answer. */
export function isWsExceptionFrame(data: string | Buffer): boolean {
  if (typeof data !== 'string' || !data.includes('"exception"')) return false;
  const m = jsonObjectFrame(data);
  return m !== undefined && m.event === 'exception' && isExceptionAnswer(m.data);
}
