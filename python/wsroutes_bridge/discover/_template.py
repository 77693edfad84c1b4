"""Helpers shared by the adapters: placeholders of a `{name}` / `{name:type}` template in order,
and the mapping of a framework's type (a convertor name or a Python annotation) to wsroutes'
param types: str | int | float | uuid | path."""

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


def websocket_route(path: str, params: List[Tuple[str, str]]) -> Route:
    return {"path": path, "kind": "websocket", "params": [{"name": n, "type": t} for n, t in params]}


def join_paths(prefix: str, path: str) -> str:
    if not prefix:
        return path or "/"
    return prefix.rstrip("/") + "/" + path.lstrip("/") if path else prefix
