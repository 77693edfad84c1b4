/**
 * Text messages over the whole of Unicode. Code points are drawn from weighted
 * ranges so short realistic ASCII dominates while NUL, C0 controls, the BMP and
 * astral planes all come up often; lone surrogates are left out because a text
 * frame must be valid UTF-8 (RFC 6455 section 5.6).
 *
 * The occasional long string is a length and a seed, its characters picked from the
 * same weighted ranges by xorshift32 (as bytes.ts does for large payloads): drawing
 * 4096 characters one fast-check value at a time cost more than all other messages
 * together, and a long string is there for its size, which shrinks as before (a
 * shorter length is a prefix; seed 0 gives spaces).
 */
import fc from 'fast-check';
import { xorshift32 } from './bytes.js';

export interface TextConstraints {
  /** 64. Length (code points) of ordinary strings. */
  maxLength?: number;
  /** 0 (off). Length of the occasional long string; 0 disables long strings. */
  longLength?: number;
}

const codePoint = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((cp) => String.fromCodePoint(cp));

/** One character: printable ASCII first so shrinking lands on readable values. */
export const charArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 2, arbitrary: codePoint(0x00, 0x1f) },
  { weight: 1, arbitrary: fc.constantFrom('\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffd') },
  { weight: 2, arbitrary: fc.oneof(codePoint(0x80, 0xd7ff), codePoint(0xe000, 0xffff)) },
  { weight: 1, arbitrary: codePoint(0x10000, 0x10ffff) },
);

export function textArb(c: TextConstraints = {}): fc.Arbitrary<string> {
  const maxLength = c.maxLength ?? 64;
  const short = fc.string({ unit: charArb, maxLength });
  if (!c.longLength || c.longLength <= maxLength) return short;
  // No minimum length: a long failing string must be able to shrink to a short one.
  const long = fc.record({ length: fc.nat({ max: c.longLength }), seed: fc.nat() }).map(({ length, seed }) => seededText(length, seed));
  return fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: short }, { weight: 1, arbitrary: long });
}

const SPECIALS = [0x7f, 0x85, 0xa0, 0x2028, 0x2029, 0xfeff, 0xfffd];

/** One code point from a 32-bit draw, weighted as `charArb` (8 ASCII, 2 C0, 1 special, 2 BMP, 1 astral); 0 is a space. */
function codePointOf(x: number): number {
  const bucket = x % 14;
  const r = Math.floor(x / 14);
  if (bucket < 8) return 0x20 + (r % 0x5f);
  if (bucket < 10) return r % 0x20;
  if (bucket < 11) return SPECIALS[r % SPECIALS.length]!;
  // The BMP without the surrogates: 0x80..0xd7ff, then 0xe000..0xffff.
  if (bucket < 13) {
    const k = r % (0xd800 - 0x80 + 0x10000 - 0xe000);
    return k < 0xd800 - 0x80 ? 0x80 + k : 0xe000 + k - (0xd800 - 0x80);
  }
  return 0x10000 + (r % 0x100000);
}

/** `length` code points from xorshift32 started at `seed`; a shorter length gives a prefix. */
export function seededText(length: number, seed: number): string {
  const points = new Array<number>(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = xorshift32(x);
    points[i] = codePointOf(x);
  }
  let out = '';
  // fromCodePoint takes its arguments on the stack: in chunks.
  for (let i = 0; i < length; i += 1024) out += String.fromCodePoint(...points.slice(i, i + 1024));
  return out;
}
