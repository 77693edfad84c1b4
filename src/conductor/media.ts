/**
 * Media (structured messages), as Falcon's WebSocket media handlers do it: JSON travels
 * as a text frame, MessagePack as a binary frame, so a received message decodes by its
 * frame kind whatever the sending side chose.
 */
import { decode, encode } from '@msgpack/msgpack';
import { MediaDecodeError, type FrameKind } from './errors.js';

/** 'json' (text frames, the default) or 'msgpack' (binary frames). */
export type MediaType = 'json' | 'msgpack';

export function encodeMedia(value: unknown, media: MediaType): { kind: FrameKind; data: string | Uint8Array } {
  if (media === 'msgpack') return { kind: 'binary', data: encode(value) };
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`sendMedia: ${typeof value} cannot be sent as JSON`);
  return { kind: 'text', data: text };
}

export function decodeMedia(kind: FrameKind, data: string | Buffer): unknown {
  try {
    return kind === 'text' ? JSON.parse(data as string) : decode(data as Buffer);
  } catch (err) {
    throw new MediaDecodeError(kind, err);
  }
}
