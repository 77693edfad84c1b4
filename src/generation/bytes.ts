/**
 * Binary messages: mostly short, sometimes empty, sometimes large (up to the
 * size bound) so buffer-handling bugs show up.
 */
import fc from 'fast-check';

export interface BytesConstraints {
  /** 64. Length of ordinary payloads. */
  maxLength?: number;
  /** 0 (off). Length of the occasional large payload. */
  largeLength?: number;
}

export function bytesArb(c: BytesConstraints = {}): fc.Arbitrary<Uint8Array> {
  const maxLength = c.maxLength ?? 64;
  const small = fc.uint8Array({ maxLength });
  if (!c.largeLength || c.largeLength <= maxLength) return small;
  const large = fc.uint8Array({ maxLength: c.largeLength, size: 'max' });
  return fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: small }, { weight: 1, arbitrary: large });
}
