/**
 * Judges one HTTP request's outcome (pure: no socket, no timer; tests are literal
 * outcomes): the enabled HTTP checks of the registry (`checks.ts`) in order, the
 * first failure wins. What each catches is in `http-checks.ts`.
 */
import type { HttpOutcome } from '../execution/http-request.js';
import { firstVerdict, HTTP_CHECKS } from './checks.js';
import type { Verdict } from './failure.js';
import type { HttpJudgeOptions } from './http-checks.js';

export type { HttpJudgeOptions } from './http-checks.js';
export { responseSchemaFor, traceHeadline } from './http-checks.js';

export function judgeHttp(o: HttpOutcome, opts: HttpJudgeOptions): Verdict | undefined {
  return firstVerdict(HTTP_CHECKS, o, opts, opts.checks);
}
