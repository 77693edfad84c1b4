"""GraphQL servers that answer on a WebSocket route: Strawberry's ASGI app
(`strawberry.asgi.GraphQL`) and FastAPI router (`strawberry.fastapi.GraphQLRouter`), Ariadne's
ASGI app (`ariadne.asgi.GraphQL`). What the app object tells of such a route is reported on it:

  protocol       the GraphQL-over-WebSocket subprotocol the server speaks (src/protocols/graphql.ts):
                 Strawberry's `subscription_protocols` (the first WebSocket one, where it speaks
                 both: its own order, graphql-transport-ws first by default); Ariadne's
                 `websocket_handler` (GraphQLTransportWSHandler or the legacy GraphQLWSHandler,
                 which accept their one subprotocol whatever the client offered)
  graphqlSchema  the schema as SDL (Strawberry `schema.as_str()`, graphql-core `print_schema`),
                 from which wsroutes generates operations

Recognised by class (module and name in the MRO, as `_classes.defined_in` reads them), so the
bridge imports neither library for an app that uses neither. The Starlette walker (FastAPI
included) asks `facts()` of each WebSocket route's endpoint and of each mounted app; the
`strawberry` and `ariadne` adapters serve such an app given as the whole app. Reading the facts
never breaks discovery: a schema that cannot be printed leaves `graphqlSchema` out. A refusal
the server raises on purpose and logs (Ariadne's `WebSocketConnectionError`) is `deliberate`.
"""

from __future__ import annotations

import inspect
from typing import Any, Dict, List, Optional

from ._classes import defined_in

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"

Facts = Dict[str, Any]


def is_strawberry_app(obj: Any) -> bool:
    return defined_in(obj, "strawberry.asgi", "GraphQL")


def is_ariadne_app(obj: Any) -> bool:
    return defined_in(obj, "ariadne.asgi", "GraphQL")


def facts(obj: Any) -> Optional[Facts]:
    """`{"protocol"?, "graphqlSchema"?}` when `obj` is a GraphQL server's ASGI app or a FastAPI
    endpoint of Strawberry's router, else None."""
    try:
        if is_strawberry_app(obj):
            return _strawberry(obj)
        if is_ariadne_app(obj):
            return _ariadne(obj)
        router = _strawberry_router_of(obj)
        return _strawberry(router) if router is not None else None
    except Exception:  # a release whose attributes moved: the route is still a route
        return None


def deliberate(exc: BaseException) -> bool:
    """A GraphQL server's deliberate refusal, which it logs on its way to closing: Ariadne's
    `WebSocketConnectionError` (an `on_connect` that rejects the client, as Ariadne's docs write
    it). Strawberry's `ConnectionRejectionError` is never logged (it closes 4403)."""
    return defined_in(exc, "ariadne.exceptions", "WebSocketConnectionError")


def _strawberry_router_of(endpoint: Any) -> Any:
    """The `GraphQLRouter` whose WebSocket endpoint `endpoint` is (a closure over the router)."""
    if not inspect.isfunction(endpoint):
        return None
    for cell in endpoint.__closure__ or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if defined_in(value, "strawberry.fastapi", "GraphQLRouter"):
            return value
    return None


def _strawberry(view: Any) -> Facts:
    found: Facts = {}
    spoken: List[str] = [p for p in (getattr(view, "protocols", None) or ()) if p in (TRANSPORT_WS, LEGACY_WS)]
    if spoken:
        found["protocol"] = spoken[0]
    schema = getattr(view, "schema", None)
    as_str = getattr(schema, "as_str", None)
    sdl = _text(as_str) if callable(as_str) else None
    if sdl:
        found["graphqlSchema"] = sdl
    return found


def _ariadne(app: Any) -> Facts:
    found: Facts = {}
    handler = getattr(app, "websocket_handler", None)
    if defined_in(handler, "ariadne.asgi.handlers.graphql_transport_ws", "GraphQLTransportWSHandler"):
        found["protocol"] = TRANSPORT_WS
    elif defined_in(handler, "ariadne.asgi.handlers.graphql_ws", "GraphQLWSHandler"):
        found["protocol"] = LEGACY_WS
    schema = getattr(handler, "schema", None) or getattr(getattr(app, "http_handler", None), "schema", None)
    if schema is not None:
        from graphql import print_schema

        sdl = _text(lambda: print_schema(schema))
        if sdl:
            found["graphqlSchema"] = sdl
    return found


def _text(make: Any) -> Optional[str]:
    try:
        text = make()
    except Exception:
        return None
    return text if isinstance(text, str) and text.strip() else None
