"""Ties each exception the app raises to the WebSocket connection that caused it.

A connection is known by the client's TCP port (`scope["client"]`), which is the local port of
wsroutes' socket. While the app handles a connection a context variable holds its `Connection`,
so every path an exception can take, whichever framework, reports to the right one:
- it propagates out of the app (Starlette, FastAPI, plain ASGI): `asgi_wrapper` catches it;
- the framework catches it and closes with a code (Litestar, Falcon): the adapter's hook
  (`discover/<framework>.py`) calls `report()`;
- the app or framework logs it with exc_info at ERROR or above: `TraceLogHandler`.
The same exception seen on several paths is reported once.

Not reported: cancellation at shutdown, deliberate closes a framework raises on purpose (the
adapter's `deliberate()`), and the disconnect exceptions frameworks raise because this very
connection's client left (Starlette's WebSocketDisconnect, say). Whose disconnect it is comes
from the WebSocket object that raised it (`disconnect_owner`), else from whether this connection
has closed. The same exception raised over another, dead client (a broadcast) is a bug of the app.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import logging
import traceback
from dataclasses import dataclass, field
from typing import Callable

from .protocol import emit

# Class names (anywhere in the MRO) of the exceptions frameworks and servers raise because the
# peer went away: Starlette/FastAPI and Litestar WebSocketDisconnect, Falcon WebSocketDisconnected,
# uvicorn ClientDisconnected, websockets ConnectionClosed*.
DISCONNECT_NAMES = frozenset({"WebSocketDisconnect", "WebSocketDisconnected", "ClientDisconnected", "ConnectionClosed"})

_IGNORED = (asyncio.CancelledError, KeyboardInterrupt, SystemExit, GeneratorExit)

# Attribute naming the Connection on the send callable the bridge hands the app.
CONNECTION_TAG = "_wsroutes_connection"


@dataclass(eq=False)
class Connection:
    client_port: int | None
    received: int = 0
    closed: bool = False
    ended: bool = False
    # Exceptions already reported for this connection (identity; exceptions take no weakrefs).
    reported: list[BaseException] = field(default_factory=list)


current: contextvars.ContextVar[Connection | None] = contextvars.ContextVar("wsroutes_connection", default=None)


def is_disconnect(exc: BaseException) -> bool:
    return any(cls.__name__ in DISCONNECT_NAMES for cls in type(exc).__mro__)


def disconnect_owner(exc: BaseException) -> int | None:
    """The client port of the connection whose WebSocket object raised `exc` (or an exception
    it was raised from): the innermost traceback frame whose `self` belongs to a connection.

    A chat handler that broadcasts to a client who has left gets that other client's
    disconnect exception: it is a bug of the handler's own connection, not a goodbye."""
    seen: set[int] = set()
    current_exc: BaseException | None = exc
    while current_exc is not None and id(current_exc) not in seen:
        seen.add(id(current_exc))
        frames = []
        tb = current_exc.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
        for frame in reversed(frames):
            owner = _connection_port(frame.f_locals.get("self"))
            if owner is not None:
                return owner
        current_exc = current_exc.__cause__ or current_exc.__context__
    return None


def _connection_port(obj: object) -> int | None:
    """Starlette, FastAPI and Litestar WebSockets and uvicorn's protocol keep the ASGI scope;
    Falcon's keeps the send callable, which is ours (tagged with its connection)."""
    if obj is None:
        return None
    try:
        scope = getattr(obj, "scope", None)
        if isinstance(scope, dict) and scope.get("type") == "websocket":
            client = scope.get("client")
            return int(client[1]) if client else None
        for name in ("_asgi_send", "_send", "send"):
            conn = getattr(getattr(obj, name, None), CONNECTION_TAG, None)
            if isinstance(conn, Connection):
                return conn.client_port
    except Exception:
        return None
    return None


def format_exception(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class TraceRecorder:
    def __init__(self) -> None:
        self._deliberate: Callable[[BaseException], bool] = lambda exc: False
        # Exceptions reported outside any connection, to skip the same one seen again.
        self._orphans_seen: collections.deque[BaseException] = collections.deque(maxlen=256)

    def set_deliberate(self, deliberate: Callable[[BaseException], bool]) -> None:
        """The framework adapter's test for exceptions raised on purpose (a deliberate close)."""
        self._deliberate = deliberate

    def report(self, exc: BaseException, conn: Connection | None = None) -> None:
        """Reports `exc` for `conn` (default: the connection of the current context)."""
        if isinstance(exc, _IGNORED):
            return
        conn = conn if conn is not None else current.get()
        try:
            if self._deliberate(exc):
                return
        except Exception:  # a broken adapter must not hide the exception
            pass
        if conn is None:
            if is_disconnect(exc) or any(seen is exc for seen in self._orphans_seen):
                return
            self._orphans_seen.append(exc)
            self._emit(exc, None, 0)
            return
        if any(seen is exc for seen in conn.reported):
            return
        if is_disconnect(exc):
            owner = disconnect_owner(exc)
            own_goodbye = owner == conn.client_port if owner is not None else conn.closed
            if own_goodbye:
                return
        conn.reported.append(exc)
        self._orphans_seen.append(exc)
        self._emit(exc, conn.client_port, conn.received)

    def _emit(self, exc: BaseException, client_port: int | None, received: int) -> None:
        emit(
            "trace",
            client_port=client_port,
            traceback=format_exception(exc),
            exception=f"{type(exc).__module__}.{type(exc).__qualname__}",
            received=received,
        )


class TraceLogHandler(logging.Handler):
    """Turns log records that carry an exception (level ERROR and above) into traces.

    When no other handler would see a record (none on its logger or the loggers it propagates
    to), it prints records of level WARNING and above to stderr, as Python's last-resort handler
    would have had this handler not been installed."""

    def __init__(self, recorder: TraceRecorder) -> None:
        super().__init__(logging.DEBUG)
        self._recorder = recorder
        self.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            exc = record.exc_info[1] if record.exc_info else None
            if exc is not None and record.levelno >= logging.ERROR:
                self._recorder.report(exc)
            if record.levelno >= logging.WARNING and logging.lastResort and self._only_handler(record.name):
                logging.lastResort.handle(record)
        except Exception:
            self.handleError(record)

    def _only_handler(self, name: str) -> bool:
        logger: logging.Logger | None = logging.getLogger(name)
        while logger is not None:
            if any(h is not self for h in logger.handlers):
                return False
            logger = logger.parent if logger.propagate else None
        return True


def install_log_handler(recorder: TraceRecorder) -> TraceLogHandler:
    handler = TraceLogHandler(recorder)
    logging.getLogger().addHandler(handler)
    return handler
