/**
 * The literals a Node app's handlers dispatch on (Route.literals, issue 10), read from
 * the app's own source: `switch (msg.type) { case 'join': }`, `data === 'goodbye'`,
 * `text.startsWith('/nick')`, `handlers[msg.action]` over `{ join, leave }`, constants
 * compared instead of the words (`type === MOVE`, `Kind.MOVE`, an enum member, imported
 * from a local module or not), and the keys read from a parsed message (`msg.room`,
 * `data['room']`, `const { type, room } = JSON.parse(raw)`), also where the message is
 * handed to a function of the app (`handleMove(ws, msg)` -> `function handleMove(ws, { row, col })`).
 *
 * Sources: the app module and its local imports (relative specifiers, never node_modules;
 * at most MAX_FILES files of MAX_FILE_BYTES each), and the source of the handler functions
 * the app value holds where that is generic (a ws server's `connection` listeners,
 * through `Function.prototype.toString`). A route's scope is what registers it: a call
 * whose string argument is the route's path, or the longest one that ends it (a prefix
 * applied elsewhere): `app.ws('/chat', fn)`, `f.get('/echo', { websocket: true }, fn)` in
 * a plugin under `/ws`, `app.get('/ws', upgradeWebSocket(...))`; a class whose decorator
 * names the path (`@WebSocketGateway({ path: '/events' })`); else, for a lone route, the
 * handler functions. The scope is followed into the functions and methods of the app's
 * modules it names (`ws.on('message', onMessage)`, `this.service.join(...)`), bounded; when
 * nothing names the route, every module read is its scope.
 *
 * Parser: @babel/parser with the typescript plugin. It parses TypeScript (decorators
 * included, for Nest gateways) and JavaScript of any module kind as written, with error
 * recovery, in plain JS without native parts, and is maintained by the Babel project;
 * esbuild (under tsx) only transforms, it gives no syntax tree, and TypeScript's own
 * compiler is a development dependency, far larger. It is loaded lazily: without it,
 * routes simply get no literals.
 */
import { statSync } from 'node:fs';
import { readModuleTree, resolveLocalImport } from './module-tree.js';
import type { Route, RouteLiterals } from './route.js';

const MAX_FILES = 20;

const MAX_FUNCTIONS = 40;
const MAX_STRINGS = 50;
const MAX_NUMBERS = 50;
const MAX_KEYS = 50;
const MAX_LENGTH = 200;

/** A Babel AST node, read generically. */
export interface AstNode {
  type: string;
  [key: string]: unknown;
}

export type Parse = (code: string, options: Record<string, unknown>) => AstNode;

export interface NodeLiteralSources {
  /** The app module (absolute), when the app came from a file. */
  appFile?: string;
  /** The app value the adapter started (a ws server's listeners are read from it). */
  app?: unknown;
}

/** The routes with `literals` set where their handlers' source holds some; never throws. */
export async function withNodeLiterals(routes: Route[], sources: NodeLiteralSources): Promise<Route[]> {
  try {
    const parse = await loadParser();
    if (!parse) return routes;
    const files = sources.appFile ? readLocalModules(sources.appFile, parse) : [];
    const handlers = handlerFunctions(sources.app).flatMap((fn) => parseSafe(parse, `(${fn});`, 'handler.js') ?? []);
    if (!files.length && !handlers.length) return routes;
    const index = new ModuleIndex([...files, ...handlers]);
    return routes.map((route) => {
      if (route.kind !== 'websocket' || route.socketio) return route;
      const start = index.registrations(route.path);
      const scope = start.length ? start : handlers.length && routes.length === 1 ? handlers : [...files, ...handlers];
      const literals = index.collect(scope);
      return literals ? { ...route, literals } : route;
    });
  } catch {
    return routes;
  }
}

let parser: Promise<Parse | undefined> | undefined;
export function loadParser(): Promise<Parse | undefined> {
  parser ??= import('@babel/parser').then(
    (m) => m.parse as unknown as Parse,
    () => undefined,
  );
  return parser;
}

