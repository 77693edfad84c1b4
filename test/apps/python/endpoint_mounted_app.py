"""Starlette test app for wsroutes: one `WebSocketEndpoint` class served twice, as a route of the
app and mounted under a sub-path (Starlette's docs: `WebSocketRoute` in `routes`, `Mount`).

`on_receive` answers "ping" and "time"; any other command is refused with a 1003 close, and then
the handler raises, which is the app's bug: the ValueError escapes to the server (uvicorn logs
"Exception in ASGI application"), whatever close code went out before it.

route                 bug                                          expected verdict
/ws/commands          unknown command: close 1003, then raise       server_error (ValueError trace)
/mounted/commands     the same class, inside Mount("/mounted")       server_error (ValueError trace)
"""

from __future__ import annotations

import time

from starlette.applications import Starlette
from starlette.endpoints import WebSocketEndpoint
from starlette.routing import Mount, WebSocketRoute
from starlette.websockets import WebSocket


class Commands(WebSocketEndpoint):
    encoding = "text"

    async def on_receive(self, websocket: WebSocket, data: str) -> None:
        command = data.strip().lower()
        if command == "ping":
            await websocket.send_text("pong")
        elif command == "time":
            await websocket.send_text(str(time.time()))
        else:
            await websocket.close(code=1003)
            raise ValueError(f"unknown command: {command!r}")


routes = [
    WebSocketRoute("/ws/commands", Commands),
    Mount("/mounted", routes=[WebSocketRoute("/commands", Commands)]),
]

app = Starlette(routes=routes)
