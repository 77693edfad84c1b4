"""python-socketio: `socketio.ASGIApp(sio)`, also wrapping another ASGI app (`other_asgi_app`,
FastAPI say) and with its own `socketio_path`. Each namespace with handlers is a WebSocket route
whose `path` is the namespace and whose `socketio` field tells wsroutes how to reach it (the
Engine.IO endpoint), as src/targets/node/socketio.ts does for Node's Socket.IO:
- `events`: the handlers' event names, from `@sio.event` / `@sio.on` functions (`sio.handlers`,
  the `'*'` namespace's beside each namespace's own) and class-based `socketio.AsyncNamespace`
  `on_<event>` methods; `connect`, `disconnect` and the `'*'` catch-all are not events to emit;
- `acks`: every event. python-socketio answers an emit that asks for an ack with the handler's
  return value (`AsyncServer._handle_event_internal`: an ACK packet whatever it returned), so an
  ack is the handler's "done"; a handler that raised sends none;
- `args`: the data parameters each handler declares, less what python-socketio passes first
  (`sid`; the namespace too for a catch-all namespace's handler); none for `*args`.
The wrapped app's own routes (WebSocket, HTTP, OpenAPI, literals) come from its own adapter. An
ASGIApp mounted in a Starlette or FastAPI app is found there (`mounted`, starlette.py).

Exceptions: python-socketio runs each event handler in a task of its own and nobody awaits it;
`install_hooks` wraps the server's `_trigger_event` so a handler's exception is reported at once
for the connection whose emit it was (the task copies the connection's context), before the task
dies unretrieved. A connect handler's is logged by Engine.IO (`TraceLogHandler` sees it); a
`ConnectionRefusedError` it raises refuses the namespace on purpose.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from ..traces import TraceRecorder
from ._classes import defined_in
from ._http import HttpRoute
from ._template import Route, join_paths

NAME = "python-socketio"

# Events a client does not emit: the server's own lifecycle handlers, and the catch-all.
RESERVED = frozenset({"connect", "disconnect", "*"})
DEFAULT_PATH = "/socket.io/"


def matches(app: Any) -> bool:
    return defined_in(app, "engineio", "ASGIApp") and _server(app) is not None


def _server(app: Any) -> Any:
    """The Socket.IO server behind an Engine.IO ASGIApp, or None (a bare Engine.IO app)."""
    server = getattr(app, "engineio_server", None)
    return server if defined_in(server, "socketio", "AsyncServer") else None


def endpoint(app: Any) -> str:
    """Where the Engine.IO endpoint listens (`socketio_path`); `None` serves every path."""
    path = getattr(app, "engineio_path", DEFAULT_PATH)
    return str(path) if path else DEFAULT_PATH


def _inner(app: Any) -> Tuple[Optional[ModuleType], Any]:
    """The adapter of the app `other_asgi_app` names, and the object it matched."""
    other = getattr(app, "other_asgi_app", None)
    if other is None or getattr(app, "engineio_path", None) is None:  # no path: Socket.IO takes all traffic
        return None, None
    from . import find_adapter

    return find_adapter(other)


def routes(app: Any) -> List[Route]:
    found = namespace_routes(app)
    adapter, inner = _inner(app)
    if adapter is not None:
        from ..literals import with_literals

        found.extend(with_literals(adapter.routes(inner), adapter, inner))
    return found


def namespace_routes(app: Any) -> List[Route]:
    """The Socket.IO routes of the ASGIApp `app`: one per namespace with handlers."""
    server = _server(app)
    found: List[Route] = []
    for namespace, handlers in sorted(namespace_handlers(server).items()):
        events = sorted(handlers)
        declared = {event: declared_args(handler, skip) for event, (handler, skip) in handlers.items()}
        args = {event: n for event, n in declared.items() if n is not None}
        found.append(
            {
                "path": namespace,
                "kind": "websocket",
                "params": [],
                "events": events,
                "socketio": {"namespace": namespace, "endpoint": endpoint(app), "acks": events, "args": args},
            }
        )
    return found


def mounted(routes: Iterable[Any], prefix: str = "") -> Iterator[Any]:
    """The python-socketio ASGIApps a Starlette/FastAPI app mounts (`app.mount("/ws",
    socketio.ASGIApp(sio, socketio_path="ws/socket.io"))`), through nested mounts, that a
    request can reach: the mount hands on the whole path, so the app's `socketio_path` must lie
    under the mount's (one that does not answers nothing there, and is left out)."""
    from starlette.routing import Host, Mount

    from .starlette import _expand

    for route, view in _expand(routes):
        if isinstance(route, Mount):
            path = join_paths(prefix, getattr(view, "path", route.path))
            apps = [a for a in (getattr(route, "_base_app", None), getattr(route, "app", None)) if a is not None]
            app = next((a for a in apps if matches(a)), None)
            if app is None:
                yield from mounted(route.routes or [], path)
            elif endpoint(app).startswith(path.rstrip("/") + "/"):
                yield app
        elif isinstance(route, Host):
            yield from mounted(route.routes or [], prefix)


