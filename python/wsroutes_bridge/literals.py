"""The literals a route's handler dispatches on, read from its source with `ast` (issue 10).

Protocols dispatch on words: `if data == "goodbye"`, `msg["type"] == "subscribe"`,
`case "join":`, `handlers[msg["action"]]`. Random text almost never hits them, so the code
behind them goes untested; wsroutes mixes these literals into the messages it generates.

What is collected, from the handler and the functions of its module it calls (by name, or
as `self.`/`cls.` methods of its class), transitively and bounded; the whole module only
when the handler's definition cannot be found in it:
  strings / numbers  compared with `==` / `!=` / `in` / `not in` (also the members of a
                     literal tuple, list or set on the right of `in`), `match` / `case`
                     values (mapping patterns included), `.startswith(...)` /
                     `.endswith(...)` arguments, and the keys of a dict literal the handler
                     indexes or `.get`s with a computed key (a dispatch table)
  keys               read from a parsed message: `msg["type"]`, `data.get("room")`,
                     `"room" in data`, mapping-pattern keys

Every step is bounded (file size, functions followed, literal count and length) and every
failure (no source, a syntax the interpreter's `ast` cannot read, an object without a
file) means no literals: mining never breaks discovery.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple, Union

MAX_STRINGS = 50
MAX_NUMBERS = 50
MAX_KEYS = 50
MAX_LENGTH = 200
MAX_FUNCTIONS = 40
MAX_SOURCE_BYTES = 1_000_000

Literals = Dict[str, List[Any]]
FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
Scope = Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module]

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TEXT_TESTS = ("startswith", "endswith")
_KEY_READS = ("get", "pop", "setdefault")
# What a handler reads that is not a message: the connection's params, headers, the ASGI scope.
_NOT_MESSAGES = frozenset(
    ("path_params", "query_params", "headers", "cookies", "scope", "environ", "session", "state", "settings", "config")
)
# ASGI event types (`message["type"] == "websocket.disconnect"` in raw ASGI code): no client sends them.
_ASGI_EVENT = re.compile(r"^(websocket|http|lifespan)\.[a-z.]+$")
# Attributes where a framework's handler object keeps the user's function or class.
_WRAPPED = ("_fn", "fn", "func", "endpoint", "consumer_class", "view_class", "__wrapped__")


@dataclass(frozen=True)
class SourceRef:
    """A handler known by where it is (Falcon's `inspect_routes` names file, line, function)."""

    file: str
    line: int
    name: str


@dataclass
class _Found:
    strings: List[str] = field(default_factory=list)
    numbers: List[Union[int, float]] = field(default_factory=list)
    keys: List[str] = field(default_factory=list)

    def add_string(self, value: str) -> None:
        if _ASGI_EVENT.match(value):
            return
        if len(value) <= MAX_LENGTH and value not in self.strings and len(self.strings) < MAX_STRINGS:
            self.strings.append(value)

    def add_number(self, value: Union[int, float]) -> None:
        if value not in self.numbers and len(self.numbers) < MAX_NUMBERS and abs(value) < 2**53:
            self.numbers.append(value)

    def add_key(self, value: str) -> None:
        if 0 < len(value) <= MAX_LENGTH and value not in self.keys and len(self.keys) < MAX_KEYS:
            self.keys.append(value)

    def add_constant(self, node: ast.AST) -> None:
        value = _constant(node)
        if isinstance(value, str):
            self.add_string(value)
        elif isinstance(value, (int, float)):
            self.add_number(value)

    def as_dict(self) -> Optional[Literals]:
        if not (self.strings or self.numbers or self.keys):
            return None
        return {"strings": list(self.strings), "numbers": list(self.numbers), "keys": list(self.keys)}


def _constant(node: ast.AST) -> Union[str, int, float, None]:
    """A str or number constant (booleans excluded; `-5` included), else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _constant(node.operand)
        return -inner if isinstance(inner, (int, float)) else None
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (str, int, float))
        and not isinstance(node.value, bool)
    ):
        return node.value
    return None


def literals_of(handler: Any) -> Optional[Literals]:
    """The literals of a route's handler (a function, method, class, or a framework object
    wrapping one), or None when there are none or its source cannot be read."""
    try:
        if isinstance(handler, SourceRef):
            module = _parse(handler.file)
            start = None if module is None else _definition_at(module, handler.name, handler.line, False)
        else:
            target = _user_object(handler)
            if target is None:
                return None
            module = _parse(_source_file(target))
            first = getattr(getattr(target, "__code__", None), "co_firstlineno", None)
            name = str(getattr(target, "__name__", ""))
            start = None if module is None else _definition_at(module, name, first, inspect.isclass(target))
        if module is None or start is None:
            return None
        return _collect(module, start).as_dict()
    except Exception:  # never let mining break discovery
        return None


def _user_object(obj: Any) -> Optional[Any]:
    """The function or class the app wrote, looked for through wrappers (bounded)."""
    for _ in range(6):
        if inspect.ismethod(obj):
            obj = obj.__func__
        if inspect.isfunction(obj) or inspect.isclass(obj):
            unwrapped = inspect.unwrap(obj) if inspect.isfunction(obj) else obj
            return unwrapped
        inner = next((getattr(obj, name) for name in _WRAPPED if _has_attr(obj, name)), None)
        if inner is None:
            # An instance (a Falcon resource): its class holds the responders.
            return type(obj) if not isinstance(obj, (str, bytes, int, float, type(None))) else None
        obj = inner
    return None


def _has_attr(obj: Any, name: str) -> bool:
    try:
        return inspect.getattr_static(obj, name, None) is not None
    except Exception:
        return False


def _source_file(obj: Any) -> Optional[str]:
    try:
        path = inspect.getsourcefile(obj)
    except (TypeError, OSError):
        return None
    return path if path and os.path.isfile(path) else None


_parsed: Dict[Tuple[str, float], Optional[ast.Module]] = {}


def _parse(path: Optional[str]) -> Optional[ast.Module]:
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = (path, stat.st_mtime)
    if key not in _parsed:
        module: Optional[ast.Module] = None
        if stat.st_size <= MAX_SOURCE_BYTES:
            try:
                with open(path, "rb") as f:
                    module = ast.parse(f.read(), filename=path)
            except (SyntaxError, ValueError, OSError):
                module = None
        _parsed[key] = module
    return _parsed[key]


def _definition_at(module: ast.Module, name: str, first: Optional[int], is_class: bool) -> Scope:
    """The def or class named `name` starting at line `first` (its decorators or its `def`),
    else the first of that name, else the whole module."""
    wanted: Any = ast.ClassDef if is_class else _DEFS
    candidates: List[Scope] = [
        n for n in ast.walk(module) if isinstance(n, wanted) and getattr(n, "name", None) == name
    ]
    for node in candidates:
        if isinstance(node, ast.Module):
            continue
        lines = [node.lineno, *(d.lineno for d in node.decorator_list)]
        if first is None or min(lines) == first or node.lineno == first:
            return node
    return candidates[0] if candidates else module


def _collect(module: ast.Module, start: Scope) -> _Found:
    found = _Found()
    functions = _module_functions(module)
    dicts = _dict_literals(module)
    queue: List[Scope] = [start]
    seen: Set[int] = set()
    while queue and len(seen) < MAX_FUNCTIONS:
        scope = queue.pop(0)
        if id(scope) in seen:
            continue
        seen.add(id(scope))
        visitor = _Visitor(found)
        visitor.visit(scope)
        for name in visitor.indexed:
            table = dicts.get(name)
            if table is not None:
                for key in table.keys:
                    if key is not None:
                        found.add_constant(key)
        owner = _enclosing_class(module, scope)
        for called in visitor.called:
            queue.extend(functions.get(called, []))
        if owner is not None:
            for method in visitor.methods:
                queue.extend(n for n in owner.body if isinstance(n, _DEFS) and n.name == method)
    return found


def _module_functions(module: ast.Module) -> Dict[str, List[FunctionNode]]:
    """Module-level (and class-level) functions by name."""
    out: Dict[str, List[FunctionNode]] = {}
    for node in ast.walk(module):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.setdefault(node.name, []).append(node)
    return out


def _dict_literals(module: ast.Module) -> Dict[str, ast.Dict]:
    """Names assigned a dict literal anywhere in the module (`HANDLERS = {"join": ...}`)."""
    out: Dict[str, ast.Dict] = {}
    for node in ast.walk(module):
        targets: Sequence[ast.expr] = ()
        value: Optional[ast.expr] = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        if isinstance(value, ast.Dict):
            for target in targets:
                name = _name_of(target)
                if name is not None:
                    out.setdefault(name, value)
    return out


def _name_of(node: ast.AST) -> Optional[str]:
    """`handlers` for `handlers` and `self.handlers`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr
    return None


