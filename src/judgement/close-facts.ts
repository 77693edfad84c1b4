/**
 * Who ended a connection, and with what: the failure block's "Connection State". A
 * close code alone does not say it: 1000 from a server that closed first is a goodbye,
 * 1000 as the answer to our own close is an echo, and a 1006 is a dropped TCP
 * connection, whoever dropped it. Pure: read from the transcript.
 */
import type { Transcript } from '../execution/transcript.js';
import { describeCode } from './close-codes.js';

const withReason = (code: number, reason: string): string => `${describeCode(code)}${reason ? ` "${reason}"` : ''}`;

export function describeClose(t: Transcript): string {
  const h = t.handshake;
  if (h.outcome !== 'accepted') {
    if (h.status !== undefined) return `never opened: the upgrade was answered with HTTP ${h.status}`;
    if (h.outcome === 'timeout') return 'never opened: the handshake timed out';
    return `never opened${h.error ? `: ${h.error}` : ''}`;
  }
  const close = t.serverClose;
  const ours = t.clientClose;
  if (t.stalled) {
    const where = t.stalled === 'close' && ours ? `to our close (${ours.code})` : 'to our messages (no pong)';
    return `wsroutes cut the connection: the server stopped answering ${where}`;
  }
  if (t.abortedByClient) return 'wsroutes cut the connection: the server raised, then sent nothing more (no close, no answer)';
  if (!close) return 'closed';
  if (!close.frame) {
    return ours && close.answeredOurs
      ? `wsroutes closed with ${ours.code}; the server dropped the connection without answering (1006)`
      : 'the server dropped the connection without a close frame (1006)';
  }
  if (close.answeredOurs && ours) {
    const answer = close.code === ours.code ? `answered ${close.code}` : `answered ${withReason(close.code, close.reason)}`;
    return `wsroutes closed with ${ours.code}, the server ${answer}`;
  }
  return `the server closed first with ${withReason(close.code, close.reason)}`;
}
