"""Litestar: `@websocket` handlers and `websocket_listener`s from `app.routes`, whose paths already
carry router and app prefixes and typed params (`{room_id:str}`, `{n:int}`, uuid, path).
Litestar catches a handler's exception itself and closes with 4500 (403 before accept), or
answers an HTTP request with 500, so an `after_exception` hook reports it.
HTTP: Litestar's own OpenAPI document (`openapi`), and its HTTP handlers (`http_routes`)."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from ..traces import TraceRecorder, is_disconnect
from ._classes import defined_in, internal_error_code
from ._http import HttpRoute, by_method, http_routes_of
from ._template import Route, placeholders, type_from_annotation, type_from_name, websocket_route

NAME = "litestar"


def matches(app: Any) -> bool:
    return defined_in(app, "litestar", "Litestar")


def routes(app: Any) -> List[Route]:
    found: List[Route] = []
    for route in app.routes:
        if str(getattr(route, "scope_type", "")).lower().rsplit(".", 1)[-1] != "websocket":
            continue
        found.append(websocket_route(route.path, _params(route)))
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
        # A request's too: Litestar answers an HTTP handler's exception with a 500 of its own.
        if scope.get("type") in ("websocket", "http"):
            recorder.report(exc)

    app.after_exception.append(report_exception)


def http_routes(app: Any) -> List[HttpRoute]:
    """HTTP handlers of `app.routes` (prefixes applied, params typed), one per method, those left
    out of the schema (the /schema controller, OPTIONS) skipped. With the OpenAPI document built
    they are all in it; they stand in for it when it cannot be built."""
    found: List[HttpRoute] = []
    for route in app.routes:
        if str(getattr(route, "scope_type", "")).lower().rsplit(".", 1)[-1] != "http":
            continue
        params = _params(route)
        own: List[HttpRoute] = []
        for handler in getattr(route, "route_handlers", None) or []:
            if not _in_schema(handler):
                continue
            methods = getattr(handler, "http_methods", None) or []
            own.extend(http_routes_of(route.path, params, methods, getattr(handler, "handler_name", None)))
        found.extend(by_method(own))
    return found


def _params(route: Any) -> List[Tuple[str, str]]:
    definitions = dict(getattr(route, "path_parameters", None) or {})
    params = []
    for name, type_name in placeholders(route.path):
        definition = definitions.get(name)
        if definition is not None and isinstance(getattr(definition, "type", None), type):
            params.append((name, type_from_annotation(definition.type)))
        else:
            params.append((name, type_from_name(type_name)))
    return params


def _in_schema(handler: Any) -> bool:
    resolve = getattr(handler, "resolve_include_in_schema", None)
    if callable(resolve):
        return bool(resolve())
    return getattr(handler, "include_in_schema", True) is not False


def openapi(app: Any) -> Dict[str, Any]:
    """Litestar's own document (`app.openapi_schema`, built on first use), as a dict; none when
    the app turned OpenAPI off (`openapi_config=None`)."""
    if getattr(app, "openapi_config", True) is None:
        return {}
    schema = app.openapi_schema
    doc = schema.to_schema() if hasattr(schema, "to_schema") else schema
    return dict(doc) if isinstance(doc, dict) else {}


def handlers(app: Any) -> List[Tuple[str, Any]]:
    """(template, handler) of each WebSocket route, for literal mining (literals.py)."""
    return [
        (route.path, getattr(route, "route_handler", None))
        for route in app.routes
        if str(getattr(route, "scope_type", "")).lower().rsplit(".", 1)[-1] == "websocket"
    ]
