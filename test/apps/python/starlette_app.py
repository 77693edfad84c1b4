"""Starlette test app for wsroutes: correct routes that must pass, buggy routes that fail one way each.

Its lifespan appends "startup" and "shutdown" lines to the file named by $WSROUTES_LIFESPAN_MARKER
(when set), so a test can prove both ran. `create_app()` is the same app from a factory.

route                                 bug                                              expected verdict
/ws/echo                              - (WebSocketEndpoint echoing text and binary)    passed
                                        frame is closed with 1003)
/ws/counter/{n:int}                   -                                                passed
/ws/ratio/{x:float}                   -                                                passed
/ws/things/{thing_id:uuid}            -                                                passed
/chat/rooms/{room}                    - (Mount /chat)                                  passed
/nested/deeper/files/{rest:path}      - (Mount /nested > Router > Mount /deeper)       passed
/bug/json                             json.loads on every text message                 server_error (1011, JSONDecodeError)
/bug/binary                           receive_text() on a binary frame                 server_error (1011, KeyError)
/bug/long                             Tag.name holds at most 8 characters              server_error (1011, ValueError), shrunk to 9 chars
/bug/handshake                        raises before accept                             server_error raised during the handshake (HTTP 500 + RuntimeError traceback)
/bug/chat                             a disconnected client is never removed           server_error: the next broadcast raises (WebSocketDisconnect / WebSocketDisconnected)
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator
from typing import Union
from uuid import UUID

from starlette.applications import Starlette
from starlette.endpoints import WebSocketEndpoint
from starlette.routing import Mount, Router, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect


class Echo(WebSocketEndpoint):
    # No `encoding`: text and binary frames both arrive (encoding "text" would close a binary
    # frame with 1003 and then raise RuntimeError out of the app, which is a server error).
    async def on_receive(self, websocket: WebSocket, data: Union[str, bytes]) -> None:
        if isinstance(data, str):
            await websocket.send_text(data)
        else:
            await websocket.send_bytes(data)


async def messages(websocket: WebSocket) -> AsyncIterator[Union[str, bytes]]:
    """Text and binary messages alike, until the client leaves."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        yield text if text is not None else message.get("bytes") or b""


async def counter(websocket: WebSocket) -> None:
    n: int = websocket.path_params["n"]
    await websocket.accept()
    async for _ in messages(websocket):
        n += 1
        await websocket.send_text(str(n))


async def ratio(websocket: WebSocket) -> None:
    x: float = websocket.path_params["x"]
    await websocket.accept()
    async for message in messages(websocket):
        await websocket.send_text(f"{x * 2}: {len(message)}")


async def thing(websocket: WebSocket) -> None:
    thing_id: UUID = websocket.path_params["thing_id"]
    await websocket.accept()
    async for message in messages(websocket):
        await websocket.send_json({"thing": str(thing_id), "size": len(message)})


async def room(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in messages(websocket):
        if isinstance(message, str):
            await websocket.send_text(f"{websocket.path_params['room']}: {message}")
        else:
            await websocket.send_bytes(message)


async def file_tail(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in messages(websocket):
        await websocket.send_text(f"{websocket.path_params['rest']}: {len(message)}")


async def bug_json(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in websocket.iter_text():
        await websocket.send_json({"got": json.loads(message)})


async def bug_binary(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        text = await websocket.receive_text()  # KeyError on a binary frame
        await websocket.send_text(text.upper())


class Tag:
    """A fixed-size field: a tag name holds at most 8 characters."""

    def __init__(self, name: str) -> None:
        if len(name) > 8:
            raise ValueError(f"tag name too long: {len(name)} > 8")
        self.name = name


async def bug_long(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in websocket.iter_text():
        await websocket.send_text(Tag(message).name)


async def bug_handshake(websocket: WebSocket) -> None:
    raise RuntimeError("session store unavailable")


clients: list[WebSocket] = []


async def bug_chat(websocket: WebSocket) -> None:
    await websocket.accept()
    clients.append(websocket)
    while True:
        try:
            message = await websocket.receive_text()
        except WebSocketDisconnect:
            return  # BUG: the socket stays in `clients`
        for client in clients:
            await client.send_text(message)


def _mark(line: str) -> None:
    marker = os.environ.get("WSROUTES_LIFESPAN_MARKER")
    if marker:
        with open(marker, "a", encoding="utf-8") as f:
            f.write(line + "\n")


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    _mark("startup")
    yield
    _mark("shutdown")


def create_app() -> Starlette:
    return Starlette(
        routes=[
            WebSocketRoute("/ws/echo", Echo),
            WebSocketRoute("/ws/counter/{n:int}", counter),
            WebSocketRoute("/ws/ratio/{x:float}", ratio),
            WebSocketRoute("/ws/things/{thing_id:uuid}", thing),
            Mount("/chat", routes=[WebSocketRoute("/rooms/{room}", room)]),
            Mount(
                "/nested",
                app=Router(routes=[Mount("/deeper", routes=[WebSocketRoute("/files/{rest:path}", file_tail)])]),
            ),
            WebSocketRoute("/bug/json", bug_json),
            WebSocketRoute("/bug/binary", bug_binary),
            WebSocketRoute("/bug/long", bug_long),
            WebSocketRoute("/bug/handshake", bug_handshake),
            WebSocketRoute("/bug/chat", bug_chat),
        ],
        lifespan=lifespan,
    )


app = create_app()
