"""FastAPI: `@app.websocket` and `APIRouter(prefix=...)` routes, sub-apps mounted with `mount`.
A path param typed in the endpoint signature (`item_id: int`) is an int even though the template
says `{item_id}`. FastAPI is Starlette underneath: the Starlette walker does the work."""

from __future__ import annotations

from typing import Any, List

from ..traces import TraceRecorder
from . import starlette
from ._classes import defined_in
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
    return None
