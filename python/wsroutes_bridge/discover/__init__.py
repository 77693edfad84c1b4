"""Route discovery, one adapter per framework (schemathesis-style: the first that matches wins).

An adapter is a module with:
  NAME: str                                   the framework name wsroutes reports
  matches(app) -> bool                        without importing the framework
  routes(app) -> list[Route]                  WebSocket routes, templates in the framework's syntax
  deliberate(exc) -> bool                     exceptions the framework raises to close on purpose
  install_hooks(app, recorder) -> None        report exceptions the framework catches itself
Each imports its framework inside the functions, so the bridge imports only what the app uses.
An app wrapped in plain ASGI middleware is looked through (its `.app` chain).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Optional, Tuple

from . import falcon, fastapi, litestar, starlette

ADAPTERS: Tuple[ModuleType, ...] = (litestar, fastapi, starlette, falcon)


def find_adapter(app: Any) -> Tuple[Optional[ModuleType], Any]:
    """(adapter, the object it matched) or (None, app) for any other ASGI callable."""
    obj = app
    for _ in range(8):
        for adapter in ADAPTERS:
            if adapter.matches(obj):
                return adapter, obj
        obj = getattr(obj, "app", None)
        if obj is None or not callable(obj):
            break
    return None, app

