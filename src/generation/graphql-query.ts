/**
 * GraphQL documents and variables for subscribe/start payloads: operations built
 * from a small field vocabulary (names real schemas use) plus random names, with
 * arguments, variable definitions and nested selection sets, and now and then a
 * document that does not parse. Shrinking lands on `subscription { id }`.
 */
import fc from 'fast-check';
import { jsonArb } from './json.js';
import { textArb } from './text.js';

const FIELDS = ['id', 'name', 'message', 'messages', 'user', 'users', 'node', 'greetings', 'countdown', 'time', 'count', 'items', 'data', '__typename'];

export const graphqlNameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FIELDS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,11}$/) },
);

const argValueArb = fc.oneof(
  fc.integer({ min: -1000, max: 1_000_000 }).map(String),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'false', 'null', '[]', '{}'),
  graphqlNameArb.map((n) => `$${n}`),
);

const argsArb = fc
  .array(fc.tuple(graphqlNameArb, argValueArb), { maxLength: 2 })
  .map((args) => (args.length ? `(${args.map(([n, v]) => `${n}: ${v}`).join(', ')})` : ''));

const leafFieldArb = fc.tuple(graphqlNameArb, argsArb).map(([n, a]) => n + a);
const setOf = (field: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.array(field, { minLength: 1, maxLength: 3 }).map((fs) => `{ ${fs.join(' ')} }`);
const withSub = (sub: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(leafFieldArb, fc.option(sub, { nil: '' })).map(([f, s]) => (s ? `${f} ${s}` : f));

/** Selection sets three levels deep at most. */
export const selectionSetArb: fc.Arbitrary<string> = setOf(withSub(setOf(withSub(setOf(leafFieldArb)))));

const TYPES = ['Int', 'String', 'Boolean', 'ID', 'Float', 'Int!', 'String!', '[String]', 'Input'];

const operationArb = fc
  .record({
    kind: fc.constantFrom('subscription', 'query', 'mutation', ''),
    name: fc.option(graphqlNameArb, { nil: undefined }),
    vars: fc.array(fc.tuple(graphqlNameArb, fc.constantFrom(...TYPES)), { maxLength: 2 }),
    set: selectionSetArb,
  })
  .map(({ kind, name, vars, set }) => {
    if (!kind) return set; // the shorthand query `{ ... }`
    const defs = vars.length ? `(${vars.map(([n, t]) => `$${n}: ${t}`).join(', ')})` : '';
    return `${kind}${name ? ` ${name}` : ''}${defs} ${set}`;
  });

/** A document: usually a well-formed operation, sometimes text that is not GraphQL. */
export const graphqlDocumentArb: fc.Arbitrary<string> = fc.oneof({ weight: 9, arbitrary: operationArb }, { weight: 1, arbitrary: textArb({ maxLength: 24 }) });

export const variablesArb: fc.Arbitrary<Record<string, fc.JsonValue>> = fc.dictionary(graphqlNameArb, jsonArb({ maxDepth: 2, deepDepth: 4 }), { maxKeys: 3 });

/** `{ query, variables?, operationName? }`, as both protocols carry it. */
export const operationPayloadArb: fc.Arbitrary<fc.JsonValue> = fc.record(
  {
    query: graphqlDocumentArb,
    variables: fc.option(variablesArb, { nil: null }),
    operationName: fc.option(graphqlNameArb, { nil: null }),
  },
  { requiredKeys: ['query'] },
);
