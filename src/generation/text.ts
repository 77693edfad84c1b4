/**
 * Text messages over the whole of Unicode. Code points are drawn from weighted
 * ranges so short realistic ASCII dominates while NUL, C0 controls, the BMP and
 * astral planes all come up often; lone surrogates are left out because a text
 * frame must be valid UTF-8 (RFC 6455 section 5.6).
 */
import fc from 'fast-check';

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
  const long = fc.string({ unit: charArb, maxLength: c.longLength, size: 'max' });
  return fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: short }, { weight: 1, arbitrary: long });
}
