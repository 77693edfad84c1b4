"""Litestar: `@websocket` handlers and `websocket_listener`s from `app.routes`, whose paths already
carry router and app prefixes and typed params (`{room_id:str}`, `{n:int}`, uuid, path).
Litestar catches a handler's exception itself and closes with 4500 (403 before accept), so an
`after_exception` hook reports it."""

from __future__ import annotations

from typing import Any, List

from ..traces import TraceRecorder, is_disconnect
from ._classes import defined_in, internal_error_code
from ._template import Route, placeholders, type_from_annotation, type_from_name, websocket_route

NAME = "litestar"


def matches(app: Any) -> bool:
    return defined_in(app, "litestar", "Litestar")


def routes(app: Any) -> List[Route]:
    found: List[Route] = []
    for route in app.routes:
        if str(getattr(route, "scope_type", "")).lower().rsplit(".", 1)[-1] != "websocket":
            continue
        definitions = dict(getattr(route, "path_parameters", None) or {})
        params = []
        for name, type_name in placeholders(route.path):
            definition = definitions.get(name)
            if definition is not None and isinstance(getattr(definition, "type", None), type):
                params.append((name, type_from_annotation(definition.type)))
            else:
                params.append((name, type_from_name(type_name)))
        found.append(websocket_route(route.path, params))
    return found


def deliberate(exc: BaseException) -> bool:
    from litestar.exceptions import HTTPException, WebSocketException

    if isinstance(exc, WebSocketException) and not is_disconnect(exc):
        return not internal_error_code(int(getattr(exc, "code", 4500)))
    if isinstance(exc, HTTPException):  # a guard or handler refusing the client
        return int(getattr(exc, "status_code", 500)) < 500
    return False


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    async def report_exception(exc: BaseException, scope: Any) -> None:
        if scope.get("type") == "websocket":
            recorder.report(exc)

    app.after_exception.append(report_exception)
