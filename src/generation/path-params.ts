/**
 * Values for path parameters, by declared type, already URL-encoded. Strings are
 * non-empty and never `.`/`..` (URL normalisation would change the route); ints and
 * floats are non-negative because Starlette's and Litestar's convertors reject a sign.
 */
import fc from 'fast-check';
import type { ParamType, PathParam } from '../discovery/route.js';

const SEGMENT_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_', 'é', '日', '😀', ' '];

const segmentArb = fc.string({ unit: fc.constantFrom(...SEGMENT_CHARS), minLength: 1, maxLength: 16 }).map(encodeURIComponent);

const ARBS: Record<ParamType, fc.Arbitrary<string>> = {
  str: segmentArb,
  int: fc.oneof(fc.nat({ max: 1000 }), fc.nat()).map(String),
  float: fc.tuple(fc.nat({ max: 100_000 }), fc.nat({ max: 999 })).map(([i, f]) => `${i}.${f}`),
  uuid: fc.uuid(),
  path: fc.array(segmentArb, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
};

export function pathParamsArb(params: PathParam[]): fc.Arbitrary<Record<string, string>> {
  return fc.record(Object.fromEntries(params.map((p) => [p.name, ARBS[p.type]])));
}
