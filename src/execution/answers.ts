/**
 * How a protocol layered on WebSocket tells a handled error from a crash, as execution
 * records it: a server frame that answers an operation with an error (a GraphQL `error`
 * message, a Socket.IO ack carrying an error, Nest's `exception` event) or a close code the
 * protocol uses on purpose (GraphQL over WebSocket's 44xx). The connection counts them in
 * `Transcript.handledErrors`; judgement then reads an exception the app merely logged on
 * that connection as the answer it was, not as a crash (judgement/server-error.ts). The
 * predicates come from the route's protocol (protocols/); execution only counts.
 */
export interface HandledErrors {
  /** A server frame (text as a string, binary as bytes) that answers with a handled error. */
  frame?(data: string | Buffer): boolean;
  /** A close code the protocol sends on purpose to refuse what the client sent. */
  close?(code: number): boolean;
}

/** Whether one frame is a handled error; a predicate that throws counts as no. */
export function isHandledFrame(answers: HandledErrors | undefined, data: Buffer, isBinary: boolean): boolean {
  if (!answers?.frame) return false;
  try {
    return answers.frame(isBinary ? data : data.toString('utf8'));
  } catch {
    return false;
  }
}
