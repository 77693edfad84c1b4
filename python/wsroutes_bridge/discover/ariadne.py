"""Ariadne's ASGI app (`ariadne.asgi.GraphQL(schema, websocket_handler=...)`) served as the
whole app: it answers GraphQL over WebSocket on any path, reported as `/` with its protocol and
schema (graphql_apps.py). Mounted in Starlette or FastAPI, the Starlette walker finds it.
Ariadne logs every error it answers with (`ariadne.logger.log_error`, exc_info set), which
TraceLogHandler marks `logged`, so no hook is needed."""

from __future__ import annotations

from typing import Any, List

from ..traces import TraceRecorder
from . import graphql_apps
from ._template import Route, websocket_route

NAME = "ariadne"


def matches(app: Any) -> bool:
    return graphql_apps.is_ariadne_app(app)


def routes(app: Any) -> List[Route]:
    return [{**websocket_route("/", []), **(graphql_apps.facts(app) or {})}]


def deliberate(exc: BaseException) -> bool:
    return graphql_apps.deliberate(exc)


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    return None