function parseSafe(parse: Parse, code: string, file: string): AstNode | undefined {
  const plugins: unknown[] = ['typescript', 'decorators-legacy'];
  if (/\.[jt]sx$/.test(file)) plugins.push('jsx');
  try {
    return parse(code, { sourceType: 'unambiguous', plugins, errorRecovery: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
  } catch {
    return undefined;
  }
}

/** Handler functions an app value holds: a ws WebSocketServer's `connection` listeners. */
function handlerFunctions(app: unknown): string[] {
  const wss = app as { listeners?: unknown; handleUpgrade?: unknown } | null;
  const listeners = wss?.listeners;
  // Only a ws server's: an http.Server's `connection` listeners are Node's own.
  if (typeof listeners !== 'function' || typeof wss?.handleUpgrade !== 'function') return [];
  try {
    const fns = (listeners as (event: string) => unknown[]).call(app, 'connection');
    return fns.filter((f): f is (...a: unknown[]) => unknown => typeof f === 'function').map((f) => Function.prototype.toString.call(f));
  } catch {
    return [];
  }
}

/**
 * The app module and its local imports, parsed (module-tree.ts). Parsed once per version of
 * the app file: a run starts the app again for each fresh-server replay, and literal and
 * procedure mining both read the same modules.
 */
export function readLocalModules(appFile: string, parse: Parse): AstNode[] {
  let stamp: string;
  try {
    const st = statSync(appFile);
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    return [];
  }
  const cached = parsed.get(appFile);
  if (cached?.stamp === stamp) return cached.modules;
  const modules = readModuleTree([appFile], MAX_FILES, (file, code) => {
    const ast = parseSafe(parse, code, file);
    return ast && { value: ast, imports: importsOf(ast).flatMap((s) => resolveLocalImport(file, s) ?? []) };
  });
  parsed.set(appFile, { stamp, modules });
  return modules;
}

const parsed = new Map<string, { stamp: string; modules: AstNode[] }>();

function importsOf(ast: AstNode): string[] {
  const found: string[] = [];
  walk(ast, (node) => {
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && isNode(node.source)) {
      const s = stringValue(node.source);
      if (s !== undefined) found.push(s);
    } else if (node.type === 'CallExpression' && (isIdent(node.callee, 'require') || (node.callee as AstNode | undefined)?.type === 'Import')) {
      const arg = (node.arguments as AstNode[])[0];
      const s = arg && stringValue(arg);
      if (s !== undefined) found.push(s);
    }
  });
  return found;
}

const SKIP_KEYS = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'tokens', 'comments', 'errors']);

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIP_KEYS.has(key)) continue;
    if (Array.isArray(value)) for (const v of value) isNode(v) && out.push(v);
    else if (isNode(value)) out.push(value);
  }
  return out;
}

/** Visits every node; `visit` returning false skips the node's children. */
export function walk(root: AstNode, visit: (node: AstNode) => boolean | undefined): void {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    stack.push(...children(node).reverse());
  }
}

export function isIdent(node: unknown, name?: string): node is AstNode & { name: string } {
  return isNode(node) && node.type === 'Identifier' && (name === undefined || node.name === name);
}

/** A string literal's value (a template without expressions included). */
export function stringValue(node: AstNode): string | undefined {
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
    const quasi = (node.quasis as AstNode[])[0];
    return (quasi?.value as { cooked?: string } | undefined)?.cooked ?? undefined;
  }
  return undefined;
}

function numberValue(node: AstNode): number | undefined {
  if (node.type === 'NumericLiteral') return node.value as number;
  if (node.type === 'UnaryExpression' && node.operator === '-' && isNode(node.argument) && node.argument.type === 'NumericLiteral') {
    return -(node.argument.value as number);
  }
  return undefined;
}

/** `a.b` / `a['b']`: the property name when it is a literal one. */
export function propertyName(member: AstNode): string | undefined {
  const prop = member.property as AstNode;
  if (!member.computed && isIdent(prop)) return prop.name;
  return member.computed ? stringValue(prop) : undefined;
}

class Found {
  strings: string[] = [];
  numbers: number[] = [];
  keys: string[] = [];

  literal(node: AstNode | undefined): void {
    if (!node) return;
    const s = stringValue(node);
    if (s !== undefined) {
      if (s.length <= MAX_LENGTH && !this.strings.includes(s) && this.strings.length < MAX_STRINGS) this.strings.push(s);
      return;
    }
    const n = numberValue(node);
    if (n !== undefined && Number.isFinite(n) && !this.numbers.includes(n) && this.numbers.length < MAX_NUMBERS) this.numbers.push(n);
  }

  key(name: string): void {
    if (name.length > 0 && name.length <= MAX_LENGTH && !this.keys.includes(name) && this.keys.length < MAX_KEYS) this.keys.push(name);
  }

