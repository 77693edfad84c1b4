/** What a check may know besides the transcript: the limits it judges against. */
export interface JudgeContext {
  connectionTimeoutMs: number;
  messageTimeoutMs: number;
}

/** Clamp an index to the sequence, so reports point at a message that was sent. */
export function clampIndex(i: number, length: number): number {
  return Math.max(0, Math.min(i, length - 1));
}
