"""Hostile app (issue 27, item 11): a Starlette route whose exception message holds
terminal control sequences (retitle, clear screen, erase line, carriage return), so
the traceback wsroutes prints carries them."""

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

SEQUENCES = "\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[2K\r\x9b31m"


async def boom(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.receive()
    raise ValueError(f"bad frame {SEQUENCES}hidden")


app = Starlette(routes=[WebSocketRoute("/ws/boom", boom)])