  result(): RouteLiterals | undefined {
    return this.strings.length + this.numbers.length + this.keys.length ? { strings: this.strings, numbers: this.numbers, keys: this.keys } : undefined;
  }
}

const COMPARISONS = new Set(['===', '==', '!==', '!=']);
const TEXT_TESTS = new Set(['startsWith', 'endsWith', 'includes']);
/** Receivers whose members are never message fields. */
const NOT_MESSAGES = new Set(['this', 'console', 'JSON', 'Math', 'Object', 'Array', 'process', 'Buffer', 'Promise', 'Number', 'String', 'Date', 'Reflect']);

/** Properties of sockets, buffers and strings compared with words that are not message fields. */
const SOCKET_STATE = new Set(['readyState', 'protocol', 'binaryType', 'extensions', 'url', 'length', 'byteLength', 'size', 'constructor', 'name', 'code']);

/** The functions of the parsed modules by name, and their object literals (dispatch tables). */
class ModuleIndex {
  private readonly functions = new Map<string, AstNode[]>();
  private readonly objects = new Map<string, AstNode>();
  /**
   * Constants of the modules read, by name: `const MOVE = 'move'` (exported or not, so an
   * imported one is found under its own name), an alias an import gives it
   * (`import { MOVE as M }`), and `Kind.MOVE` of `const Kind = { MOVE: 'move' }` or
   * `enum Kind { MOVE = 'move' }`: `type === MOVE` compares with the word itself.
   */
  private readonly constants = new Map<string, AstNode>();

  constructor(private readonly modules: AstNode[]) {
    for (const module of modules) {
      walk(module, (node) => {
        if ((node.type === 'FunctionDeclaration' || node.type.endsWith('Method') || node.type === 'ClassMethod') && isNode(node.id ?? node.key)) {
          const id = (node.id ?? node.key) as AstNode;
          if (isIdent(id)) this.add(id.name, node);
        } else if (node.type === 'VariableDeclarator' && isIdent(node.id) && isNode(node.init)) {
          const init = unwrap(node.init);
          if (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') this.add(node.id.name, init);
          if (init.type === 'ObjectExpression') {
            this.objects.set(node.id.name, init);
            for (const p of init.properties as AstNode[]) {
              const k = p.key as AstNode | undefined;
              const name = k && !p.computed ? (isIdent(k) ? k.name : stringValue(k)) : undefined;
              if (name && isNode(p.value) && isConstant(p.value as AstNode)) this.constants.set(`${node.id.name}.${name}`, p.value as AstNode);
            }
          }
          if (isConstant(init)) this.constants.set(node.id.name, init);
        } else if (node.type === 'TSEnumDeclaration' && isIdent(node.id)) {
          const members = ((node.body as AstNode | undefined)?.members ?? node.members) as AstNode[] | undefined;
          for (const m of members ?? []) {
            const k = m.id as AstNode;
            const name = isIdent(k) ? k.name : stringValue(k);
            if (name && isNode(m.initializer) && isConstant(m.initializer)) this.constants.set(`${node.id.name}.${name}`, m.initializer);
          }
        }
      });
    }
    // Aliases of imports: `import { MOVE as M } from './protocol'` names the constant M here.
    for (const module of modules) {
      walk(module, (node) => {
        if (node.type !== 'ImportSpecifier' || !isIdent(node.local)) return undefined;
        const imported = node.imported as AstNode;
        const name = isIdent(imported) ? imported.name : stringValue(imported);
        const value = name !== undefined && name !== node.local.name ? this.constants.get(name) : undefined;
        if (value && !this.constants.has(node.local.name)) this.constants.set(node.local.name, value);
        return undefined;
      });
    }
  }

  /** A comparison's side as its literal: the literal itself, or the constant an identifier or `Kind.MOVE` names. */
  private resolved(node: AstNode): AstNode {
    if (isIdent(node)) return this.constants.get(node.name) ?? node;
    if (node.type === 'MemberExpression' && isIdent(node.object)) {
      const name = propertyName(node);
      return (name !== undefined && this.constants.get(`${node.object.name}.${name}`)) || node;
    }
    return node;
  }

  private add(name: string, fn: AstNode): void {
    const list = this.functions.get(name) ?? [];
    list.push(fn);
    this.functions.set(name, list);
  }

  /**
   * Calls that register `path`: a string argument equal to it, else the longest that ends
   * it (`f.get('/echo', ...)` in a plugin registered with prefix `/ws`, for `/ws/echo`).
   */
  registrations(path: string): AstNode[] {
    const byLength = new Map<number, AstNode[]>();
    for (const module of this.modules) {
      walk(module, (node) => {
        // A class decorated with its path (`@WebSocketGateway({ path: '/events' })`, Nest) is the route's handler.
        if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
          const named = ((node.decorators as AstNode[] | undefined) ?? []).some((d) => stringsIn(d).includes(path));
          if (named) byLength.set(path.length, [...(byLength.get(path.length) ?? []), node]);
          return undefined;
        }
        if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
        for (const arg of node.arguments as AstNode[]) {
          const s = stringValue(arg);
          if (s === undefined || !s.startsWith('/') || (s !== path && (s.length < 2 || !path.endsWith(s)))) continue;
          const list = byLength.get(s.length) ?? [];
          list.push(node);
          byLength.set(s.length, list);
          return false;
        }
        return undefined;
      });
    }
    const longest = Math.max(0, ...byLength.keys());
    return byLength.get(longest) ?? [];
  }

