"""The bridge's stdout protocol: one JSON object per line, nothing else on stdout.

Events (field `event`):
  ready     {"port", "framework", "routes": [{"path", "kind", "params": [{"name", "type"}]}],
             "python", "pid", "warnings": [str]}   once: lifespan startup done, socket accepting;
            each `path` is a template with `{name:type}` placeholders (type: str, int, float,
            uuid or path), whatever the framework's own syntax: `/rooms/{room_id:int}`
  error     {"code", "message", "detail"?}        start-up failed; the process then exits 1
  trace     {"client_port", "traceback", "exception", "received"}
            the app raised while handling the connection from that client port (null: no
            connection); `received` counts the websocket.receive messages the app had taken
  read      {"client_port", "received", "idle"}
            the app took a message (idle false), or asked for one with none queued (idle
            true): wsroutes closes only once the app has read everything it was sent
  conn_end  {"client_port", "received", "lingering"}
            the app call for that connection returned or raised (every trace of it came
            before), or, with lingering true, the client is gone and the app has been idle

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
