"""The ASGI app uvicorn serves: the user's app, wrapped to watch each WebSocket connection and
each HTTP request (`_serve_http`: the same trace and conn_end events, keyed by the client port).

Per connection it sets the `traces.current` context variable, counts the websocket.receive
messages the app takes, reports any exception the app raises, and emits `conn_end` when the app
call ends. A pump task reads uvicorn's receive channel ahead of the app, so the bridge learns at
once that the client has gone even when the app never reads again (a pub/sub loop, a sleep);
once the client is gone and the app has been idle for `linger` seconds, `conn_end` is emitted
early (lingering) so wsroutes does not wait for an app that will not notice.

For the lifespan scope it keeps the failure message or exception, to explain a failed start-up.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Awaitable, Callable, MutableMapping

from .late_traces import install_loop_hooks
from .protocol import emit
from .traces import CONNECTION_TAG, Connection, TraceRecorder, current, format_exception

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class LifespanWatch:
    def __init__(self) -> None:
        self.failure: str | None = None


def wrap_app(app: ASGIApp, recorder: TraceRecorder, lifespan: LifespanWatch, linger: float) -> ASGIApp:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        install_loop_hooks(recorder)
        if scope["type"] == "websocket":
            await _serve_websocket(app, scope, receive, send, recorder, linger)
        elif scope["type"] == "http":
            await _serve_http(app, scope, receive, send, recorder)
        elif scope["type"] == "lifespan":
            await _serve_lifespan(app, scope, receive, send, lifespan)
        else:
            await app(scope, receive, send)

    return wrapped


async def _serve_lifespan(app: ASGIApp, scope: Scope, receive: Receive, send: Send, watch: LifespanWatch) -> None:
    async def send_watched(message: Message) -> None:
        if message.get("type") == "lifespan.startup.failed":
            watch.failure = str(message.get("message") or "") or watch.failure
        await send(message)

    try:
        await app(scope, receive, send_watched)
    except BaseException as exc:
        if watch.failure is None:
            watch.failure = format_exception(exc)
        raise


class _Watched:
    """One connection's bookkeeping: the pump, activity times, the early conn_end."""

    def __init__(self, conn: Connection, receive: Receive, linger: float) -> None:
        self.conn = conn
        self.queue: asyncio.Queue[Message] = asyncio.Queue()
        self.linger = linger
        self.last_activity = time.monotonic()
        self.waiting = 0  # app calls currently awaiting receive()
        self.done = False
        self._upstream = receive
        self._linger_task: asyncio.Task[None] | None = None
        self.pump_task = asyncio.ensure_future(self._pump())

    async def _pump(self) -> None:
        while True:
            try:
                message = await self._upstream()
            except Exception:  # the server's channel broke: the app sees an abnormal closure
                message = {"type": "websocket.disconnect", "code": 1006}
            if message.get("type") == "websocket.disconnect":
                self.conn.closed = True
                self.queue.put_nowait(message)
                self._linger_task = asyncio.ensure_future(self._watch_linger())
                return
            self.queue.put_nowait(message)

    async def receive(self) -> Message:
        if self.queue.empty() and not self.conn.closed:
            # The app has handled all it was sent and waits for more: wsroutes may close now.
            emit("read", client_port=self.conn.client_port, received=self.conn.received, idle=True)
        self.waiting += 1
        try:
            message = await self.queue.get()
        finally:
            self.waiting -= 1
            self.last_activity = time.monotonic()
        if message.get("type") == "websocket.receive":
            self.conn.received += 1
            emit("read", client_port=self.conn.client_port, received=self.conn.received, idle=False)
        return message

    def wrap_send(self, send: Send) -> Send:
        async def watched_send(message: Message) -> None:
            self.last_activity = time.monotonic()
            try:
                await send(message)
            except OSError:  # uvicorn's ClientDisconnected: the client is gone
                self.conn.closed = True
                raise

        setattr(watched_send, CONNECTION_TAG, self.conn)
        return watched_send

    async def _watch_linger(self) -> None:
        while not self.done:
            await asyncio.sleep(self.linger)
            if self.done:
                return
            idle = time.monotonic() - self.last_activity
            # Messages may still be queued: an app that has not asked for them for `linger`
            # seconds is not reading (a subscriber loop, a sleep), and will not raise over them.
            if self.waiting == 0 and idle >= self.linger:
                end_connection(self.conn, lingering=True)
                return

    def finish(self) -> None:
        self.done = True
        self.pump_task.cancel()
        if self._linger_task is not None:
            self._linger_task.cancel()


def end_connection(conn: Connection, lingering: bool = False) -> None:
    if conn.ended:
        return
    conn.ended = True
    emit("conn_end", client_port=conn.client_port, received=conn.received, lingering=lingering)


def _client_port(scope: Scope) -> int | None:
    client = scope.get("client")
    try:
        return int(client[1]) if client else None
    except (TypeError, ValueError, IndexError):
        return None


async def _serve_websocket(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, recorder: TraceRecorder, linger: float
) -> None:
    conn = Connection(_client_port(scope))
    token = current.set(conn)
    watched = _Watched(conn, receive, linger)
    try:
        await app(scope, watched.receive, watched.wrap_send(send))
    except BaseException as exc:
        recorder.report(exc, conn, escaped=True)  # the server logs it as an error, whatever the framework meant
        raise
    finally:
        watched.finish()
        current.reset(token)
        end_connection(conn)


async def _serve_http(app: ASGIApp, scope: Scope, receive: Receive, send: Send, recorder: TraceRecorder) -> None:
    """One HTTP request, keyed by the client port like a connection: what the app raises is its
    trace, and `conn_end` follows once the app call ends. The client leaving (http.disconnect,
    a send to a gone client) marks it closed, so a disconnect exception then is no bug."""
    conn = Connection(_client_port(scope))
    token = current.set(conn)

    async def watched_receive() -> Message:
        message = await receive()
        if message.get("type") == "http.disconnect":
            conn.closed = True
        return message

    async def watched_send(message: Message) -> None:
        try:
            await send(message)
        except OSError:  # uvicorn's ClientDisconnected
            conn.closed = True
            raise

    setattr(watched_send, CONNECTION_TAG, conn)
    try:
        await app(scope, watched_receive, watched_send)
    except BaseException as exc:
        recorder.report(exc, conn, escaped=True)  # uvicorn answers 500, whatever the framework meant
        raise
    finally:
        current.reset(token)
        end_connection(conn)
