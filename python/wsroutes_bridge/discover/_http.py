"""The HTTP side of discovery (`--http`): how an adapter reports an HTTP route, and which
methods a route answers, whatever the framework.

An adapter may define
  http_routes(app) -> list[HttpRoute]     one per method: `{"method", "path"}`, the path in the
                                          `{name:type}` form of WebSocket routes (`_template`)
  openapi(app) -> dict                    the framework's own OpenAPI document (FastAPI, Litestar)
Both are optional; `wsroutes_bridge.http_info` calls them and keeps their failures as warnings.
HEAD beside GET and OPTIONS are left out: frameworks answer them themselves."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional, Tuple

from ._template import normal_template

HttpRoute = Dict[str, Any]

# What a class-based view answers, in the order reported.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_IMPLIED = {"HEAD", "OPTIONS"}
_TYPED = re.compile(r"\{([A-Za-z_]\w*)(?::[^}]*)?\}")


def http_routes_of(
    path: str, params: List[Tuple[str, str]], methods: Iterable[str], name: Optional[str] = None
) -> List[HttpRoute]:
    """One route per method of `methods` (upper-cased, sorted as METHODS, HEAD/OPTIONS left out
    unless they are all the route answers)."""
    chosen = reported_methods(methods)
    template = normal_template(path, params)
    out: List[HttpRoute] = []
    for method in chosen:
        route: HttpRoute = {"method": method, "path": template}
        if name:
            route["name"] = name
        out.append(route)
    return out


def reported_methods(methods: Iterable[str]) -> List[str]:
    upper = {str(m).upper() for m in methods}
    kept = {m for m in upper if m not in _IMPLIED} or upper
    order = {m: i for i, m in enumerate(METHODS)}
    return sorted(kept, key=lambda m: (order.get(m, len(METHODS)), m))


def by_method(routes: List[HttpRoute]) -> List[HttpRoute]:
    """One path's routes in METHODS order (frameworks keep their methods in sets and dicts)."""
    order = {m: i for i, m in enumerate(METHODS)}
    return sorted(routes, key=lambda r: (order.get(r["method"], len(METHODS)), r["method"]))


def class_view_methods(cls: Any, allowed: Iterable[str] = METHODS) -> List[str]:
    """The methods a class-based view defines a handler for (`get`, `post`, ...)."""
    return [m for m in allowed if callable(getattr(cls, m.lower(), None))]


def untyped(template: str) -> str:
    """`/items/{item_id:int}` -> `/items/{item_id}`: how OpenAPI documents spell a path."""
    return _TYPED.sub(lambda m: "{%s}" % m.group(1), template)
