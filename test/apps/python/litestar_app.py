"""Litestar test app for wsroutes: correct routes that must pass, buggy routes that fail one way each.

route                                 bug                                              expected verdict
/ws/echo                              -                                                passed
/api/v1/rooms/{room_id:str}           - (Router prefix /api/v1)                        passed
/api/v1/counter/{n:int}               - (Router prefix /api/v1)                        passed
/api/v1/items/{item_id:uuid}          - (websocket_listener)                           passed
/files/{file_path:path}               -                                                passed
/bug/json                             json.loads on every text message                 server_error (4500, JSONDecodeError)
/bug/binary                           reads event["text"] of a binary frame            server_error (4500, KeyError)
/bug/long                             Tag.name holds at most 8 characters              server_error (4500, ValueError), shrunk to 9 chars
/bug/handshake                        raises before accept                             server_error: Litestar answers 403, the traceback names RuntimeError
/bug/chat                             a disconnected client is never removed           server_error: the next connection's broadcast raises WebSocketDisconnect (Litestar closes 1000)
"""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

from litestar import Litestar, Router, WebSocket, websocket, websocket_listener
from litestar.exceptions import WebSocketDisconnect
from litestar.params import FromPath


@websocket("/ws/echo")
async def echo(socket: WebSocket) -> None:
    await socket.accept()
    async for message in socket.iter_data(mode="text"):
        await socket.send_text(message)


@websocket("/rooms/{room_id:str}")
async def room(socket: WebSocket, room_id: FromPath[str]) -> None:
    await socket.accept()
    async for message in socket.iter_data(mode="text"):
        await socket.send_text(f"{room_id}: {message}")


@websocket("/counter/{n:int}")
async def counter(socket: WebSocket, n: FromPath[int]) -> None:
    await socket.accept()
    async for _ in socket.iter_data(mode="binary"):
        n += 1
        await socket.send_text(str(n))


@websocket_listener("/items/{item_id:uuid}")
async def item(data: str, item_id: FromPath[UUID]) -> str:
    return f"{item_id}:{data}"


api = Router(path="/api/v1", route_handlers=[room, counter, item])


@websocket("/files/{file_path:path}")
async def files(socket: WebSocket, file_path: FromPath[Path]) -> None:
    await socket.accept()
    async for message in socket.iter_data(mode="text"):
        await socket.send_text(f"{file_path}: {message}")


@websocket("/bug/json")
async def bug_json(socket: WebSocket) -> None:
    await socket.accept()
    async for message in socket.iter_data(mode="text"):
        await socket.send_json({"got": json.loads(message)})


@websocket("/bug/binary")
async def bug_binary(socket: WebSocket) -> None:
    await socket.accept()
    while True:
        event = await socket.receive()
        if event["type"] == "websocket.disconnect":
            return
        text: str = event["text"]  # a binary frame has no "text"
        await socket.send_text(text.upper())


class Tag:
    """A fixed-size field: a tag name holds at most 8 characters."""

    def __init__(self, name: str) -> None:
        if len(name) > 8:
            raise ValueError(f"tag name too long: {len(name)} > 8")
        self.name = name


@websocket("/bug/long")
async def bug_long(socket: WebSocket) -> None:
    await socket.accept()
    async for message in socket.iter_data(mode="text"):
        await socket.send_text(Tag(message).name)


@websocket("/bug/handshake")
async def bug_handshake(socket: WebSocket) -> None:
    raise RuntimeError("session store unavailable")


clients: list[WebSocket] = []


@websocket("/bug/chat")
async def bug_chat(socket: WebSocket) -> None:
    await socket.accept()
    clients.append(socket)
    while True:
        try:
            message = await socket.receive_text()
        except WebSocketDisconnect:
            return  # BUG: the socket stays in `clients`
        for client in clients:
            await client.send_text(message)


app = Litestar(
    route_handlers=[echo, api, files, bug_json, bug_binary, bug_long, bug_handshake, bug_chat],
)
