"""Hostile app (issue 27, item 1): handlers that fail after answering, as code that finishes
its work in the background does. The exception lands 150 ms after the message, when the
handler has returned and the client may have been judged already.

route            behaviour                                              verdict
/ws/echo         echoes                                                 passed
/ws/save         echoes, and a background task (asyncio.create_task)    server_error (the task's trace)
                 raises 150 ms later
/ws/notify       echoes, and a loop.call_later callback raises 150 ms   server_error (the callback's trace)
                 later
"""

import asyncio

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

LATE_S = 0.15


async def _echo_then(websocket: WebSocket, after) -> None:
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            if message.get("bytes") is not None:
                await websocket.send_bytes(message["bytes"])
            else:
                await websocket.send_text(message.get("text") or "")
            after()
    except WebSocketDisconnect:
        return


async def _save_later() -> None:
    await asyncio.sleep(LATE_S)
    raise RuntimeError("save failed: the store is read-only")


def _notify() -> None:
    raise LookupError("notify failed: no subscriber list")


async def echo(websocket: WebSocket) -> None:
    await _echo_then(websocket, lambda: None)


async def save(websocket: WebSocket) -> None:
    await _echo_then(websocket, lambda: asyncio.create_task(_save_later()))


async def notify(websocket: WebSocket) -> None:
    await _echo_then(websocket, lambda: asyncio.get_running_loop().call_later(LATE_S, _notify))


app = Starlette(
    routes=[WebSocketRoute("/ws/echo", echo), WebSocketRoute("/ws/save", save), WebSocketRoute("/ws/notify", notify)]
)
