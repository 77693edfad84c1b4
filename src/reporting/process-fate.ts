/**
 * What the app's exception did to the server process, in words every report uses (failure
 * block, JUnit, HTML): in Node an exception nothing caught would end a real server
 * (`uncaught: true`); a Python ASGI server ends only the connection whose handler raised and
 * goes on (`uncaught: false`). Nothing when it is not known.
 */
import type { FailureResult } from '../run/results.js';

export const UNCAUGHT_LABEL = 'Uncaught';

export function processFate(f: Pick<FailureResult, 'uncaught'>): string | undefined {
  if (f.uncaught === true) {
    return 'yes: the exception escaped every handler to the Node process and would end the server process (Node exits on an uncaught exception or unhandled rejection)';
  }
  if (f.uncaught === false) return 'no: the server survived it (an ASGI server ends only the connection whose handler raised and goes on serving)';
  return undefined;
}
