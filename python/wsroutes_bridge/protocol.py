"""The bridge's stdout protocol: one JSON object per line, nothing else on stdout.

Events (field `event`):
  ready     {"port", "framework", "routes": [{"path", "kind", "params": [{"name", "type"}]}],
             "python", "pid", "warnings": [str]}   once: lifespan startup done, socket accepting;
            each `path` is a template with `{name:type}` placeholders (type: str, int, float,
            uuid or path), whatever the framework's own syntax: `/rooms/{room_id:int}`;
            a route may carry "literals": {"strings", "numbers", "keys"} (literals.py: what
            its handler's source compares messages with, and the keys it reads)
            HTTP routes (`--http`), beside:
            "http_routes": [{"method", "path", "name"?}]  one per method (HEAD beside GET and
                OPTIONS left out), `path` in the same `{name:type}` form; with a document,
                only the routes it does not name (a mounted sub-app)
            "openapi": {...}   FastAPI's and Litestar's own OpenAPI document, whole; absent
                when the framework has none or it could not be built (then a warning says why)
  error     {"code", "message", "detail"?}        start-up failed; the process then exits 1
  trace     {"client_port", "traceback", "exception", "received", "logged"}
            the app raised while handling the connection (or HTTP request) from that client
            port (null: no connection); `received` counts the websocket.receive messages the
            app had taken (0 for a request); `logged`: the app or framework logged it with
            exc_info and went on (it did not escape). The same exception reported again with
            `logged` false escaped after it was logged. An exception the framework turns into a 500 of its
            own is reported too; a 4xx it raises on purpose (HTTPException, validation) is not
  read      {"client_port", "received", "idle"}
            the app took a message (idle false), or asked for one with none queued (idle
            true): wsroutes closes only once the app has read everything it was sent
  conn_end  {"client_port", "received", "lingering"}
            the app call for that connection or request returned or raised (every trace of it
            came before), or, with lingering true, the client is gone and the app has been idle
            (websockets only). wsroutes opens one TCP connection per HTTP request, so a client
            port names one request

`claim_stdout()` moves the real stdout to a private descriptor and points fd 1 (and
sys.stdout) at stderr, so whatever the app prints cannot corrupt the protocol.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

_lock = threading.Lock()
_fd: int | None = None


def claim_stdout() -> None:
    global _fd
    if _fd is not None:
        return
    sys.stdout.flush()
    _fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr


def emit(event: str, **fields: Any) -> None:
    """Writes one event line; safe from any thread."""
    # ASCII-only JSON: a lone surrogate in a traceback stays a valid \u escape.
    data = (json.dumps({"event": event, **fields}, default=str) + "\n").encode("ascii")
    with _lock:
        fd = _fd if _fd is not None else sys.stdout.fileno()
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
