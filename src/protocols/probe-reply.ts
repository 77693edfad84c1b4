/**
 * What a probe connection's last server frame said, for a detector: a transcript keeps the
 * last frame's preview only (execution/preview.ts: text up to 200 characters, binary as the
 * hex of its first 32 bytes and its length), so detectors ask one question per probe and
 * read the answer from that preview.
 */
import type { Transcript } from '../execution/transcript.js';
import { jsonObjectFrame } from './json-frame.js';

/** The last text frame, whole (undefined when it was binary, cut, or none came). */
export function lastText(t: Transcript): string | undefined {
  const last = t.received.last;
  if (last?.type !== 'text' || /… \(\d+ bytes\)$/.test(last.preview)) return undefined;
  return last.preview;
}

/** The last text frame's start, whole or cut at the preview's length (undefined when binary or none came). */
export function lastTextStart(t: Transcript): string | undefined {
  const last = t.received.last;
  if (last?.type !== 'text') return undefined;
  return last.preview.replace(/… \(\d+ bytes\)$/, '');
}

/** The last text frame parsed as a JSON object (undefined when it is not one, or was cut). */
export function lastJsonObject(t: Transcript): Record<string, unknown> | undefined {
  const text = lastText(t);
  return text === undefined ? undefined : jsonObjectFrame(text);
}

/** The last binary frame: its length and its first (up to 32) bytes. */
export function lastBytes(t: Transcript): { length: number; head: Buffer } | undefined {
  const last = t.received.last;
  const m = last?.type === 'bytes' ? /^<(\d+) bytes> ?([0-9a-f ]*)/.exec(last.preview) : null;
  if (!m) return undefined;
  return { length: Number(m[1]), head: Buffer.from(m[2]!.replace(/ /g, ''), 'hex') };
}