  /** The literals of `start`, followed into the functions it names, bounded. */
  collect(start: AstNode[]): RouteLiterals | undefined {
    const found = new Found();
    const messages = new Set<string>();
    const queue = [...start];
    const seen = new Set<AstNode>();
    const scopes: AstNode[] = [];
    while (queue.length && seen.size < MAX_FUNCTIONS) {
      const scope = queue.shift()!;
      if (seen.has(scope)) continue;
      seen.add(scope);
      scopes.push(scope);
      walk(scope, (node) => {
        if (isIdent(node)) for (const fn of this.functions.get(node.name) ?? []) queue.push(fn);
        if (node.type === 'MemberExpression' && isNode(node.object) && node.object.type === 'ThisExpression') {
          const name = propertyName(node);
          for (const fn of (name && this.functions.get(name)) || []) queue.push(fn);
        }
        this.visit(node, found, messages);
      });
    }
    // A message passed to a function of the app is a message there too (`handleMove(ws, msg)`
    // -> `function handleMove(ws, { row, col })`): its parameter at that place, by name or destructured.
    for (let pass = 0, grew = true; grew && pass < 3; pass++) {
      const before = messages.size;
      for (const scope of scopes) {
        walk(scope, (node) => {
          const callee = node.callee;
          if (node.type !== 'CallExpression' || !isIdent(callee)) return undefined;
          (node.arguments as AstNode[]).forEach((given, i) => {
            const arg = unwrap(given);
            if (!isIdent(arg) || !messages.has(arg.name)) return;
            for (const fn of this.functions.get(callee.name) ?? []) {
              const param = (fn.params as AstNode[] | undefined)?.[i];
              const target = param?.type === 'AssignmentPattern' ? (param.left as AstNode) : param;
              if (isIdent(target)) messages.add(target.name);
              else if (target?.type === 'ObjectPattern') this.patternKeys(target, found);
            }
          });
          return undefined;
        });
      }
      grew = messages.size > before;
    }
    // Keys: the members read of what holds a message (JSON.parse results, what is compared with a literal).
    for (const scope of scopes) {
      walk(scope, (node) => {
        if (node.type === 'MemberExpression' && isIdent(node.object) && messages.has(node.object.name)) {
          const name = propertyName(node);
          if (name) found.key(name);
        } else if (
          node.type === 'VariableDeclarator' &&
          isNode(node.id) &&
          node.id.type === 'ObjectPattern' &&
          isIdent(node.init) &&
          messages.has(node.init.name)
        ) {
          this.patternKeys(node.id, found);
        }
      });
    }
    return found.result();
  }

