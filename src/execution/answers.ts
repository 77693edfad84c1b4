/**
 * How a protocol layered on WebSocket tells a handled error from a crash, as execution
 * records it: a server frame that answers an operation with an error (a GraphQL `error`
 * message, a Socket.IO ack carrying an error, Nest's `exception` event) or a close code the
 * protocol uses on purpose (GraphQL over WebSocket's 44xx). The connection counts them in
 * `Transcript.handledErrors`; judgement then reads as many exceptions the app merely logged
 * on that connection as answers it got as those answers' log lines, not as crashes
 * (judgement/server-error.ts). The
 * predicates come from the route's protocol (protocols/); execution only counts.
 */
export interface HandledErrors {
  /**
   * Whether a server frame (text as a string, binary as bytes) answers with handled errors:
   * false, true (one), or how many it answers (a GraphQL `next` listing two field errors).
   */
  frame?(data: string | Buffer): boolean | number;
  /** A close code the protocol sends on purpose to refuse what the client sent. */
  close?(code: number): boolean;
}

/** How many handled errors one frame answers (0 when none); a predicate that throws counts as none. */
export function handledInFrame(answers: HandledErrors | undefined, data: Buffer, isBinary: boolean): number {
  if (!answers?.frame) return 0;
  try {
    const n = answers.frame(isBinary ? data : data.toString('utf8'));
    return n === true ? 1 : typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  } catch {
    return 0;
  }
}
