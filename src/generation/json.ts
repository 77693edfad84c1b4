/**
 * JSON messages: fast-check's JSON values (objects, arrays, null, strings,
 * doubles), edge numbers that break naive parsers and number handling, and
 * deliberately deep nesting, which random JSON alone reaches too rarely.
 */
import fc from 'fast-check';
import { textArb } from './text.js';

export interface JsonConstraints {
  /** 4. Depth of ordinary values. */
  maxDepth?: number;
  /** 64. Nesting of the deep variant (arrays and objects wrapped around a leaf). */
  deepDepth?: number;
}

const EDGE_NUMBERS = [
  0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 32,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
  1e-7,
];

const leafArb: fc.Arbitrary<fc.JsonValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  textArb({ maxLength: 16 }),
);

/** A leaf wrapped `depth` times in arrays or single-key objects. */
function deepArb(maxDepth: number): fc.Arbitrary<fc.JsonValue> {
  return fc
    .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: maxDepth }), fc.constantFrom<fc.JsonValue>(null, 0, '', [], {}))
    .map(([wrappers, leaf]) => wrappers.reduceRight<fc.JsonValue>((inner, asArray) => (asArray ? [inner] : { a: inner }), leaf));
}

export function jsonArb(c: JsonConstraints = {}): fc.Arbitrary<fc.JsonValue> {
  const maxDepth = c.maxDepth ?? 4;
  const ordinary = fc.letrec<{ value: fc.JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      { weight: 3, arbitrary: leafArb },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
      { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 5 }) },
    ),
  })).value;
  return fc.oneof({ withCrossShrink: true }, { weight: 8, arbitrary: ordinary }, { weight: 1, arbitrary: deepArb(c.deepDepth ?? 64) });
}