  private visit(node: AstNode, found: Found, messages: Set<string>): void {
    switch (node.type) {
      case 'BinaryExpression': {
        if (!COMPARISONS.has(node.operator as string)) return;
        const [left, right] = [node.left as AstNode, node.right as AstNode];
        // `typeof msg === 'object'`, `ws.readyState === 1`, `raw.length === 0` test a type or a state, not the message.
        const state = (side: AstNode): boolean =>
          (side.type === 'UnaryExpression' && side.operator === 'typeof') || (side.type === 'MemberExpression' && SOCKET_STATE.has(propertyName(side) ?? ''));
        if (state(left) || state(right)) return;
        const [l, r] = [this.resolved(left), this.resolved(right)];
        found.literal(l);
        found.literal(r);
        // `msg.type === 'join'`: `msg` holds a message (a word compared, not a state like `ws.readyState === 1`).
        if (stringValue(r) !== undefined) this.markMessage(left, messages);
        if (stringValue(l) !== undefined) this.markMessage(right, messages);
        return;
      }
      case 'SwitchStatement': {
        for (const c of node.cases as AstNode[]) if (isNode(c.test)) found.literal(this.resolved(c.test));
        this.markMessage(node.discriminant as AstNode, messages);
        return;
      }
      case 'CallExpression': {
        const callee = node.callee as AstNode;
        const args = node.arguments as AstNode[];
        if (callee.type === 'MemberExpression') {
          const name = propertyName(callee);
          if (name && TEXT_TESTS.has(name)) {
            const receiver = callee.object as AstNode;
            if (receiver.type === 'ArrayExpression') for (const e of receiver.elements as AstNode[]) isNode(e) && found.literal(e);
            else if (args[0]) found.literal(args[0]);
          }
          if (name === 'parse' && isIdent(callee.object, 'JSON')) return;
        }
        return;
      }
      case 'VariableDeclarator':
      case 'AssignmentExpression': {
        const target = (node.id ?? node.left) as AstNode;
        const value = (node.init ?? node.right) as AstNode | undefined;
        if (!isNode(value) || !isParseCall(value)) return;
        if (isIdent(target)) messages.add(target.name);
        else if (target.type === 'ObjectPattern') this.patternKeys(target, found);
        return;
      }
      case 'MemberExpression': {
        // `data['room']` reads a key; `handlers[msg.type]` dispatches over a table's keys.
        if (node.computed && isIdent(node.object) && !NOT_MESSAGES.has(node.object.name)) {
          const key = stringValue(node.property as AstNode);
          if (key !== undefined) found.key(key);
          else {
            const table = this.objects.get(node.object.name);
            for (const p of (table?.properties as AstNode[] | undefined) ?? []) {
              const k = p.key as AstNode | undefined;
              if (k && !p.computed) isIdent(k) ? found.literal({ type: 'StringLiteral', value: k.name }) : found.literal(k);
            }
          }
        }
        return;
      }
      default:
        return;
    }
  }

  /** `msg.type` compared with a word: `msg` holds a message (not `ws.protocol`, `raw.length`). */
  private markMessage(node: AstNode, messages: Set<string>): void {
    let object = node;
    while (object.type === 'MemberExpression' || object.type === 'OptionalMemberExpression') {
      const name = propertyName(object);
      const inner = object.object as AstNode;
      if (isIdent(inner)) {
        if (name && !NOT_MESSAGES.has(inner.name) && !SOCKET_STATE.has(name)) messages.add(inner.name);
        return;
      }
      object = inner;
    }
  }

  private patternKeys(pattern: AstNode, found: Found): void {
    for (const p of pattern.properties as AstNode[]) {
      const k = p.key as AstNode | undefined;
      if (p.type === 'ObjectProperty' && k) {
        const name = isIdent(k) && !p.computed ? k.name : stringValue(k);
        if (name) found.key(name);
      }
    }
  }
}

/** Every string literal under `node`. */
function stringsIn(node: AstNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    const s = stringValue(n);
    if (s !== undefined) out.push(s);
    return undefined;
  });
  return out;
}

/** A literal a constant may hold: a string (or template without expressions) or a number. */
function isConstant(node: AstNode): boolean {
  return stringValue(node) !== undefined || numberValue(node) !== undefined;
}

/** `x as const`, `(x)`, `x satisfies T`: the expression inside. */
function unwrap(node: AstNode): AstNode {
  let n = node;
  while (WRAPPERS.has(n.type) && isNode(n.expression)) n = n.expression;
  return n;
}

const WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'AwaitExpression', 'ParenthesizedExpression']);

/** `JSON.parse(...)`, awaited or cast (`JSON.parse(raw) as Msg`) included. */
function isParseCall(node: AstNode): boolean {
  let n = node;
  while (WRAPPERS.has(n.type)) {
    const inner = n.expression ?? n.argument;
    if (!isNode(inner)) return false;
    n = inner;
  }
  if (n.type !== 'CallExpression') return false;
  const callee = n.callee as AstNode;
  return callee.type === 'MemberExpression' && isIdent(callee.object, 'JSON') && propertyName(callee) === 'parse';
}
