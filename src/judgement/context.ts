/** What a check may know besides the transcript: the limits it judges against, and which checks are on. */
import type { ErrorType } from './failure.js';

/** The checks `--checks` and `--exclude-checks` left on, by name (`checks.ts`'s `selectChecks`). */
export type EnabledChecks = ReadonlySet<ErrorType>;

export interface JudgeContext {
  connectionTimeoutMs: number;
  messageTimeoutMs: number;
  /** All checks when absent. */
  checks?: EnabledChecks;
}

/** Clamp an index to the sequence, so reports point at a message that was sent. */
export function clampIndex(i: number, length: number): number {
  return Math.max(0, Math.min(i, length - 1));
}
