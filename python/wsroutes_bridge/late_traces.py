"""Exceptions a connection's handler leaves behind: a background task (`asyncio.create_task`)
or a callback (`loop.call_later`) that fails after the handler has returned.

Nobody awaits them, so they reach the event loop's exception handler, which runs outside the
connection's context: `traces.current` is unset there and the default handler's log line
would be an orphan trace. Each task created while a connection is current is remembered
with it (a task factory: the coroutine is not touched), and a callback carries its own
context (`Handle._context`), so the loop's exception handler reports the exception for
that connection (wsroutes ties it to the connection, also after it was judged), then lets
the previous handler log it as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from typing import Any

from .traces import Connection, TraceRecorder, current

_installed: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()


def _connection_of(context: dict[str, Any], tasks: weakref.WeakKeyDictionary[Any, Connection]) -> Connection | None:
    future = context.get("future") or context.get("task")
    if future is not None:
        try:
            return tasks.get(future)
        except TypeError:  # not weak-referenceable
            return None
    handle_context = getattr(context.get("handle"), "_context", None)
    try:
        return handle_context.get(current) if handle_context is not None else None
    except Exception:
        return None


def install_loop_hooks(recorder: TraceRecorder) -> None:
    """Once per event loop (the running one): the task factory and the exception handler."""
    loop = asyncio.get_running_loop()
    if loop in _installed:
        return
    _installed.add(loop)
    tasks: weakref.WeakKeyDictionary[Any, Connection] = weakref.WeakKeyDictionary()
    previous_factory = loop.get_task_factory()
    previous_handler = loop.get_exception_handler()

    def task_factory(loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> Any:
        if previous_factory is not None:
            task = previous_factory(loop, coro, **kwargs)
        else:
            task = asyncio.Task(coro, loop=loop, **kwargs)
        context = kwargs.get("context")
        conn = context.get(current) if context is not None else current.get()
        if conn is not None:
            with contextlib.suppress(TypeError):  # not weak-referenceable
                tasks[task] = conn
        return task

    def exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        conn = _connection_of(context, tasks)
        if isinstance(exc, BaseException) and conn is not None:
            recorder.report(exc, conn)
        if previous_handler is not None:
            previous_handler(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_task_factory(task_factory)
    loop.set_exception_handler(exception_handler)
