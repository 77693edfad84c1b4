"""Hostile app (issue 27, item 21): children that leave the bridge's process group.
At import it starts a helper with `subprocess.Popen(..., start_new_session=True)` and
forks a worker that calls `os.setsid()`; both inherit the bridge's stderr pipe.
Signalling the bridge's group missed them: stop waited for a `close` that their open
pipes never let come, and the run never returned.

route          behaviour                                  verdict
/ws/echo       echoes                                     passed
"""

import os
import subprocess
import sys
import time

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(100)"], start_new_session=True)


if os.fork() == 0:
    os.setsid()
    time.sleep(100)
    os._exit(0)


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
