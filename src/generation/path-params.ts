/**
 * Values for path parameters, by declared type, already URL-encoded. Strings are
 * non-empty and never `.`/`..` (URL normalisation would change the route); ints and
 * floats are non-negative because Starlette's and Litestar's convertors reject a sign.
 * A parameter with a pattern gets values drawn from it (param-pattern.ts).
 */
import fc from 'fast-check';
import type { ParamType, PathParam } from '../discovery/route.js';
import { patternValueArb } from './param-pattern.js';

const SEGMENT_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_', 'é', '日', '😀', ' '];

const segmentTextArb = fc.string({ unit: fc.constantFrom(...SEGMENT_CHARS), minLength: 1, maxLength: 16 });
const segmentArb = segmentTextArb.map(encodeURIComponent);
/**
 * Decoded values a pattern picks from (param-pattern.ts): mostly word characters, with
 * letters beyond ASCII (which Python's `\w` takes) and now and then punctuation, space or
 * an emoji; some long (a name past a limit).
 */
const patternUnit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_') },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', 'ñ', '日', 'Ж') },
  { weight: 1, arbitrary: fc.constantFrom('-', '.', ' ', '😀') },
);
const patternCandidates = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: patternUnit, minLength: 1, maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: patternUnit, minLength: 17, maxLength: 128 }) },
);

const ARBS: Record<ParamType, fc.Arbitrary<string>> = {
  str: segmentArb,
  int: fc.oneof(fc.nat({ max: 1000 }), fc.nat()).map(String),
  float: fc.tuple(fc.nat({ max: 100_000 }), fc.nat({ max: 999 })).map(([i, f]) => `${i}.${f}`),
  uuid: fc.uuid(),
  path: fc.array(segmentArb, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
};

export function pathParamsArb(params: PathParam[]): fc.Arbitrary<Record<string, string>> {
  return fc.record(Object.fromEntries(params.map((p) => [p.name, (p.pattern && patternValueArb(p.pattern, patternCandidates)) || ARBS[p.type]])));
}
