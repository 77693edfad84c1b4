/**
 * The tRPC procedures a Node app's router declares (Route.procedures), read from the app's
 * own source, as literals-node.ts reads it (the app module and its local imports): a
 * property whose value is a procedure builder chain ending in `.query(...)`,
 * `.mutation(...)` or `.subscription(...)` is a procedure, and one whose value is a router
 * (`t.router({...})`, `router({...})`, `createTRPCRouter({...})`, a plain nested object,
 * or a name bound to one of those) nests its procedures under its key (`post.add`). The
 * routers no other router nests are the roots. A tRPC route's requests then call them by
 * name with their own type (protocols/trpc.ts); without them, only made-up paths, which
 * tRPC answers NOT_FOUND before any handler runs.
 */
import type { Procedure, Route } from './route.js';
import { type AstNode, isIdent, isNode, loadParser, propertyName, readLocalModules, stringValue, walk } from './literals-node.js';

const MAX_PROCEDURES = 100;
const MAX_DEPTH = 8;
const TYPES = new Set<string>(['query', 'mutation', 'subscription']);

/** The routes with `procedures` set on every WebSocket route (not a Socket.IO namespace) when the source declares some; never throws. */
export async function withNodeProcedures(routes: Route[], appFile: string | undefined): Promise<Route[]> {
  if (!appFile || !routes.some((r) => r.kind === 'websocket' && !r.socketio)) return routes;
  try {
    const parse = await loadParser();
    if (!parse) return routes;
    const procedures = proceduresIn(readLocalModules(appFile, parse));
    if (!procedures.length) return routes;
    return routes.map((r) => (r.kind === 'websocket' && !r.socketio ? { ...r, procedures } : r));
  } catch {
    return routes;
  }
}

/** The procedures of the root routers of these modules, in source order. */
export function proceduresIn(modules: AstNode[]): Procedure[] {
  const bindings = new Map<string, AstNode>();
  const routerCalls: AstNode[] = [];
  for (const ast of modules) {
    walk(ast, (node) => {
      if (node.type === 'VariableDeclarator' && isIdent(node.id) && isNode(node.init)) bindings.set(node.id.name, node.init);
      if (isRouterCall(node)) routerCalls.push(node);
      return undefined;
    });
  }
  const nested = new Set<AstNode>();
  const perRouter = routerCalls.map((call) => {
    const out: Procedure[] = [];
    collect((call.arguments as AstNode[])[0]!, '', 0, { bindings, nested, out });
    return { call, out };
  });
  const seen = new Set<string>();
  const procedures: Procedure[] = [];
  for (const { call, out } of perRouter) {
    if (nested.has((call.arguments as AstNode[])[0]!)) continue;
    for (const p of out) {
      const key = `${p.type} ${p.path}`;
      if (seen.has(key) || procedures.length >= MAX_PROCEDURES) continue;
      seen.add(key);
      procedures.push(p);
    }
  }
  return procedures;
}

interface Walk {
  bindings: Map<string, AstNode>;
  /** Router objects found nested in another router: not roots. */
  nested: Set<AstNode>;
  out: Procedure[];
}

/** `router({...})`, `t.router({...})`, `createTRPCRouter({...})`: a call of a `*router` function with an object. */
function isRouterCall(node: AstNode): boolean {
  if (node.type !== 'CallExpression') return false;
  const arg = (node.arguments as AstNode[])[0];
  if (arg?.type !== 'ObjectExpression') return false;
  const callee = node.callee as AstNode;
  const name = isIdent(callee) ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && /router$/i.test(name);
}

/** Through `as`, `satisfies`, `!` and parentheses. */
function unwrap(node: AstNode): AstNode {
  let n = node;
  while (['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression'].includes(n.type) && isNode(n.expression))
    n = n.expression;
  return n;
}

/** A name bound to an expression in the modules, followed a few times. */
function resolve(node: AstNode, bindings: Map<string, AstNode>): AstNode {
  let n = unwrap(node);
  for (let i = 0; i < MAX_DEPTH && isIdent(n) && bindings.has(n.name); i++) n = unwrap(bindings.get(n.name)!);
  return n;
}

/** `t.procedure.input(...).query(fn)`: the type of the builder chain's last call. */
function procedureType(node: AstNode): Procedure['type'] | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee as AstNode;
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && TYPES.has(name) ? (name as Procedure['type']) : undefined;
}

function keyOf(prop: AstNode): string | undefined {
  const key = prop.key as AstNode;
  if (!prop.computed && isIdent(key)) return key.name;
  return stringValue(key);
}

function collect(object: AstNode, prefix: string, depth: number, w: Walk): void {
  if (depth > MAX_DEPTH || object.type !== 'ObjectExpression') return;
  for (const prop of object.properties as AstNode[]) {
    if (prop.type !== 'ObjectProperty' || !isNode(prop.value)) continue;
    const key = keyOf(prop);
    if (key === undefined) continue;
    const value = resolve(prop.value, w.bindings);
    const type = procedureType(value);
    if (type) {
      w.out.push({ path: prefix + key, type });
      continue;
    }
    const inner = value.type === 'ObjectExpression' ? value : isRouterCall(value) ? (value.arguments as AstNode[])[0]! : undefined;
    if (!inner) continue;
    w.nested.add(inner);
    collect(inner, `${prefix}${key}.`, depth + 1, w);
  }
}
