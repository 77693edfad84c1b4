"""Falcon (`falcon.asgi.App`): every route whose resource answers WEBSOCKET with a responder of its
own (`on_websocket`, or `on_websocket_<suffix>` for `add_route(..., suffix=...)`), read with the
public `falcon.inspect`; field converters stay in the template (`{id:int}`, `{id:uuid}`).
Falcon catches a responder's exception itself (logs it, closes 1011, or 403 before accept) and
treats WebSocketDisconnected as a normal end, so the app's `_handle_exception` is wrapped to
report what reaches it (the log handler would see only the logged ones); an HTTP responder's
exception reaches it too (Falcon answers 500).
HTTP routes (`http_routes`): each resource's own responders (`on_get`, `on_post_<suffix>`)."""

from __future__ import annotations

import inspect
from typing import Any, List, Tuple

from ..traces import TraceRecorder
from ._classes import defined_in
from ._http import HttpRoute, by_method, http_routes_of
from ._template import Route, placeholders, type_from_name, websocket_route

NAME = "falcon"


def matches(app: Any) -> bool:
    return defined_in(app, "falcon.asgi", "App")


def routes(app: Any) -> List[Route]:
    from falcon.inspect import inspect_routes

    found: List[Route] = []
    for info in inspect_routes(app):
        if any(m.method == "WEBSOCKET" and not m.internal for m in info.methods):
            params = [
                # Falcon's converter names; `dt` (a datetime) is generated as a string.
                (name, type_from_name(conv))
                for name, conv in placeholders(info.path)
            ]
            found.append(websocket_route(info.path, params))
    return found


def deliberate(exc: BaseException) -> bool:
    from falcon import HTTPError, HTTPStatus

    if isinstance(exc, (HTTPError, HTTPStatus)):
        return int(getattr(exc, "status_code", 500)) < 500
    return False


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    """Falcon's App has __slots__, so the instance cannot take a new attribute: its class is
    swapped for a subclass of the same layout whose `_handle_exception` reports first."""
    base = type(app)
    original = getattr(base, "_handle_exception", None)
    if original is None or not inspect.iscoroutinefunction(original):
        return

    async def _handle_exception(self: Any, req: Any, resp: Any, ex: Exception, params: Any, ws: Any = None) -> Any:
        # A request's as well as a connection's: Falcon answers an HTTP responder's error with
        # a 500 of its own (`deliberate` keeps its 4xx HTTPErrors out).
        recorder.report(ex)
        return await original(self, req, resp, ex, params, ws=ws)

    app.__class__ = type(base.__name__, (base,), {"__slots__": (), "_handle_exception": _handle_exception})


def http_routes(app: Any) -> List[HttpRoute]:
    """Each route's own responders (`on_get`, `on_post_<suffix>`, ...), one route per method;
    Falcon's internal ones (OPTIONS, 405 for the rest) are left out."""
    from falcon.inspect import inspect_routes

    found: List[HttpRoute] = []
    for info in inspect_routes(app):
        methods = [m for m in info.methods if not m.internal and m.method != "WEBSOCKET"]
        if not methods:
            continue
        params = [(name, type_from_name(conv)) for name, conv in placeholders(info.path)]
        own = [
            r for m in methods for r in http_routes_of(info.path, params, [m.method], getattr(m, "function_name", None))
        ]
        found.extend(by_method(own))
    return found


def handlers(app: Any) -> List[Tuple[str, Any]]:
    """(template, where its WEBSOCKET responder is) of each route, for literal mining (literals.py)."""
    from falcon.inspect import inspect_routes

    from ..literals import SourceRef

    found: List[Tuple[str, Any]] = []
    for info in inspect_routes(app):
        for method in info.methods:
            file, _, line = str(method.source_info).rpartition(":")
            if method.method == "WEBSOCKET" and not method.internal and line.isdigit():
                found.append((info.path, SourceRef(file, int(line), method.function_name)))
    return found
