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
The wrapped app's own routes (WebSocket, HTTP, OpenAPI, literals) come from its own adapter.

Exceptions: python-socketio runs each event handler in a task of its own and nobody awaits it;
`install_hooks` wraps the server's `_trigger_event` so a handler's exception is reported at once
for the connection whose emit it was (the task copies the connection's context), before the task
dies unretrieved. A connect handler's is logged by Engine.IO (`TraceLogHandler` sees it); a
`ConnectionRefusedError` it raises refuses the namespace on purpose.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any, Dict, List, Optional, Tuple

from ..traces import TraceRecorder
from ._classes import defined_in
from ._http import HttpRoute
from ._template import Route

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
    adapter, inner = _inner(app)
    if adapter is not None:
        from ..literals import with_literals

        found.extend(with_literals(adapter.routes(inner), adapter, inner))
    return found


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
    server = _server(app)
    original = server._trigger_event

    async def traced(event: Any, namespace: Any, *args: Any) -> Any:
        try:
            return await original(event, namespace, *args)
        except Exception as exc:
            # connect/disconnect: python-socketio retries their legacy signatures on a TypeError,
            # and Engine.IO logs what then escapes; an event's exception ends its task unread.
            if event not in ("connect", "disconnect"):
                recorder.report(exc)
            raise

    server._trigger_event = traced


def http_routes(app: Any) -> List[HttpRoute]:
    adapter, inner = _inner(app)
    list_routes = getattr(adapter, "http_routes", None)
    return list(list_routes(inner)) if callable(list_routes) else []


def openapi(app: Any) -> Dict[str, Any]:
    adapter, inner = _inner(app)
    build = getattr(adapter, "openapi", None)
    return dict(build(inner)) if callable(build) else {}
