/**
 * What makes two failures the same bug (PRODUCT.md section 3, `signature`): the error
 * type, the exception type and the innermost app frame of the server's trace
 * (`server_error:KeyError:app.py:42`), or, without a trace, the error type with the
 * close code (or the phase, for timeouts and handshakes). Exploration keeps one failure
 * per signature and shrinking keeps it, so a deeper bug is never shrunk into the shallow
 * one beside it. A trace with no app frame at all (the innermost frame is the framework's
 * or the runtime's) is framework-level: the same signature on several routes is one finding.
 */
import { basename } from 'node:path';
import type { Verdict } from './failure.js';
import { innermostException } from './trace-facts.js';

export interface Signature {
  signature: string;
  /** The trace has no frame of the app's own code. */
  framework: boolean;
}

export function signatureOf(v: Verdict): Signature {
  if (v.serverTrace) {
    const facts = innermostException(v.serverTrace);
    // A module loaded afresh (a fresh server, a second run in one process) has a query on its URL.
    const frame = facts.frame ? `:${basename(facts.frame.file).replace(/\?.*$/, '')}:${facts.frame.line}` : '';
    return { signature: `${v.errorType}:${facts.type || 'Error'}${frame}`, framework: facts.frame?.framework ?? false };
  }
  if (v.errorType === 'timeout' || v.errorType.startsWith('handshake')) {
    return { signature: `${v.errorType}:${v.messageIndex === null ? 'connection' : 'messages'}`, framework: false };
  }
  return { signature: `${v.errorType}:${v.closeCode === undefined || v.closeCode === 1006 ? 'dropped' : `close ${v.closeCode}`}`, framework: false };
}

/**
 * The key a failure keeps while it is shrunk, and by which exploration tells failures apart:
 * the signature (which already tells a traced failure from an untraced one, and the phase of
 * a timeout), so a crash at the handshake and the same crash at a message are one bug.
 */
export function sameFailureKey(v: Verdict): string {
  return signatureOf(v).signature;
}

/**
 * An HTTP failure's bug: with a trace, its signature; without one, the error type and the
 * status, or the way the request failed (numbers blanked: a timeout's milliseconds are not the bug).
 */
export function httpFailureKey(v: Verdict): string {
  if (v.serverTrace) return signatureOf(v).signature;
  const status = /^HTTP (\d+)/.exec(v.actual)?.[1];
  return `${v.errorType}:${status ?? v.actual.replace(/\d+/g, 'N')}`;
}
