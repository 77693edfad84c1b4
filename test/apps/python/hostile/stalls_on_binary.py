"""Hostile app: a Starlette route that stops answering (its handler sleeps forever)
after a binary frame. Every shrink candidate of that timeout waits out the message
timeout, so shrinking runs long: the case for Ctrl-C in the middle of a shrink."""

import asyncio

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


async def feed(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("bytes") is not None:
            await asyncio.sleep(3600)
        await websocket.send_text(message.get("text") or "")


app = Starlette(routes=[WebSocketRoute("/ws/feed", feed)])
