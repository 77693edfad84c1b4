/**
 * GraphQL operations generated from the route's schema (SDL from the app's schema object, or
 * from introspection over the route: `introspection*` below), so that a request gets past the
 * server's validation to its resolvers, its context function and its subscription code, where
 * the bugs are: a query, mutation or subscription of one real root field, arguments of their
 * declared types (required ones always, optional ones now and then; inline, or as variables
 * with their definitions), and a selection of real fields two levels deep. Values stay within
 * their types but reach the edges (0, -1, 2^31-1, '', long and astral strings, null where
 * nullable, empty lists). The schema is built with the `graphql` package.
 */
import fc from 'fast-check';
import {
  astFromValue,
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isScalarType,
  isUnionType,
  print,
} from 'graphql';
import { introspectionQuery, sdlOfIntrospection } from '../discovery/graphql-sdl.js';

type Json = fc.JsonValue;

/** Nested selections below the root field, at most. */
const MAX_DEPTH = 2;
/** Input objects nested in input objects, at most. */
const MAX_INPUT_DEPTH = 3;

const built = new Map<string, GraphQLSchema | undefined>();

/** The schema of SDL text, built once; undefined when it does not build. */
export function schemaOf(sdl: string): GraphQLSchema | undefined {
  if (!built.has(sdl)) {
    let schema: GraphQLSchema | undefined;
    try {
      schema = buildSchema(sdl, { assumeValidSDL: true });
    } catch {
      schema = undefined;
    }
    built.set(sdl, schema);
  }
  return built.get(sdl);
}

const INT_EDGES = [0, 1, -1, 2_147_483_647, -2_147_483_648, 42];

function scalarArb(name: string): fc.Arbitrary<Json> {
  switch (name) {
    case 'Int':
      return fc.oneof(fc.constantFrom(...INT_EDGES), fc.integer({ min: -1000, max: 1000 }), fc.integer());
    case 'Float':
      return fc.oneof(fc.constantFrom(0, -1.5, 1e308, 5e-324), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return fc.oneof(fc.constantFrom('1', '0', '-1', 'abc'), fc.string({ maxLength: 12 }), fc.nat().map(String));
    case 'String':
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ maxLength: 16 }) },
        { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '😀', '\u0000', 'x'.repeat(1000)) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
      );
    default:
      // A custom scalar (JSON, DateTime, ...): whatever its parser makes of a string or a number.
      return fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constantFrom<Json>('2024-01-01T00:00:00Z', true));
  }
}

/** A JSON value of an input type, as a variable carries it. */
function inputValueArb(type: GraphQLInputType, depth = 0): fc.Arbitrary<Json> {
  if (isNonNullType(type)) return nonNullValueArb(type.ofType, depth);
  const value = nonNullValueArb(type, depth);
  return fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

function nonNullValueArb(type: GraphQLInputType, depth: number): fc.Arbitrary<Json> {
  if (isNonNullType(type)) return nonNullValueArb(type.ofType, depth);
  if (isListType(type)) return fc.array(inputValueArb(type.ofType as GraphQLInputType, depth), { maxLength: 3 });
  if (isEnumType(type)) {
    const names = type.getValues().map((v) => v.name);
    return names.length ? fc.constantFrom(...names) : fc.constant(null);
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    // Past the depth only the required fields, so a recursive input type still ends.
    const optional = depth >= MAX_INPUT_DEPTH ? [] : fields.filter((f) => !required.includes(f));
    const model: Record<string, fc.Arbitrary<Json>> = {};
    for (const f of [...required, ...optional]) model[f.name] = inputValueArb(f.type, depth + 1);
    return fc.record(model, { requiredKeys: required.map((f) => f.name) }) as fc.Arbitrary<Json>;
  }
  if (isScalarType(type)) return scalarArb(type.name);
  return fc.constant(null);
}

/** A value as a GraphQL literal of its type (enums bare, input objects as objects); undefined when it has none. */
function literalOf(value: Json, type: GraphQLInputType): string | undefined {
  try {
    const ast = astFromValue(value, type);
    return ast ? print(ast) : undefined;
  } catch {
    return undefined;
  }
}

interface ArgsDraw {
  /** `(a: 1, b: $b)`, or '' */
  text: string;
  /** The variables' definitions and values (root fields only). */
  defs: string[];
  variables: Record<string, Json>;
}

/** Arguments of a field: the required ones, and each optional one half the time; as variables where `asVariables`. */
function argsArb(args: readonly GraphQLArgument[], asVariables: boolean): fc.Arbitrary<ArgsDraw> {
  if (args.length === 0) return fc.constant({ text: '', defs: [], variables: {} });
  const one = (arg: GraphQLArgument): fc.Arbitrary<{ arg: GraphQLArgument; value: Json; variable: boolean } | undefined> => {
    const drawn = fc.record({ value: inputValueArb(arg.type), variable: asVariables ? fc.boolean() : fc.constant(false) }).map((d) => ({ arg, ...d }));
    return isRequiredArgument(arg) ? drawn : fc.option(drawn, { nil: undefined, freq: 2 });
  };
  return fc.tuple(...args.map(one)).map((draws) => {
    const parts: string[] = [];
    const defs: string[] = [];
    const variables: Record<string, Json> = {};
    for (const d of draws) {
      if (!d) continue;
      const literal = d.variable ? undefined : literalOf(d.value, d.arg.type);
      if (literal !== undefined) {
        parts.push(`${d.arg.name}: ${literal}`);
        continue;
      }
      defs.push(`$${d.arg.name}: ${String(d.arg.type)}`);
      variables[d.arg.name] = d.value;
      parts.push(`${d.arg.name}: $${d.arg.name}`);
    }
    return { text: parts.length ? `(${parts.join(', ')})` : '', defs, variables };
  });
}

/** Nested fields' arguments are inline, so their values must print as literals of the type. */
function nestedArgsArb(field: GraphQLField<unknown, unknown>): fc.Arbitrary<string> {
  return argsArb(field.args, false).map((a) => a.text);
}

class Selections {
  readonly #memo = new Map<string, fc.Arbitrary<string>>();

  /** `{ ... }` for a composite type, `depth` levels below the root field. */
  of(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
    const key = `${type.name}:${depth}`;
    let arb = this.#memo.get(key);
    if (!arb) {
      arb = this.#build(type, depth);
      this.#memo.set(key, arb);
    }
    return arb;
  }

  #build(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
    if (isUnionType(type)) {
      const members = type.getTypes();
      if (!members.length || depth >= MAX_DEPTH) return fc.constant('{ __typename }');
      return fc
        .subarray(
          members.map((m) => this.of(m, depth + 1).map((sel) => `... on ${m.name} ${sel}`)),
          { minLength: 0, maxLength: 2 },
        )
        .chain((arbs) => (arbs.length ? fc.tuple(...arbs) : fc.constant([] as string[])))
        .map((frags) => `{ __typename ${frags.join(' ')} }`.replace(/ {2}/g, ' '));
    }
    if (!isObjectType(type) && !isInterfaceType(type)) return fc.constant('{ __typename }');
    const fields = Object.values(type.getFields()).filter((f) => {
      const named = getNamedType(f.type);
      return isLeafType(named) || (depth < MAX_DEPTH && isCompositeType(named));
    });
    if (!fields.length) return fc.constant('{ __typename }');
    const fieldArbs = fields.map((f) => this.#field(f, depth));
    return fc
      .shuffledSubarray(fieldArbs, { minLength: 1, maxLength: Math.min(4, fieldArbs.length) })
      .chain((arbs) => fc.tuple(...arbs))
      .map((parts) => `{ ${parts.join(' ')} }`);
  }

  #field(f: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
    const named = getNamedType(f.type);
    const args = nestedArgsArb(f);
    if (isLeafType(named)) return args.map((a) => f.name + a);
    return fc.tuple(args, this.of(named, depth + 1)).map(([a, sel]) => `${f.name}${a} ${sel}`);
  }
}

