/**
 * A judged failure of one sequence: a title-like type, a one-line message, and the
 * facts the failure block prints. Which failures are the same bug is
 * `signature.ts`'s to say.
 */
export type ErrorType =
  | 'server_error'
  | 'handshake_rejected'
  | 'handshake_error'
  | 'timeout'
  | 'subprotocol_violation'
  | 'protocol_error'
  | 'unexpected_close'
  | 'shutdown_error'
  /** HTTP (`--http`): a status outside `allowed_status_codes`, a body that breaks its declared schema. */
  | 'unexpected_status'
  | 'response_schema_violation';

export interface Verdict {
  errorType: ErrorType;
  message: string;
  /** Index of the message that caused it, or null when no message did (handshake, close). */
  messageIndex: number | null;
  expected: string;
  actual: string;
  closeCode?: number;
  closeReason?: string;
  serverTrace?: string;
  /**
   * The app's exception escaped to a Node process (an uncaught exception or rejection):
   * it would end a real server (reported as `uncaught: true`). Unset for Python (an ASGI
   * server survives an exception on one connection) and where no trace was captured.
   */
  uncaught?: boolean;
}

/** The server no longer takes connections (refused, or no answer to the upgrade). */
export function serverGone(v: Verdict): boolean {
  return v.messageIndex === null && (v.errorType === 'timeout' || (v.errorType === 'handshake_error' && !/HTTP \d/.test(v.actual)));
}
