"""Helpers shared by the adapters: the one template form every route is reported in, the
mapping of a framework's type (a convertor name, a Python annotation, a pattern) to wsroutes'
param types, and readers for the other template syntaxes.

Every route leaves the bridge as `{name:type}` placeholders, type one of str | int | float |
uuid | path (what src/discovery/route.ts `paramsOf` parses): `/items/{item_id:int}`, whatever
the framework spells (`{item_id}` with an `int` annotation, `<int:item_id>`, Django's
`<int:item_id>` or `(?P<item_id>[0-9]+)`). A param whose pattern rejects some of the values
wsroutes generates for its declared type (Django's `slug`, a `\\w+` group) gets the first
type all of whose values it accepts, so every generated path reaches the route."""

from __future__ import annotations

import decimal
import pathlib
import re
import types
import typing
import uuid
from typing import Any, Dict, List, Optional, Tuple

Route = Dict[str, Any]

_UnionType: Any = getattr(types, "UnionType", None)  # `X | Y`, Python 3.10+

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?::([A-Za-z_]\w*)[^}]*)?\}")

TYPE_NAMES = {
    "str": "str",
    "string": "str",
    "int": "int",
    "integer": "int",
    "float": "float",
    "decimal": "float",
    "uuid": "uuid",
    "path": "path",
}


def placeholders(template: str) -> List[Tuple[str, Optional[str]]]:
    """[(name, type name or None)] in template order."""
    return [(m.group(1), m.group(2)) for m in _PLACEHOLDER.finditer(template)]


def type_from_name(name: Optional[str]) -> str:
    return TYPE_NAMES.get((name or "str").lower(), "str")


def type_from_annotation(annotation: Any) -> str:
    """Maps a Python annotation (Annotated, Optional and unions unwrapped) to a param type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return type_from_annotation(typing.get_args(annotation)[0])
    if origin is typing.Union or (_UnionType is not None and origin is _UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return type_from_annotation(args[0]) if len(args) == 1 else "str"
    if origin is not None:
        return "str"
    if not isinstance(annotation, type):
        return "str"
    if issubclass(annotation, bool):
        return "str"
    if issubclass(annotation, int):
        return "int"
    if issubclass(annotation, (float, decimal.Decimal)):
        return "float"
    if issubclass(annotation, uuid.UUID):
        return "uuid"
    if issubclass(annotation, pathlib.PurePath):
        return "path"
    return "str"


def websocket_route(path: str, params: List[Tuple[str, str]], patterns: Optional[Dict[str, str]] = None) -> Route:
    """The route as reported: `path` rewritten to `{name:type}` placeholders (see the module comment).
    `patterns`: the regex a param's value must match where it is narrower than its type (a `\\w+`
    group): sent as the param's `pattern`, values are drawn from it, and its type is `str`."""
    patterns = patterns or {}
    typed = [(n, "str" if n in patterns else t) for n, t in params]
    return {
        "path": normal_template(path, typed),
        "kind": "websocket",
        "params": [{"name": n, "type": t, **({"pattern": patterns[n]} if n in patterns else {})} for n, t in typed],
    }


def pattern_sample(pattern: Optional[str]) -> Optional[str]:
    """A value of wsroutes' samples the regex fully matches (to fill a template with), or None."""
    if not pattern:
        return None
    try:
        compiled = re.compile(pattern)
    except re.error:
        return None
    return next((v for values in SAMPLES.values() for v in values if compiled.fullmatch(v)), None)


def normal_template(path: str, params: List[Tuple[str, str]]) -> str:
    """`{name}` / `{name:anything}` placeholders of a brace template -> `{name:type}`."""
    types = dict(params)
    return _PLACEHOLDER_ANY.sub(lambda m: "{%s:%s}" % (m.group(1), types.get(m.group(1), "str")), path)


_PLACEHOLDER_ANY = re.compile(r"\{([A-Za-z_]\w*)(?::[^}]*)?\}")

