"""Ties each exception the app raises to the WebSocket connection (or HTTP request) that caused it.

A connection is known by the client's TCP port (`scope["client"]`), which is the local port of
wsroutes' socket. While the app handles a connection a context variable holds its `Connection`,
so every path an exception can take, whichever framework, reports to the right one:
- it propagates out of the app (Starlette, FastAPI, plain ASGI): `asgi_wrapper` catches it;
- the framework catches it and closes with a code (Litestar, Falcon): the adapter's hook
  (`discover/<framework>.py`) calls `report()`;
- the app or framework logs it with exc_info at ERROR or above: `TraceLogHandler`. Such a trace
  is `logged`: the app caught it and went on, which on a protocol that answers errors (a GraphQL
  `error` reply, an error in an ack) is the log line of that answer (src/judgement/server-error.ts).
The same exception seen on several paths is reported once; one logged first that then escapes
(a framework that logs and re-raises) is reported again as escaped, which the Node side reads
as the same trace no longer `logged` (src/targets/python/bridge-traces.ts).
An exception group (a TaskGroup, anyio, Litestar) is judged and described by the exceptions it
holds: a group of goodbyes is a goodbye, and the trace's `exception` names its first real error
("ValueError: invalid literal ... (+1 more)").

Not reported: cancellation at shutdown, deliberate closes a framework raises on purpose (the
adapter's `deliberate()`, unless the exception escaped the app to the server, which logs it as
"Exception in ASGI application" whatever the framework meant by it), and the disconnect
exceptions frameworks raise because this very connection's client left (Starlette's
WebSocketDisconnect, say). Whose disconnect it is comes from the WebSocket object that raised it
(`disconnect_owner`), else from whether this connection has closed. The same exception raised
over another, dead client (a broadcast) is a bug of the app.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import logging
import re
import traceback
from dataclasses import dataclass, field
from typing import Callable

from .protocol import emit

# Class names (anywhere in the MRO) of the exceptions frameworks and servers raise because the
# peer went away: Starlette/FastAPI and Litestar WebSocketDisconnect, Falcon WebSocketDisconnected,
# uvicorn ClientDisconnected, websockets ConnectionClosed*, Starlette's ClientDisconnect (an HTTP
# request's body read after the client left).
DISCONNECT_NAMES = frozenset(
    {"WebSocketDisconnect", "WebSocketDisconnected", "ClientDisconnected", "ConnectionClosed", "ClientDisconnect"}
)

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
    # Those of them reported only as logged so far.
    logged: list[BaseException] = field(default_factory=list)


current: contextvars.ContextVar[Connection | None] = contextvars.ContextVar("wsroutes_connection", default=None)


def is_disconnect(exc: BaseException) -> bool:
    return any(cls.__name__ in DISCONNECT_NAMES for cls in type(exc).__mro__)


def wrapped_disconnect(exc: BaseException) -> BaseException | None:
    """The disconnect a wrapper holds: graphql-core's GraphQLError keeps the exception a resolver
    or a subscription's send raised as `original_error` (Ariadne's subscription task sending to
    a client that closed raises one around Starlette's WebSocketDisconnect). None otherwise."""
    original = getattr(exc, "original_error", None)
    return original if isinstance(original, BaseException) and is_disconnect(original) else None


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
        if isinstance(scope, dict) and scope.get("type") in ("websocket", "http"):
            client = scope.get("client")
            return int(client[1]) if client else None
        for name in ("_asgi_send", "_send", "send"):
            conn = getattr(getattr(obj, name, None), CONNECTION_TAG, None)
            if isinstance(conn, Connection):
                return conn.client_port
    except Exception:
        return None
    return None


# A trace's bounds, as the TypeScript side keeps them (src/targets/trace-cap.ts): an
# exception message can be any size, and a 20 MB event line costs both processes dearly.
MAX_TRACE_LINE_CHARS = 2000
MAX_TRACE_LINES = 200


def _cap_line(line: str) -> str:
    if len(line) <= MAX_TRACE_LINE_CHARS:
        return line
    return f"{line[:MAX_TRACE_LINE_CHARS]}\u2026 ({len(line) - MAX_TRACE_LINE_CHARS:,} more characters cut)"


def cap_trace(text: str) -> str:
    """At most MAX_TRACE_LINE_CHARS of each line and MAX_TRACE_LINES lines (the first and
    last halves), saying what was cut."""
    if len(text) <= MAX_TRACE_LINE_CHARS:
        return text
    lines = text.split("\n")
    if len(lines) <= MAX_TRACE_LINES + 1:
        return "\n".join(_cap_line(line) for line in lines)
    half = MAX_TRACE_LINES // 2
    cut = len(lines) - 2 * half
    kept = [*lines[:half], f"\u2026 ({cut:,} lines cut) \u2026", *lines[-half:]]
    return "\n".join(_cap_line(line) for line in kept)