def namespace_handlers(server: Any) -> Dict[str, Dict[str, Tuple[Any, int]]]:
    """namespace -> event -> (handler, how many leading arguments python-socketio passes before
    the data), in its own resolution order (`_get_event_handler`, then the namespace class)."""
    functions: Dict[str, Dict[str, Any]] = dict(getattr(server, "handlers", {}) or {})
    classes: Dict[str, Any] = dict(getattr(server, "namespace_handlers", {}) or {})
    listed = getattr(server, "namespaces", None)
    names = set(functions) | set(classes) | (set(listed) if isinstance(listed, (list, tuple, set)) else set())
    out: Dict[str, Dict[str, Tuple[Any, int]]] = {}
    for namespace in sorted(n for n in names if isinstance(n, str) and n != "*"):
        handlers: Dict[str, Tuple[Any, int]] = {}
        own = functions.get(namespace, {})
        for event, handler in own.items():
            handlers[event] = (handler, 1)  # (sid, *data)
        if "*" not in own:  # a namespace's catch-all handles every event before the others are asked
            for event, handler in functions.get("*", {}).items():
                handlers.setdefault(event, (handler, 2))  # (namespace, sid, *data)
            instance, skip = (classes[namespace], 1) if namespace in classes else (classes.get("*"), 2)
            for event, method in _class_events(instance):
                handlers.setdefault(event, (method, skip))
        events = {e: h for e, h in handlers.items() if isinstance(e, str) and e not in RESERVED}
        if events or namespace in functions or namespace in classes:
            out[namespace] = events
    return out


def _class_events(instance: Any) -> List[Tuple[str, Any]]:
    """A class-based namespace's `on_<event>` methods, as (event, bound method)."""
    if instance is None:
        return []
    found = []
    for name in dir(type(instance)):
        if name.startswith("on_") and len(name) > 3:
            method = getattr(instance, name, None)
            if callable(method):
                found.append((name[3:], method))
    return found


def declared_args(handler: Any, skip: int) -> Optional[int]:
    """The data parameters `handler` declares (positional, defaults included), less the `skip`
    python-socketio passes first; None when it takes `*args` or has no readable signature."""
    try:
        params = list(inspect.signature(handler).parameters.values())
    except (TypeError, ValueError):
        return None
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        return None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    positional = [p for p in params if p.kind in kinds]
    return max(0, len(positional) - skip)


def deliberate(exc: BaseException) -> bool:
    """A connect handler's `ConnectionRefusedError`: the namespace refused on purpose."""
    from socketio.exceptions import ConnectionRefusedError

    return isinstance(exc, ConnectionRefusedError)


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    adapter, inner = _inner(app)
    if adapter is not None:  # the wrapped app's deliberate closes are deliberate too
        inner_deliberate = adapter.deliberate
        recorder.set_deliberate(lambda exc: deliberate(exc) or inner_deliberate(exc))
        adapter.install_hooks(inner, recorder)
    trace_handlers(app, recorder)


def trace_handlers(app: Any, recorder: TraceRecorder) -> None:
    """Reports an event handler's exception for the connection whose emit it was (see above)."""
    server = _server(app)
    installed = getattr(server, _RECORDER, None) is not None
    setattr(server, _RECORDER, recorder)  # hooked once; the latest recorder reports
    if installed:
        return
    original = server._trigger_event

    async def traced(event: Any, namespace: Any, *args: Any) -> Any:
        try:
            return await original(event, namespace, *args)
        except Exception as exc:
            # connect/disconnect: python-socketio retries their legacy signatures on a TypeError,
            # and Engine.IO logs what then escapes; an event's exception ends its task unread.
            if event not in ("connect", "disconnect"):
                _report_from_handler(exc, getattr(server, _RECORDER))
            raise

    server._trigger_event = traced


_RECORDER = "_wsroutes_recorder"


def _report_from_handler(exc: BaseException, recorder: TraceRecorder) -> None:
    """Reports `exc` with its traceback from python-socketio's dispatch down, without this
    module's frame on top (the user's traceback, as python-socketio would have raised it)."""
    tb = exc.__traceback__
    if tb is not None and tb.tb_next is not None:
        exc.__traceback__ = tb.tb_next
    try:
        recorder.report(exc)
    finally:
        exc.__traceback__ = tb


def http_routes(app: Any) -> List[HttpRoute]:
    adapter, inner = _inner(app)
    list_routes = getattr(adapter, "http_routes", None)
    return list(list_routes(inner)) if callable(list_routes) else []


def openapi(app: Any) -> Dict[str, Any]:
    adapter, inner = _inner(app)
    build = getattr(adapter, "openapi", None)
    return dict(build(inner)) if callable(build) else {}
