"""A plain ASGI callable (no framework): wsroutes serves it with framework "asgi" and no routes
(they come from --ws-include). `not_an_app` is not callable.

route (any path)                      bug                                              expected verdict
any text but "boom"                   - echoes it back                                 passed
"boom"                                raises ValueError                                server_error (1011 or 1006, ValueError)
/idle                                 - accepts, then never reads again                passed (silence is no failure)
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Dict

Message = Dict[str, Any]

not_an_app = 42


async def app(scope: Dict[str, Any], receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            await send({"type": message["type"] + ".complete"})
            if message["type"] == "lifespan.shutdown":
                return
    if scope["type"] != "websocket":
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"websocket only"})
        return
    await receive()  # websocket.connect
    await send({"type": "websocket.accept"})
    if scope["path"] == "/idle":
        await asyncio.Event().wait()  # a subscriber waiting for news that never comes
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("text") == "boom":
            raise ValueError("boom received")
        await send({"type": "websocket.send", "text": message.get("text"), "bytes": message.get("bytes")})
