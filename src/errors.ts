/**
 * The one error type the CLI prints as a single line and maps to exit code 2.
 * Each code is stable so tests and scripts can tell the causes apart.
 */
export type WsroutesErrorCode =
  | 'USAGE' // bad option or option value
  | 'CONFIG' // bad config file or key
  | 'APP_NOT_FOUND' // module file missing / export missing
  | 'NOT_AN_APP' // export is not a supported app
  | 'APP_START_FAILED' // app threw while loading or starting
  | 'NO_ROUTES' // nothing to test after discovery and filters
  | 'UNREACHABLE' // --url target not reachable
  | 'PYTHON' // interpreter / uvicorn / bridge problem
  | 'INTERRUPTED'; // SIGINT / SIGTERM

export class WsroutesError extends Error {
  readonly code: WsroutesErrorCode;
  constructor(code: WsroutesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WsroutesError';
    this.code = code;
  }
}

export function isWsroutesError(e: unknown): e is WsroutesError {
  return e instanceof WsroutesError;
}
