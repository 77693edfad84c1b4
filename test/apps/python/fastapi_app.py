"""FastAPI test app for wsroutes: correct routes that must pass, buggy routes that fail one way each.

route                                 bug                                              expected verdict
/ws/echo                              -                                                passed
/api/items/{item_id}                  - (APIRouter prefix /api; item_id: int)          passed
/api/rooms/{room}                     - (APIRouter prefix /api)                        passed
/api/ratio/{x:float}                  - (Starlette convertor in the template)          passed
/v2/echo                              - (FastAPI sub-app mounted at /v2)               passed
/bug/json                             receive_json() on every text message             server_error (1011, JSONDecodeError)
/bug/binary                           receive_text() on a binary frame                 server_error (1011, KeyError)
/bug/long                             Tag.name is a pydantic field of max_length 8     server_error (1011, ValidationError), shrunk to 9 chars
/bug/handshake                        raises before accept                             server_error raised during the handshake (HTTP 500 + RuntimeError traceback)
/bug/chat                             a disconnected client is never removed           server_error: the next broadcast raises (WebSocketDisconnect / WebSocketDisconnected)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Union

from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field

app = FastAPI()
api = APIRouter(prefix="/api")


async def messages(websocket: WebSocket) -> AsyncIterator[Union[str, bytes]]:
    """Text and binary messages alike, until the client leaves."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        yield text if text is not None else message.get("bytes") or b""


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in messages(websocket):
        if isinstance(message, str):
            await websocket.send_text(message)
        else:
            await websocket.send_bytes(message)


@api.websocket("/items/{item_id}")
async def item(websocket: WebSocket, item_id: int) -> None:
    await websocket.accept()
    async for message in messages(websocket):
        await websocket.send_json({"item_id": item_id, "size": len(message)})


@api.websocket("/rooms/{room}")
async def room(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(f"{room}: {await websocket.receive_text()}")
    except (WebSocketDisconnect, KeyError):
        await websocket.close(code=1003)  # deliberate: this room speaks text only


@api.websocket("/ratio/{x:float}")
async def ratio(websocket: WebSocket, x: float) -> None:
    await websocket.accept()
    async for _ in messages(websocket):
        await websocket.send_text(str(x))


app.include_router(api)

v2 = FastAPI()


@v2.websocket("/echo")
async def v2_echo(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in messages(websocket):
        await websocket.send_text(f"v2: {len(message)}")


app.mount("/v2", v2)


@app.websocket("/bug/json")
async def bug_json(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        data = await websocket.receive_json()
        await websocket.send_json({"got": data})


@app.websocket("/bug/binary")
async def bug_binary(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        text = await websocket.receive_text()  # KeyError on a binary frame
        await websocket.send_text(text.upper())


class Tag(BaseModel):
    name: str = Field(max_length=8)


@app.websocket("/bug/long")
async def bug_long(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            tag = Tag(name=await websocket.receive_text())
            await websocket.send_text(tag.name)
    except WebSocketDisconnect:
        pass


@app.websocket("/bug/handshake")
async def bug_handshake(websocket: WebSocket) -> None:
    raise RuntimeError("session store unavailable")


clients: list[WebSocket] = []


@app.websocket("/bug/chat")
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
