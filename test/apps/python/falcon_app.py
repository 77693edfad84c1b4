"""Falcon (ASGI) test app for wsroutes: correct routes that must pass, buggy routes that fail one way each.

Falcon catches a responder's exception itself: it logs it and closes with 1011 (or answers the
handshake with 403 when the responder raised before accept). /health has no on_websocket and is
not a WebSocket route.

route                                 bug                                              expected verdict
/ws/echo                              - (text only: binary frames are ignored)         passed
/ws/items/{item_id:int}               - (binary only: text closes 1003, deliberate)    passed
/ws/things/{thing_id:uuid}            - (text only)                                    passed
/ws/rooms/{name}                      - (on_websocket, text only)                      passed
/ws/rooms/{name}/admin                - (suffix "admin": on_websocket_admin, binary)   passed
/bug/json                             json.loads on every text message                 server_error (1011, JSONDecodeError)
/bug/binary                           receive_text() on a binary frame                 server_error (1011, PayloadTypeError)
/bug/long                             Tag.name holds at most 8 characters              server_error (1011, ValueError), shrunk to 9 chars
/bug/handshake                        raises before accept                             server_error: Falcon answers 403, the traceback names RuntimeError
/bug/chat                             a disconnected client is never removed           server_error: the next connection's broadcast raises WebSocketDisconnected
"""

from __future__ import annotations

import json
from uuid import UUID

import falcon
import falcon.asgi
from falcon import WebSocketDisconnected
from falcon.errors import PayloadTypeError
from falcon.asgi import Request, Response, WebSocket


class Health:
    async def on_get(self, req: Request, resp: Response) -> None:
        resp.media = {"ok": True}


async def next_text(ws: WebSocket) -> str:
    """The next text message; binary ones are ignored."""
    while True:
        try:
            return await ws.receive_text()
        except PayloadTypeError:
            continue


async def next_binary(ws: WebSocket) -> bytes:
    """The next binary message; text ones are ignored."""
    while True:
        try:
            return await ws.receive_data()
        except PayloadTypeError:
            continue


class Echo:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            await ws.send_text(await next_text(ws))


class Item:
    async def on_websocket(self, req: Request, ws: WebSocket, item_id: int) -> None:
        await ws.accept()
        while True:
            try:
                message = await ws.receive_data()
            except PayloadTypeError:
                await ws.close(1003)  # deliberate: this route speaks binary only
                return
            await ws.send_media({"item_id": item_id, "size": len(message)})


class Thing:
    async def on_websocket(self, req: Request, ws: WebSocket, thing_id: UUID) -> None:
        await ws.accept()
        while True:
            await ws.send_text(f"{thing_id}: {await next_text(ws)}")


class Room:
    async def on_websocket(self, req: Request, ws: WebSocket, name: str) -> None:
        await ws.accept()
        while True:
            await ws.send_text(f"{name}: {await next_text(ws)}")

    async def on_websocket_admin(self, req: Request, ws: WebSocket, name: str) -> None:
        await ws.accept()
        while True:
            message = await next_binary(ws)
            await ws.send_text(f"admin of {name} got {len(message)}")


class BugJson:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            message = await ws.receive_text()
            await ws.send_media({"got": json.loads(message)})


class BugBinary:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            text = await ws.receive_text()  # PayloadTypeError on a binary frame
            await ws.send_text(text.upper())


class Tag:
    """A fixed-size field: a tag name holds at most 8 characters."""

    def __init__(self, name: str) -> None:
        if len(name) > 8:
            raise ValueError(f"tag name too long: {len(name)} > 8")
        self.name = name


class BugLong:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            await ws.send_text(Tag(await ws.receive_text()).name)


class BugHandshake:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        raise RuntimeError("session store unavailable")


class BugChat:
    def __init__(self) -> None:
        self.clients: list[WebSocket] = []

    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        self.clients.append(ws)
        while True:
            try:
                message = await ws.receive_text()
            except WebSocketDisconnected:
                return  # BUG: the socket stays in `clients`
            for client in self.clients:
                await client.send_text(message)


def create_app() -> falcon.asgi.App:
    app = falcon.asgi.App()
    app.add_route("/health", Health())
    app.add_route("/ws/echo", Echo())
    app.add_route("/ws/items/{item_id:int}", Item())
    app.add_route("/ws/things/{thing_id:uuid}", Thing())
    rooms = Room()
    app.add_route("/ws/rooms/{name}", rooms)
    app.add_route("/ws/rooms/{name}/admin", rooms, suffix="admin")
    app.add_route("/bug/json", BugJson())
    app.add_route("/bug/binary", BugBinary())
    app.add_route("/bug/long", BugLong())
    app.add_route("/bug/handshake", BugHandshake())
    app.add_route("/bug/chat", BugChat())
    return app


app = create_app()
