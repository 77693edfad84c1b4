"""Hostile app (issue 27, item 12): a Starlette route that raises a ValueError with a
20 MB message on its first message. Kept whole, the traceback made every output 20 MB."""

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


async def huge(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.receive()
    raise ValueError("payload rejected: " + "x" * 20_000_000 + " (end of message)")


app = Starlette(routes=[WebSocketRoute("/ws/huge", huge)])
