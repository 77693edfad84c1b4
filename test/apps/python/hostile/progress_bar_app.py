"""Hostile app (issue 27, item 13): while it loads, the module draws a progress bar on
stderr the way tqdm does without a terminal, `\\r` and the bar again, never a newline:
128 MB of one endless line. wsroutes keeps the tail of the bridge's stderr for its error
messages; re-splitting the growing line on every chunk made the start quadratic
(64 MB: 20 s and 0.9 GB). The route itself is a plain echo."""

import sys

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

TOTAL = 128 * 1024 * 1024
_frames = "".join(f"\rloading model [{'#' * (i % 40):<40}] {i % 100:3d}%" for i in range(1000))
_written = 0
while _written < TOTAL:
    sys.stderr.write(_frames)
    _written += len(_frames)
sys.stderr.flush()


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("text") is not None:
            await websocket.send_text(message["text"])
        else:
            await websocket.send_bytes(message.get("bytes") or b"")


app = Starlette(routes=[WebSocketRoute("/ws/echo", echo)])