# Decoded values of each type as wsroutes generates them (src/generation/path-params.ts): a
# pattern that accepts all of a type's samples accepts what is generated for that type.
_SEGMENT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_\u00e9\u65e5\U0001f600 "
SAMPLES: Dict[str, List[str]] = {
    "str": [*_SEGMENT_CHARS, _SEGMENT_CHARS[:16], "a b-c_\u00e9"],
    "path": ["a", "a/b", "a-b/\u00e9 \U0001f600/_9"],
    "uuid": [
        "123e4567-e89b-12d3-a456-426614174000",
        "00000000-0000-1000-8000-000000000000",
        "ffffffff-ffff-5fff-bfff-ffffffffffff",
    ],
    "float": ["0.0", "7.5", "100000.999"],
    "int": ["0", "7", "1000", "2147483647"],
}
# Tried in this order when the declared type's values do not all fit the pattern.
_NARROWING = ("str", "path", "uuid", "int", "float")


def accepts(pattern: str, type_name: str) -> bool:
    """Whether the regex `pattern` fully matches every sample value of `type_name`."""
    try:
        compiled = re.compile(pattern)
    except re.error:
        return False
    return all(compiled.fullmatch(v) for v in SAMPLES[type_name])


def type_from_pattern(pattern: Optional[str], declared: str = "str") -> str:
    """`declared` when the param's regex accepts all its values, else the first type it does
    accept (`\\w+` -> int, a slug -> uuid), else `declared` (the pattern is too narrow for any)."""
    if not pattern or accepts(pattern, declared):
        return declared
    return next((t for t in _NARROWING if accepts(pattern, t)), declared)


# Werkzeug (Quart, Flask) and Django `path()` placeholders: `<name>`, `<conv:name>`, `<conv(args):name>`.
_ANGLE = re.compile(r"<(?:([A-Za-z_]\w*)(?:\(([^)]*)\))?:)?([A-Za-z_]\w*)>")


def angle_placeholders(rule: str) -> Tuple[str, List[Tuple[str, Optional[str]]]]:
    """'/ws/<int:room>/<name>' -> ('/ws/{room}/{name}', [('room', 'int'), ('name', None)])."""
    found: List[Tuple[str, Optional[str]]] = []

    def replace(m: re.Match[str]) -> str:
        found.append((m.group(3), m.group(1)))
        return "{%s}" % m.group(3)

    return _ANGLE.sub(replace, rule), found


def regex_template(regex: str) -> Optional[Tuple[str, List[Tuple[str, str]]]]:
    """A Django `re_path()` regex as a brace template and its groups' patterns:
    r'^ws/chat/(?P<room_name>\\w+)/$' -> ('ws/chat/{room_name}/', [('room_name', r'\\w+')]).
    Literals, escapes, anchors, `?`/`*`/`+` after a literal and (named) groups are understood;
    None for anything else (a character class or alternation outside a group)."""
    out: List[str] = []
    groups: List[Tuple[str, str]] = []
    i, n = 0, len(regex)
    while i < n:
        c = regex[i]
        if (c == "^" and i == 0) or (c == "$" and i == n - 1):
            i += 1
        elif c == "\\":
            if i + 1 >= n:
                return None
            nxt = regex[i + 1]
            if nxt in "AZ":
                i += 2
                continue
            if nxt.isalnum():
                return None  # \\d, \\w ... outside a group
            out.append(nxt)
            i += 2
        elif c == "(":
            end = _group_end(regex, i)
            if end is None:
                return None
            body = regex[i + 1 : end]
            named = re.match(r"\?P<([A-Za-z_]\w*)>", body)
            if named:
                name, body = named.group(1), body[named.end() :]
            elif body.startswith("?"):
                return None  # (?:...), lookarounds
            else:
                name = "arg%d" % (len(groups) + 1)
            groups.append((name, body))
            out.append("{%s}" % name)
            i = end + 1
            if i < n and regex[i] == "?":
                i += 1
        elif c in "?*+":
            i += 1  # after a literal: the template keeps one occurrence, which matches
        elif c in "[]{}|":
            return None
        else:
            out.append(c)
            i += 1
    return "".join(out), groups


def _group_end(regex: str, start: int) -> Optional[int]:
    """Index of the `)` closing the group opened at `start` (escapes and classes skipped)."""
    depth, i, in_class = 0, start, False
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def join_paths(prefix: str, path: str) -> str:
    if not prefix:
        return path or "/"
    return prefix.rstrip("/") + "/" + path.lstrip("/") if path else prefix


def fill(template: str, values: Dict[str, str]) -> str:
    """A brace template with each placeholder replaced by its value."""
    return _PLACEHOLDER_ANY.sub(lambda m: values.get(m.group(1), ""), template)
