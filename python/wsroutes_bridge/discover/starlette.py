"""Starlette: `WebSocketRoute`s, followed through nested `Mount`s, `Router`s and `Host`s, with their
convertors (`{n:int}`, `{x:float}`, `{u:uuid}`, `{p:path}`). Also walks FastAPI apps (see
fastapi.py): a route's path params typed in its endpoint signature win over a plain `{name}`.
HTTP `Route`s (`http_routes`) through the same nesting, one per method. A GraphQL server on a
route (Strawberry's router, Strawberry's or Ariadne's ASGI app as an endpoint or a mount) gives
the route its protocol and schema (graphql_apps.py); a python-socketio ASGIApp mounted in the
app gives its namespaces (socketio.py).
Exceptions propagate out of a Starlette app (ServerErrorMiddleware answers an HTTP request 500
and raises again), so no hook is needed but a mounted python-socketio server's."""

from __future__ import annotations

import inspect
from typing import Any, Dict, Iterable, Iterator, List, Tuple

from ..traces import TraceRecorder
from . import graphql_apps, socketio
from ._classes import defined_in, internal_error_code
from ._http import HttpRoute, class_view_methods, http_routes_of
from ._template import Route, join_paths, placeholders, type_from_annotation, type_from_name, websocket_route

NAME = "starlette"


def matches(app: Any) -> bool:
    return defined_in(app, "starlette", "Starlette") or defined_in(app, "starlette.routing", "Router")


def routes(app: Any) -> List[Route]:
    found = list(walk(getattr(app, "routes", []) or [], ""))
    for sio in socketio.mounted(getattr(app, "routes", []) or []):  # python-socketio mounted in the app
        found.extend(socketio.namespace_routes(sio))
    return found


def walk(routes: Iterable[Any], prefix: str) -> Iterator[Route]:
    from starlette.routing import Host, Mount, WebSocketRoute

    for route, view in _expand(routes):
        if isinstance(route, WebSocketRoute):
            path = join_paths(prefix, view.path)
            typed = _annotated_types(getattr(view, "dependant", None))
            params = [
                (name, type_from_name(type_name) if type_name else typed.get(name, "str"))
                for name, type_name in placeholders(path)
            ]
            yield {**websocket_route(path, params), **(graphql_apps.facts(route.endpoint) or {})}
        elif isinstance(route, Mount):
            mounted = join_paths(prefix, getattr(view, "path", route.path))
            graphql = _mounted_graphql(route)
            if graphql is not None:
                # A mount answers below its path only: `/graphql/`, never `/graphql`.
                yield {**websocket_route(mounted.rstrip("/") + "/", []), **graphql}
            else:
                yield from walk(route.routes or [], mounted)
        elif isinstance(route, Host):
            yield from walk(route.routes or [], prefix)


def _mounted_graphql(mount: Any) -> Any:
    """The GraphQL facts of the app a `Mount` serves (Strawberry's or Ariadne's ASGI app), else None."""
    for app in (getattr(mount, "_base_app", None), getattr(mount, "app", None)):
        found = graphql_apps.facts(app) if app is not None else None
        if found is not None:
            return found
    return None


def _expand(routes: Iterable[Any]) -> Iterator[Tuple[Any, Any]]:
    """(route, view): FastAPI >= 0.12x keeps included routers as `_IncludedRouter`s; its public
    `iter_route_contexts` gives each route with the router's prefix applied (the view)."""
    routes = list(routes)
    if any(type(r).__name__ == "_IncludedRouter" for r in routes):
        from fastapi.routing import iter_route_contexts

        for context in iter_route_contexts(routes):
            yield context.original_route, context
    else:
        for route in routes:
            yield route, route


def _annotated_types(dependant: Any) -> Dict[str, str]:
    """FastAPI: path param name -> type from the endpoint's (and its dependencies') annotations."""
    types: Dict[str, str] = {}
    stack = [dependant] if dependant is not None else []
    while stack:
        current = stack.pop(0)
        for param in getattr(current, "path_params", None) or []:
            name = str(getattr(param, "alias", None) or getattr(param, "name", ""))
            info = getattr(param, "field_info", None)
            annotation = getattr(info, "annotation", None) or getattr(param, "type_", None)
            types.setdefault(name, type_from_annotation(annotation))
        stack.extend(getattr(current, "dependencies", None) or [])
    return types


def deliberate(exc: BaseException) -> bool:
    from starlette.exceptions import HTTPException, WebSocketException

    if graphql_apps.deliberate(exc):  # a GraphQL server mounted in the app refusing a client
        return True
    if isinstance(exc, WebSocketException):
        return not internal_error_code(int(exc.code))
    if isinstance(exc, HTTPException):
        return exc.status_code < 500
    return False


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    for sio in socketio.mounted(getattr(app, "routes", []) or []):
        socketio.trace_handlers(sio, recorder)


def http_routes(app: Any) -> List[HttpRoute]:
    """HTTP `Route`s (FastAPI's `APIRoute`s too) through `Mount`s, `Router`s and `Host`s, one per
    method; a class-based `HTTPEndpoint` answers the methods it defines. Routes hidden from the
    schema (`include_in_schema=False`: FastAPI's /docs and /openapi.json) are left out."""
    return list(walk_http(getattr(app, "routes", []) or [], ""))


def walk_http(routes: Iterable[Any], prefix: str) -> Iterator[HttpRoute]:
    from starlette.routing import Host, Mount
    from starlette.routing import Route as HttpRouteClass

    for route, view in _expand(routes):
        if isinstance(route, HttpRouteClass):
            if getattr(view, "include_in_schema", True) is False:
                continue
            path = join_paths(prefix, view.path)
            typed = _annotated_types(getattr(view, "dependant", None))
            params = [
                (name, type_from_name(type_name) if type_name else typed.get(name, "str"))
                for name, type_name in placeholders(path)
            ]
            endpoint = getattr(route, "endpoint", None)
            methods = getattr(view, "methods", None) or (
                class_view_methods(endpoint) if inspect.isclass(endpoint) else ["GET"]
            )
            yield from http_routes_of(path, params, methods, getattr(endpoint, "__name__", None))
        elif isinstance(route, Mount):
            yield from walk_http(route.routes or [], join_paths(prefix, getattr(view, "path", route.path)))
        elif isinstance(route, Host):
            yield from walk_http(route.routes or [], prefix)


def handlers(app: Any) -> List[Tuple[str, Any]]:
    """(template, endpoint) of each WebSocket route, for literal mining (literals.py)."""
    return list(_ws_endpoints(getattr(app, "routes", []) or [], ""))


def _ws_endpoints(routes: Iterable[Any], prefix: str) -> Iterator[Tuple[str, Any]]:
    from starlette.routing import Host, Mount, WebSocketRoute

    for route, view in _expand(routes):
        if isinstance(route, WebSocketRoute):
            yield join_paths(prefix, view.path), route.endpoint
        elif isinstance(route, Mount):
            yield from _ws_endpoints(route.routes or [], join_paths(prefix, getattr(view, "path", route.path)))
        elif isinstance(route, Host):
            yield from _ws_endpoints(route.routes or [], prefix)
