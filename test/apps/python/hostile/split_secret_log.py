"""Hostile app (issue 27, item 8): logs the X-Token header on stderr in two writes, a
moment apart, so the pipe hands the secret to wsroutes in two chunks; a redactor that
works chunk by chunk misses both halves."""

import os
import time

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


async def log(websocket: WebSocket) -> None:
    token = websocket.headers.get("x-token", "")
    half = len(token) // 2
    os.write(2, f"token: {token[:half]}".encode())
    time.sleep(0.02)
    os.write(2, f"{token[half:]} logged\n".encode())
    await websocket.accept()
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return


app = Starlette(routes=[WebSocketRoute("/ws/log", log)])
