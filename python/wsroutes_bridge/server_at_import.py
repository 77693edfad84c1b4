"""Stops an app that starts its own server while it is being imported.

A module that ends with `uvicorn.run(app, port=8000)` (or Quart's `app.run()`) outside an
`if __name__ == "__main__":` guard would, when the bridge imports it, serve on its own port
until killed: wsroutes would wait for `ready` in vain. While the import (and a factory call)
runs on the importing thread:
- uvicorn's entry points raise `ServerAtImport` at once, naming the app's line: `uvicorn.run`
  (also as `uvicorn.main.run`, which the uvicorn CLI calls) and `uvicorn.Server.run` /
  `Server.serve` (a server built by hand). The originals are back once the import is over,
  before the bridge starts its own server.
- any other server (Hypercorn under Quart's `app.run()`, aiohttp's `run_app`, a socketserver)
  binds a socket first: an audit hook (`sys.addaudithook`, PEP 578) notes each `socket.bind`
  and the app's statement that led to it; if `hang_after` seconds later the import is still
  in that statement, or waits in an accept, a selector or an event loop, `on_hang` is called
  (the bridge reports `server_at_import` and exits). An import that has moved on to other
  work (it started a metrics exporter, then loads a model for a while) is left alone.
`load_app` turns `ServerAtImport` into one `server_at_import` error.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from types import FrameType
from typing import Any, Callable, Iterator, List, Optional, Tuple

from .load_app import ServerAtImport

_BRIDGE_DIR = os.path.dirname(os.path.abspath(__file__))


class _Guard:
    """The import under way: its thread, the app directory, what to call when it hangs."""

    def __init__(self) -> None:
        self.thread: Optional[threading.Thread] = None
        self.app_dir = ""
        self.hooked = False
        self.hang_after = 2.0
        self.on_hang: Optional[Callable[[ServerAtImport], None]] = None


_guard = _Guard()


def _caller(frame: Optional[FrameType]) -> Tuple[str, Optional[FrameType]]:
    """file:line of the app's own call, and its frame: the innermost frame in the app
    directory, else the innermost outside uvicorn, the bridge, the standard library and
    installed packages."""
    fallback: Optional[FrameType] = None
    stdlib = os.path.dirname(os.__file__)
    while frame is not None:
        filename = os.path.abspath(frame.f_code.co_filename)
        if _guard.app_dir and filename.startswith(_guard.app_dir + os.sep):
            return f"{filename}:{frame.f_lineno}", frame
        outside = not (
            os.sep + "uvicorn" + os.sep in filename
            or filename.startswith((_BRIDGE_DIR + os.sep, stdlib + os.sep, "<"))
            or os.sep + "site-packages" + os.sep in filename
            or os.sep + "dist-packages" + os.sep in filename
        )
        if fallback is None and outside:
            fallback = frame
        frame = frame.f_back
    if fallback is None:
        return "unknown location", None
    return f"{os.path.abspath(fallback.f_code.co_filename)}:{fallback.f_lineno}", fallback


def _refusal(call: str) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ServerAtImport(f"calls {call}", _caller(sys._getframe(1))[0])

    return refuse


def _address(address: Any) -> str:
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0] or '0.0.0.0'}:{address[1]}"
    return str(address)


def _audit(event: str, args: Tuple[Any, ...]) -> None:
    if event != "socket.bind" or _guard.thread is not threading.current_thread():
        return
    address = args[1] if len(args) > 1 else None
    where, frame = _caller(sys._getframe(1))
    bound = ServerAtImport(
        f"starts a server (it binds {_address(address)})",
        where,
        f"and was still serving {_guard.hang_after:g} s later",
    )
    line = frame.f_lineno if frame is not None else None
    timer = threading.Timer(_guard.hang_after, _check_hang, args=(_guard.thread, bound, frame, line))
    timer.daemon = True
    timer.start()


# Where a thread that serves waits: an accept, a selector or poll, an event loop turning.
_WAITS = frozenset({"accept", "select", "poll", "_run_once", "run_forever", "serve_forever"})


def _check_hang(
    thread: threading.Thread, bound: ServerAtImport, frame: Optional[FrameType], line: Optional[int]
) -> None:
    """Still serving: the import still runs the very statement that bound the socket
    (`app.run()`), or it waits in an accept, a selector or an event loop. An import that has
    moved on to other work (it started an exporter, then loads a model) is left alone."""
    if _guard.thread is not thread or _guard.on_hang is None:
        return
    innermost = sys._current_frames().get(thread.ident or -1)
    if innermost is None:
        return
    serving = innermost.f_code.co_name in _WAITS
    current: Optional[FrameType] = innermost
    while not serving and current is not None:
        serving = current is frame and frame.f_lineno == line
        current = current.f_back
    if serving:
        _guard.on_hang(bound)


@contextlib.contextmanager
def refuse_servers(
    uvicorn: Any,
    app_dir: Optional[str] = None,
    on_hang: Optional[Callable[[ServerAtImport], None]] = None,
    hang_after: float = 2.0,
) -> Iterator[None]:
    patches: List[Tuple[Any, str, Any]] = []
    server = getattr(uvicorn, "Server", None)
    targets: List[Tuple[Any, str, str]] = [
        (uvicorn, "run", "uvicorn.run()"),
        (sys.modules.get("uvicorn.main"), "run", "uvicorn.run()"),
        (server, "run", "uvicorn.Server.run()"),
        (server, "serve", "uvicorn.Server.serve()"),
    ]
    for owner, name, call in targets:
        if owner is not None and hasattr(owner, name):
            patches.append((owner, name, owner.__dict__.get(name, getattr(owner, name))))
            setattr(owner, name, _refusal(call))
    if not _guard.hooked:
        sys.addaudithook(_audit)  # hooks cannot be removed: it acts only while `thread` is set
        _guard.hooked = True
    _guard.app_dir = os.path.abspath(app_dir or os.getcwd())
    _guard.on_hang = on_hang
    _guard.hang_after = hang_after
    _guard.thread = threading.current_thread()
    try:
        yield
    finally:
        _guard.thread = None
        _guard.on_hang = None
        for owner, name, original in reversed(patches):
            setattr(owner, name, original)
