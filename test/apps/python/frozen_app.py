"""A Starlette app whose handler freezes the whole event loop (a blocking call in async code).
Kept apart from the other apps so it freezes nothing else.

route                                 bug                                              expected verdict
/ws/freeze                            time.sleep(3600) after the first message         timeout; the process is killed at the end
"""

from __future__ import annotations

import time

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


async def freeze(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.receive()
    await websocket.send_text("freezing")  # written at once: tells a test the freeze is next
    time.sleep(3600)  # BUG: blocks the event loop; SIGTERM cannot be handled either


app = Starlette(routes=[WebSocketRoute("/ws/freeze", freeze)])
