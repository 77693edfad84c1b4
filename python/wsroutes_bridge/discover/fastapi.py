"""FastAPI: `@app.websocket` and `APIRouter(prefix=...)` routes, sub-apps mounted with `mount`.
A path param typed in the endpoint signature (`item_id: int`) is an int even though the template
says `{item_id}`. FastAPI is Starlette underneath: the Starlette walker does the work.
HTTP: FastAPI's own OpenAPI document (`openapi`), and the routes it does not name (`http_routes`)."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from ..traces import TraceRecorder
from . import starlette
from ._classes import defined_in
from ._http import HttpRoute
from ._template import Route

NAME = "fastapi"


def matches(app: Any) -> bool:
    return defined_in(app, "fastapi", "FastAPI") or defined_in(app, "fastapi.routing", "APIRouter")


def routes(app: Any) -> List[Route]:
    return starlette.routes(app)


def deliberate(exc: BaseException) -> bool:
    from fastapi.exceptions import WebSocketRequestValidationError

    return isinstance(exc, WebSocketRequestValidationError) or starlette.deliberate(exc)


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    starlette.install_hooks(app, recorder)


def http_routes(app: Any) -> List[HttpRoute]:
    """Every HTTP route, mounted sub-apps' included; those the OpenAPI document also names are
    dropped by `http_info`, so what is left is what the document does not see (a mounted app)."""
    return starlette.http_routes(app)


def openapi(app: Any) -> Dict[str, Any]:
    """FastAPI's own document: `app.openapi()` (a `FastAPI` app; an `APIRouter` has none)."""
    build = getattr(app, "openapi", None)
    if not callable(build):
        return {}
    doc = build()
    return dict(doc) if isinstance(doc, dict) else {}


def handlers(app: Any) -> List[Tuple[str, Any]]:
    """(template, endpoint) of each WebSocket route, for literal mining (literals.py)."""
    return starlette.handlers(app)
