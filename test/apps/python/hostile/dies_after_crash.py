"""Hostile app: a Starlette route that raises on a binary frame, and whose process
ends itself (os._exit) a few connections after the first crash, as an app whose
worker dies under a fatal error does. Shrinking then has no server left to try."""

import os

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

crashes = 0


async def feed(websocket: WebSocket) -> None:
    global crashes
    await websocket.accept()
    if crashes >= 1:
        crashes += 1
        if crashes > 6:
            os._exit(1)
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("bytes") is not None:
            crashes += 1
            raise ValueError("binary frames are not supported")
        await websocket.send_text(message.get("text") or "")


app = Starlette(routes=[WebSocketRoute("/ws/feed", feed)])