def _called_name(call: ast.Call) -> Optional[str]:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _reads_connection(receiver: ast.AST) -> bool:
    """`websocket.path_params`, `scope["url_route"]`, `os.environ`: a lookup in something not a message."""
    while isinstance(receiver, ast.Subscript):
        receiver = receiver.value
    if isinstance(receiver, ast.Attribute):
        return receiver.attr in _NOT_MESSAGES
    return isinstance(receiver, ast.Name) and receiver.id in _NOT_MESSAGES


def _enclosing_class(module: ast.Module, scope: Scope) -> Optional[ast.ClassDef]:
    if isinstance(scope, ast.ClassDef):
        return scope
    for node in ast.walk(module):
        if isinstance(node, ast.ClassDef) and scope in node.body:
            return node
    return None


class _Visitor(ast.NodeVisitor):
    """Collects literals of one scope, and the names it calls and indexes."""

    def __init__(self, found: _Found) -> None:
        self.found = found
        self.called: List[str] = []
        self.methods: List[str] = []
        self.indexed: List[str] = []
        self.events: Set[str] = set()

    def _not_a_message(self, receiver: ast.AST) -> bool:
        return _reads_connection(receiver) or (isinstance(receiver, ast.Name) and receiver.id in self.events)

    def visit_Assign(self, node: ast.Assign) -> None:
        # `message = await websocket.receive()`: an ASGI event, its keys ("type", "text") are the
        # server's, not the client's.
        value = node.value.value if isinstance(node.value, ast.Await) else node.value
        if isinstance(value, ast.Call) and _called_name(value) == "receive":
            self.events.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        for op, (left, right) in zip(node.ops, zip(operands, operands[1:])):
            if isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)):
                self.found.add_constant(left)
                self.found.add_constant(right)
            elif isinstance(op, (ast.In, ast.NotIn)):
                if isinstance(right, (ast.Tuple, ast.List, ast.Set)):
                    for element in right.elts:
                        self.found.add_constant(element)
                elif isinstance(right, ast.Dict):
                    for key in right.keys:
                        if key is not None:
                            self.found.add_constant(key)
                value = _constant(left)
                if isinstance(value, str):  # `"room" in data`: a key, or a word searched for
                    self.found.add_key(value)
                    self.found.add_string(value)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        index: ast.AST = node.slice
        if type(index).__name__ == "Index":  # Python 3.8's wrapper
            index = getattr(index, "value", index)
        value = _constant(index)
        if self._not_a_message(node.value):
            pass
        elif isinstance(value, str):
            self.found.add_key(value)
        elif not isinstance(index, (ast.Slice, ast.Constant)):
            name = _name_of(node.value)
            if name is not None:
                self.indexed.append(name)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name):
            self.called.append(func.id)
        elif isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"):
                self.methods.append(func.attr)
            if func.attr in _TEXT_TESTS and node.args:
                argument = node.args[0]
                for item in argument.elts if isinstance(argument, ast.Tuple) else [argument]:
                    self.found.add_constant(item)
            elif func.attr in _KEY_READS and node.args and not self._not_a_message(receiver):
                key = _constant(node.args[0])
                if isinstance(key, str):
                    self.found.add_key(key)
                else:
                    name = _name_of(receiver)
                    if name is not None:
                        self.indexed.append(name)
        self.generic_visit(node)

    def visit_match_case(self, node: Any) -> None:
        self._pattern(node.pattern)
        self.generic_visit(node)

    def _pattern(self, pattern: Any) -> None:
        kind = type(pattern).__name__
        if kind == "MatchValue":
            self.found.add_constant(pattern.value)
        elif kind == "MatchMapping":
            for key in pattern.keys:
                value = _constant(key)
                if isinstance(value, str):
                    self.found.add_key(value)
            for sub in pattern.patterns:
                self._pattern(sub)
        elif kind in ("MatchOr", "MatchSequence"):
            for sub in pattern.patterns:
                self._pattern(sub)
        elif kind == "MatchClass":
            for sub in [*pattern.patterns, *pattern.kwd_patterns]:
                self._pattern(sub)
        elif kind in ("MatchAs", "MatchStar") and getattr(pattern, "pattern", None) is not None:
            self._pattern(pattern.pattern)


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?::[^}]*)?\}")


def route_shape(template: str) -> str:
    """A template with its placeholder types dropped: `{room:str}` and `{room}` match."""
    return _PLACEHOLDER.sub(lambda m: "{%s}" % m.group(1), template)


def with_literals(routes: List[Dict[str, Any]], adapter: Any, app: Any) -> List[Dict[str, Any]]:
    """Sets `literals` on each route whose handler the adapter's `handlers(app)` names
    ([(template, handler)]) and whose source holds some; never raises."""
    find = getattr(adapter, "handlers", None)
    if find is None:
        return routes
    try:
        pairs: Iterable[Tuple[str, Any]] = find(app)
        by_shape: Dict[str, Any] = {}
        for template, handler in pairs:
            by_shape.setdefault(route_shape(template), handler)
    except Exception:
        return routes
    for route in routes:
        handler = by_shape.get(route_shape(str(route.get("path", ""))))
        if handler is None or route.get("kind", "websocket") != "websocket":
            continue
        found = literals_of(handler)
        if found is not None:
            route["literals"] = found
    return routes
