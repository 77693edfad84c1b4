/**
 * A filter that gives up. fast-check's `filter` draws until its predicate holds, forever
 * when it never can (a `pattern` whose matches are all longer than `maxLength`, more
 * unique items than an enum has), and in a synchronous loop that no signal interrupts:
 * the run hung and ignored SIGTERM. `preferring` draws TRIES values and takes the first
 * that holds, else the first drawn, which may then miss the bound (as a pattern JS
 * cannot read already may): bounded work whatever the schema says.
 */
import fc from 'fast-check';

export const TRIES = 8;

export function preferring<T>(arb: fc.Arbitrary<T>, ok: (value: T) => boolean, tries = TRIES): fc.Arbitrary<T> {
  return fc.array(arb, { minLength: tries, maxLength: tries }).map((drawn) => drawn.find(ok) ?? (drawn[0] as T));
}
