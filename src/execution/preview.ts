/** A frame received from the server as a transcript records it: counted, with a short printable view for `last_response`. */
import type { Transcript } from './transcript.js';

const MAX_PREVIEW = 200;

export function preview(buf: Buffer, isBinary: boolean): string {
  if (isBinary) {
    const hex = buf
      .subarray(0, 32)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
    return `<${buf.length} bytes> ${hex}${buf.length > 32 ? ' …' : ''}`;
  }
  // Only the start is decoded: 4 bytes per character at most, and a code point cut at the end lies past what is shown.
  const text = buf.subarray(0, MAX_PREVIEW * 4).toString('utf8');
  return text.length > MAX_PREVIEW || buf.length > MAX_PREVIEW * 4 ? `${text.slice(0, MAX_PREVIEW)}… (${buf.length} bytes)` : text;
}

/**
 * Counts a received frame into `t` (`at`: ms since the connection started), with its reply
 * latency when `sentAt` names the latest send no frame has answered yet.
 */
export function recordFrame(t: Transcript, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean, at: number, sentAt: number | undefined): void {
  const buf = frameBuffer(data);
  t.received.count++;
  t.received.bytes += buf.length;
  t.received.last = { type: isBinary ? 'bytes' : 'text', preview: preview(buf, isBinary), at };
  if (sentAt !== undefined) (t.replyMs ??= []).push(Math.round((at - sentAt) * 10) / 10);
}

/** A received message as one Buffer, without copying one that already is (ws hands us Buffers). */
export function frameBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