def format_exception(exc: BaseException) -> str:
    return cap_trace("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


def _group_members(exc: BaseException) -> list[BaseException] | None:
    """The exceptions of an exception group (3.11's, or the `exceptiongroup` backport's), else None."""
    if not any(cls.__name__ == "BaseExceptionGroup" for cls in type(exc).__mro__):
        return None
    members = getattr(exc, "exceptions", None)
    if not isinstance(members, (tuple, list)):
        return None
    return [m for m in members if isinstance(m, BaseException)]


def exception_leaves(exc: BaseException) -> list[BaseException]:
    """The exceptions an exception group holds, depth first in print order; `[exc]` for any other."""
    leaves: list[BaseException] = []
    pending: list[tuple[BaseException, int]] = [(exc, 0)]
    while pending:
        current_exc, depth = pending.pop()
        members = _group_members(current_exc) if depth < 32 else None
        if not members:
            leaves.append(current_exc)
            continue
        pending.extend((m, depth + 1) for m in reversed(members))
    return leaves


def exception_type_name(exc: BaseException) -> str:
    """The type as a traceback prints it: `ValueError`, `json.decoder.JSONDecodeError`."""
    cls = type(exc)
    module = getattr(cls, "__module__", "")
    return cls.__qualname__ if module in ("builtins", "__main__", "") else f"{module}.{cls.__qualname__}"


def describe_exception(leaves: list[BaseException]) -> str:
    """`Type: first line of the message`, for the first of `leaves`, and how many more there are."""
    first = leaves[0]
    try:
        # Only newlines end a line: splitlines() would also cut at U+2028/U+2029 a message may quote.
        lines = re.split(r"\r\n|\r|\n", str(first).strip())
    except Exception:
        lines = ["<str() of the exception failed>"]
    message = lines[0] if lines else ""
    text = exception_type_name(first) + (f": {message[:300]}" if message else "")
    return text + (f" (+{len(leaves) - 1} more)" if len(leaves) > 1 else "")


class TraceRecorder:
    def __init__(self) -> None:
        self._deliberate: Callable[[BaseException], bool] = lambda exc: False
        # Exceptions reported outside any connection, to skip the same one seen again.
        self._orphans_seen: collections.deque[BaseException] = collections.deque(maxlen=256)

    def set_deliberate(self, deliberate: Callable[[BaseException], bool]) -> None:
        """The framework adapter's test for exceptions raised on purpose (a deliberate close)."""
        self._deliberate = deliberate

    def report(
        self, exc: BaseException, conn: Connection | None = None, *, escaped: bool = False, logged: bool = False
    ) -> None:
        """Reports `exc` for `conn` (default: the connection of the current context). `escaped`: it
        propagated out of the app to the server, so no adapter's `deliberate()` excuses it.
        `logged`: the app or framework logged it and went on (it did not escape)."""
        if isinstance(exc, _IGNORED):
            return
        conn = conn if conn is not None else current.get()
        if not escaped and self._is_deliberate(exc):
            return
        logged = logged and not escaped
        if conn is not None and not logged and any(seen is exc for seen in conn.logged):
            conn.logged = [seen for seen in conn.logged if seen is not exc]  # it escaped after all
            conn.reported = [seen for seen in conn.reported if seen is not exc]
        if any(seen is exc for seen in (conn.reported if conn is not None else self._orphans_seen)):
            return
        errors = [leaf for leaf in exception_leaves(exc) if not self._excused(leaf, conn, escaped)]
        if not errors:
            return
        self._orphans_seen.append(exc)
        if conn is None:
            self._emit(exc, errors, None, 0, logged)
            return
        conn.reported.append(exc)
        if logged:
            conn.logged.append(exc)
        self._emit(exc, errors, conn.client_port, conn.received, logged)

    def _is_deliberate(self, exc: BaseException) -> bool:
        try:
            return self._deliberate(exc)
        except Exception:  # a broken adapter must not hide the exception
            return False

    def _excused(self, exc: BaseException, conn: Connection | None, escaped: bool) -> bool:
        """Not an error of the app: cancellation, a deliberate close, this connection's own goodbye."""
        if isinstance(exc, _IGNORED) or (not escaped and self._is_deliberate(exc)):
            return True
        exc = wrapped_disconnect(exc) or exc
        if not is_disconnect(exc):
            return False
        if conn is None:
            return True
        owner = disconnect_owner(exc)
        return owner == conn.client_port if owner is not None else conn.closed

    def _emit(
        self, exc: BaseException, errors: list[BaseException], client_port: int | None, received: int, logged: bool
    ) -> None:
        emit(
            "trace",
            client_port=client_port,
            traceback=format_exception(exc),
            exception=describe_exception(errors),
            received=received,
            logged=logged,
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
                self._recorder.report(exc, logged=True)
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
