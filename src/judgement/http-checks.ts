/**
 * The HTTP checks (`--http`), one per error type, each a pure function of one request's
 * outcome, as pytest-routes judges its HTTP routes:
 * - the app raised (a trace tied to the request), answered 5xx (`fail_on_5xx`, on by
 *   default), or dropped the connection without an answer: `server_error`;
 * - no connection, or no complete answer, in time: `timeout`;
 * - `allowed_status_codes` given: any other status is `unexpected_status` (a listed
 *   status is never a failure, not even a 5xx);
 * - a 4xx is the correct answer to a request that breaks the route's declared types;
 * - `validate_responses`: a JSON body that breaks the declared schema of its status
 *   (exact, then `4XX`, then `default`) is `response_schema_violation`.
 * They run in that order (`checks.ts`); a later one never sees an outcome an earlier one failed.
 */
import type { JsonSchema } from '../discovery/http-route.js';
import type { HttpOutcome } from '../execution/http-request.js';
import type { EnabledChecks } from './context.js';
import type { Verdict } from './failure.js';
import { schemaErrors } from './http-schema.js';

export interface HttpJudgeOptions {
  failOn5xx: boolean;
  /** Empty: every status but a 5xx (under failOn5xx) is fine. */
  allowedStatusCodes: readonly number[];
  validateResponses: boolean;
  /** The operation's declared response schemas by status (`200`, `2XX`, `default`). */
  responses?: Record<string, JsonSchema>;
  method: string;
  /** The checks `--checks`/`--exclude-checks` left on (`selectChecks`); all when absent. */
  checks?: EnabledChecks;
}

const MAX_SHOWN = 300;

/**
 * The line that names the exception: a JavaScript stack starts with it (`TypeError: ...`,
 * then `    at ...` frames); a Python traceback ends with it.
 */
export function traceHeadline(text: string): string {
  const lines = text.trimEnd().split('\n');
  const js = lines.findIndex((l) => /^\s+at /.test(l));
  if (js > 0)
    return (
      lines
        .slice(0, js)
        .find((l) => /^\w*(Error|Exception)\b|^\w+:/.test(l.trim()))
        ?.trim() ?? lines[0]!.trim()
    );
  return (lines[lines.length - 1] ?? '').trim();
}

function shown(body: string): string {
  return body.length > MAX_SHOWN ? `${body.slice(0, MAX_SHOWN)}… (${body.length} chars)` : body;
}

function statusLine(r: NonNullable<HttpOutcome['response']>): string {
  return `HTTP ${r.status}${r.body ? `: ${shown(r.body)}` : ''}`;
}

function expectedStatus(opts: HttpJudgeOptions): string {
  const allowed = opts.allowedStatusCodes;
  return allowed.length ? `A status in ${allowed.join(', ')}` : opts.failOn5xx ? 'A status below 500' : 'A complete answer';
}

const timedOut = (o: HttpOutcome): boolean => o.error?.kind === 'timeout' || o.error?.kind === 'connect_timeout';

/** The response schema declared for `status`: exact, then its class (`4XX`), then `default`. */
export function responseSchemaFor(responses: Record<string, JsonSchema> | undefined, status: number): JsonSchema | undefined {
  if (!responses) return undefined;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.DEFAULT ?? responses.default;
}

/** The app raised; else the connection failed without an answer (not in time: `timeout`); else a 5xx under `fail_on_5xx`. */
export function checkHttpServerError(o: HttpOutcome, opts: HttpJudgeOptions): Verdict | undefined {
  const expected = expectedStatus(opts);
  const r = o.response;
  const trace = o.traces[0];
  if (trace) {
    return {
      errorType: 'server_error',
      message: `Server raised: ${traceHeadline(trace.text)}`,
      messageIndex: null,
      expected,
      actual: r ? `Server raised; ${statusLine(r)}` : `Server raised; ${o.error?.message ?? 'no answer'}`,
      serverTrace: o.traces.map((t) => t.text).join('\n\n'),
    };
  }
  if (o.error) {
    if (timedOut(o)) return undefined;
    return { errorType: 'server_error', message: `${opts.method} ${o.url}: ${o.error.message}`, messageIndex: null, expected, actual: o.error.message };
  }
  if (r && r.status >= 500 && opts.failOn5xx && !opts.allowedStatusCodes.includes(r.status)) {
    return { errorType: 'server_error', message: `Server answered HTTP ${r.status}`, messageIndex: null, expected, actual: statusLine(r) };
  }
  return undefined;
}

/** No connection, or no complete answer, within the timeouts. */
export function checkHttpTimeout(o: HttpOutcome, opts: HttpJudgeOptions): Verdict | undefined {
  if (!o.error || !timedOut(o)) return undefined;
  return {
    errorType: 'timeout',
    message: `${opts.method} ${o.url}: ${o.error.message}`,
    messageIndex: null,
    expected: expectedStatus(opts),
    actual: o.error.message,
  };
}

/** `allowed_status_codes` given: a status outside it. */
export function checkHttpStatus(o: HttpOutcome, opts: HttpJudgeOptions): Verdict | undefined {
  const r = o.response;
  const allowed = opts.allowedStatusCodes;
  if (o.error || !r || !allowed.length || allowed.includes(r.status)) return undefined;
  return {
    errorType: 'unexpected_status',
    message: `Server answered HTTP ${r.status}, which is not an allowed status`,
    messageIndex: null,
    expected: expectedStatus(opts),
    actual: statusLine(r),
  };
}

/** `validate_responses`: a JSON body that is not JSON, or breaks the schema declared for its status. */
export function checkHttpResponseSchema(o: HttpOutcome, opts: HttpJudgeOptions): Verdict | undefined {
  const r = o.response;
  if (o.error || !r || !opts.validateResponses) return undefined;
  const schema = responseSchemaFor(opts.responses, r.status);
  const json = /\bjson\b/i.test(r.headers['content-type'] ?? '');
  if (schema === undefined || !json || r.truncated) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(r.body);
  } catch {
    return {
      errorType: 'response_schema_violation',
      message: `HTTP ${r.status} declares a JSON body, but the body is not JSON`,
      messageIndex: null,
      expected: 'A JSON body matching the declared response schema',
      actual: statusLine(r),
    };
  }
  const errors = schemaErrors(schema, value);
  if (!errors) return undefined;
  return {
    errorType: 'response_schema_violation',
    message: `HTTP ${r.status} body breaks its declared schema: ${errors}`,
    messageIndex: null,
    expected: 'A body matching the declared response schema',
    actual: statusLine(r),
  };
}