type OperationKind = 'query' | 'mutation' | 'subscription';

function rootFieldOps(kind: OperationKind, root: GraphQLObjectType, selections: Selections): Array<fc.Arbitrary<Json>> {
  return Object.values(root.getFields()).map((field) => {
    const named = getNamedType(field.type);
    const selection = isLeafType(named) ? fc.constant('') : selections.of(named, 1);
    return fc.record({ args: argsArb(field.args, true), selection, named: fc.boolean() }).map(({ args, selection: sel, named: withName }): Json => {
      const name = `Wsroutes${kind[0]!.toUpperCase()}${kind.slice(1)}`;
      const defs = args.defs.length ? `(${args.defs.join(', ')})` : '';
      const query = `${kind}${withName ? ` ${name}` : ''}${defs} { ${field.name}${args.text}${sel ? ` ${sel}` : ''} }`;
      return {
        query,
        ...(args.defs.length ? { variables: args.variables } : {}),
        ...(withName ? { operationName: name } : {}),
      };
    });
  });
}

/**
 * `{ query, variables?, operationName? }` payloads of valid operations on the schema, each
 * of one root field (subscriptions drawn most: a WebSocket route is where they live); undefined
 * for a schema with no root field.
 */
export function schemaPayloadArb(schema: GraphQLSchema): fc.Arbitrary<Json> | undefined {
  const selections = new Selections();
  const groups: Array<{ weight: number; arbitrary: fc.Arbitrary<Json> }> = [];
  const roots: Array<[OperationKind, GraphQLObjectType | null | undefined, number]> = [
    ['subscription', schema.getSubscriptionType(), 3],
    ['query', schema.getQueryType(), 2],
    ['mutation', schema.getMutationType(), 2],
  ];
  for (const [kind, root, weight] of roots) {
    if (!root) continue;
    const ops = rootFieldOps(kind, root, selections);
    if (ops.length) groups.push({ weight, arbitrary: fc.oneof(...ops) });
  }
  return groups.length ? fc.oneof(...groups) : undefined;
}

/** The id of the introspection operation on a probe connection. */
export const INTROSPECTION_ID = 'wsroutes-introspection';

/** The introspection query as an operation payload. */
export function introspectionPayload(): { query: string } {
  return { query: introspectionQuery() };
}

/** Whether a server frame answers the introspection operation (its result, or an error for it). */
export function answersIntrospection(text: string): boolean {
  try {
    const m = JSON.parse(text) as { id?: unknown; type?: unknown };
    return m.id === INTROSPECTION_ID && typeof m.type === 'string' && m.type !== 'ka';
  } catch {
    return false;
  }
}

/** The schema an introspection answer (`next`/`data` carrying `__schema`) describes, as SDL; undefined for anything else (an error: introspection disabled). */
export function sdlFromIntrospection(text: string): string | undefined {
  try {
    return sdlOfIntrospection((JSON.parse(text) as { payload?: { data?: unknown } }).payload?.data);
  } catch {
    return undefined;
  }
}
