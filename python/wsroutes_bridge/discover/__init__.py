"""Route discovery, one adapter per framework (schemathesis-style: the first that matches wins).

An adapter is a module with:
  NAME: str                                   the framework name wsroutes reports
  matches(app) -> bool                        without importing the framework
  routes(app) -> list[Route]                  WebSocket routes as `{name:type}` templates
                                              (`_template.websocket_route` makes them)
  deliberate(exc) -> bool                     exceptions the framework raises to close on purpose
  install_hooks(app, recorder) -> None        report exceptions the framework catches itself
                                              (a WebSocket connection's and an HTTP request's)
and optionally, for `--http` (see `_http.py`):
  http_routes(app) -> list[HttpRoute]         HTTP routes, one per method, `{name:type}` templates
  openapi(app) -> dict                        the framework's own OpenAPI document
Each imports its framework inside the functions, so the bridge imports only what the app uses.

An app wrapped in ASGI middleware (`app = SentryAsgiMiddleware(app)`, Starlette's
`CORSMiddleware(app)`, uvicorn's `ProxyHeadersMiddleware`, Channels' `AuthMiddlewareStack`,
a class of the user's own keeping `self.app`) is looked through: `wrapped_apps` reads the
attributes such wrappers keep the next app in (WRAPPER_ATTRS, read without running properties),
breadth-first, to a bounded depth, each object once.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any, Iterator, List, Optional, Set, Tuple

from . import ariadne, channels, falcon, fastapi, litestar, quart, socketio, starlette, strawberry

ADAPTERS: Tuple[ModuleType, ...] = (
    socketio,
    litestar,
    fastapi,
    starlette,
    falcon,
    quart,
    channels,
    strawberry,
    ariadne,
)

# Where ASGI middleware keeps the app it wraps: most `app`; Channels `inner` / `application`;
# others `_app`, `asgi_app`, `wrapped`, `__wrapped__` (functools.wraps).
WRAPPER_ATTRS = ("app", "application", "inner", "_app", "asgi_app", "_asgi_app", "wrapped", "__wrapped__")
MAX_DEPTH = 8


def find_adapter(app: Any) -> Tuple[Optional[ModuleType], Any]:
    """(adapter, the object it matched) or (None, app) for any other ASGI callable."""
    for obj in wrapped_apps(app):
        for adapter in ADAPTERS:
            try:
                matched = adapter.matches(obj)
            except Exception:
                matched = False
            if matched:
                return adapter, obj
    return None, app


def wrapped_apps(app: Any, max_depth: int = MAX_DEPTH) -> Iterator[Any]:
    """`app`, then the apps it wraps, nearest first."""
    seen: Set[int] = set()
    level: List[Any] = [app]
    for _ in range(max_depth + 1):
        following: List[Any] = []
        for obj in level:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            yield obj
            following.extend(_inner_apps(obj))
        if not following:
            return
        level = following


def _inner_apps(obj: Any) -> List[Any]:
    """The callables `obj` keeps where wrappers keep the app: instance attributes (dict or
    slots) named in WRAPPER_ATTRS, a bound method's instance, a function's closure cells.
    Class attributes and properties are not read (methods, or code that may run)."""
    if inspect.ismethod(obj):  # `Quart(...).asgi_app` handed to a middleware
        return [obj.__self__]
    if inspect.isclass(obj):
        return []
    try:
        attrs = vars(obj)
    except TypeError:
        attrs = {}
    found: List[Any] = []
    for name in WRAPPER_ATTRS:
        if isinstance(attrs, dict) and name in attrs:
            value = attrs[name]
        else:
            try:
                static = inspect.getattr_static(obj, name)
            except AttributeError:
                continue
            if not inspect.ismemberdescriptor(static):  # a slot holds an instance value
                continue
            try:
                value = static.__get__(obj, type(obj))
            except Exception:
                continue
        if value is not None and value is not obj and callable(value):
            found.append(value)
    if inspect.isfunction(obj):  # a function-style middleware: `def wrap(app): async def asgi(...)`
        for cell in obj.__closure__ or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            if callable(value) and value is not obj:
                found.append(value)
    return found
