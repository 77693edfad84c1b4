/**
 * Binary messages: mostly short, sometimes empty, sometimes large (up to the
 * size bound) so buffer-handling bugs show up.
 *
 * The large payload is a length and a seed, its bytes filled from the seed by
 * xorshift32 rather than drawn by `fc.uint8Array`: that draws one byte at a time
 * (about 5 ms per 64 KiB, three quarters of all generation in a run), and shrinking
 * such an array byte by byte never ends within the shrink budget anyway. What a large
 * payload is for, its size, shrinks as before: the length shrinks (a shorter length
 * is a prefix of the same bytes), the seed towards 0 (all zero bytes), and the cross
 * shrink leads to the short payloads.
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
  const large = fc.record({ length: fc.nat({ max: c.largeLength }), seed: fc.nat() }).map(({ length, seed }) => seededBytes(length, seed));
  return fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: small }, { weight: 1, arbitrary: large });
}

/** Marsaglia's xorshift32: the next 32-bit state (0 stays 0). */
export function xorshift32(x: number): number {
  let y = x ^ (x << 13);
  y ^= y >>> 17;
  y ^= y << 5;
  return y >>> 0;
}

/** `length` bytes from xorshift32 started at `seed`; seed 0 gives zeros, and a shorter length a prefix. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(length / 4));
  let x = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    x = xorshift32(x);
    words[i] = x;
  }
  return new Uint8Array(words.buffer, 0, length);
}
