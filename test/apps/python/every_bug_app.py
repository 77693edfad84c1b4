"""A message board on Starlette, as Starlette's docs write WebSocket routes. Its bugs:

route          bug                                                       verdict
/ws/calc       receive_text() on a binary frame                          server_error KeyError
               int() of a message that is not a number                   server_error ValueError
/ws/board      greets each new client with the author of the last        server_error (JSONDecodeError / ...), only
               message anyone posted, parsed as JSON: a message that      after an earlier connection posted one
               was not a JSON object breaks the next client's greeting   (history)
/ws/tasks      runs each command in an asyncio TaskGroup; int() of a      server_error ValueError, reported by the
               non-numeric command raises inside the group               innermost exception, not the group's box
"""

from __future__ import annotations

import asyncio
import json

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

last_message: str | None = None


async def calc(websocket: WebSocket) -> None:
    await websocket.accept()
    total = 0
    while True:
        text = await websocket.receive_text()
        total += int(text)
        await websocket.send_text(str(total))


async def board(websocket: WebSocket) -> None:
    global last_message
    await websocket.accept()
    if last_message is not None:
        last = json.loads(last_message)
        await websocket.send_json({"last_author": last["author"]})
    async for message in websocket.iter_text():
        last_message = message
        await websocket.send_text("posted")


async def tasks(websocket: WebSocket) -> None:
    await websocket.accept()
    async for command in websocket.iter_text():
        results: list[int] = []

        async def parse() -> None:
            results.append(int(command))

        async def audit() -> None:
            await asyncio.sleep(0)

        async with asyncio.TaskGroup() as group:
            group.create_task(parse())
            group.create_task(audit())
        await websocket.send_json({"value": results[0]})


app = Starlette(
    routes=[
        WebSocketRoute("/ws/calc", calc),
        WebSocketRoute("/ws/board", board),
        WebSocketRoute("/ws/tasks", tasks),
    ]
)
