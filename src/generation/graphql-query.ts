/**
 * GraphQL documents and variables for subscribe/start payloads: operations built
 * from a small field vocabulary (names real schemas use, and the route's own names when
 * its code tells them) plus random names, with arguments, variable definitions and nested
 * selection sets, and now and then a document that does not parse. Shrinking lands on
 * `subscription { id }`. Operations from a known schema are graphql-schema.ts's.
 */
import fc from 'fast-check';
import { jsonArb } from './json.js';
import { textArb } from './text.js';

const FIELDS = ['id', 'name', 'message', 'messages', 'user', 'users', 'node', 'greetings', 'countdown', 'time', 'count', 'items', 'data', '__typename'];

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

function nameArbOf(names: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,11}$/) });
}

export const graphqlNameArb: fc.Arbitrary<string> = nameArbOf(FIELDS);

const TYPES = ['Int', 'String', 'Boolean', 'ID', 'Float', 'Int!', 'String!', '[String]', 'Input'];

function operationsOf(nameArb: fc.Arbitrary<string>): fc.Arbitrary<fc.JsonValue> {
  const argValueArb = fc.oneof(
    fc.integer({ min: -1000, max: 1_000_000 }).map(String),
    fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null', '[]', '{}'),
    nameArb.map((n) => `$${n}`),
  );
  const argsArb = fc
    .array(fc.tuple(nameArb, argValueArb), { maxLength: 2 })
    .map((args) => (args.length ? `(${args.map(([n, v]) => `${n}: ${v}`).join(', ')})` : ''));
  const leafFieldArb = fc.tuple(nameArb, argsArb).map(([n, a]) => n + a);
  const setOf = (field: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.array(field, { minLength: 1, maxLength: 3 }).map((fs) => `{ ${fs.join(' ')} }`);
  const withSub = (sub: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc.tuple(leafFieldArb, fc.option(sub, { nil: '' })).map(([f, s]) => (s ? `${f} ${s}` : f));
  // Selection sets three levels deep at most.
  const selectionSetArb = setOf(withSub(setOf(withSub(setOf(leafFieldArb)))));
  const operationArb = fc
    .record({
      kind: fc.constantFrom('subscription', 'query', 'mutation', ''),
      name: fc.option(nameArb, { nil: undefined }),
      vars: fc.array(fc.tuple(nameArb, fc.constantFrom(...TYPES)), { maxLength: 2 }),
      set: selectionSetArb,
    })
    .map(({ kind, name, vars, set }) => {
      if (!kind) return set; // the shorthand query `{ ... }`
      const defs = vars.length ? `(${vars.map(([n, t]) => `$${n}: ${t}`).join(', ')})` : '';
      return `${kind}${name ? ` ${name}` : ''}${defs} ${set}`;
    });
  // A document: usually a well-formed operation, sometimes text that is not GraphQL.
  const documentArb = fc.oneof({ weight: 9, arbitrary: operationArb }, { weight: 1, arbitrary: textArb({ maxLength: 24 }) });
  const variablesArb = fc.dictionary(nameArb, jsonArb({ maxDepth: 2, deepDepth: 4 }), { maxKeys: 3 });
  // `{ query, variables?, operationName? }`, as both protocols carry it.
  return fc.record(
    {
      query: documentArb,
      variables: fc.option(variablesArb, { nil: null }),
      operationName: fc.option(nameArb, { nil: null }),
    },
    { requiredKeys: ['query'] },
  );
}

/** `{ query, variables?, operationName? }` of the common vocabulary. */
export const operationPayloadArb: fc.Arbitrary<fc.JsonValue> = operationsOf(graphqlNameArb);

/**
 * The same, with `names` (a route's literals: field names its code mentions) first in the
 * vocabulary; the common vocabulary when none of them is a GraphQL name.
 */
export function operationPayloadArbOf(names: readonly string[]): fc.Arbitrary<fc.JsonValue> {
  const own = [...new Set(names.filter((n) => NAME.test(n) && n.length <= 64))];
  if (!own.length) return operationPayloadArb;
  return operationsOf(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: graphqlNameArb }));
}
