"""Strawberry's ASGI app (`strawberry.asgi.GraphQL(schema)`) served as the whole app: it answers
GraphQL over WebSocket on any path, reported as `/` with its protocol and schema
(graphql_apps.py). Mounted in Starlette or included as FastAPI's `GraphQLRouter`, the Starlette
walker finds it. Strawberry closes on purpose with 44xx codes and logs the resolver errors it
answers with (TraceLogHandler marks those traces `logged`), so no hook is needed."""

from __future__ import annotations

from typing import Any, List

from ..traces import TraceRecorder
from . import graphql_apps
from ._template import Route, websocket_route

NAME = "strawberry"


def matches(app: Any) -> bool:
    return graphql_apps.is_strawberry_app(app)


def routes(app: Any) -> List[Route]:
    return [{**websocket_route("/", []), **(graphql_apps.facts(app) or {})}]


def deliberate(exc: BaseException) -> bool:
    return graphql_apps.deliberate(exc)


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    return None
