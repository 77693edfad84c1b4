"""FastAPI chat rooms with the ConnectionManager of FastAPI's WebSockets guide.

route               behaviour                                                       expected verdict
/hub/{room}         the guide's manager, per room: a member joins on connect, is    passed
                    removed on WebSocketDisconnect; binary frames get a polite
                    answer
/rooms/{room}       the same manager, but a member that sends a binary frame is     server_error on another client:
                    closed with 1003 and the handler returns without removing it,   the next broadcast sends to the
                    so the next broadcast in that room sends to a dead member       dead member (RuntimeError)
/pairs/{room}       a pair chat: tells the sender who else is here by name; a       server_error, needs two live
                    member is named by its first message, so one that has not       clients: connect, connect, send
                    spoken yet has no name (KeyError)                               (KeyError)
"""

from __future__ import annotations

from collections import defaultdict

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


class ConnectionManager:
    def __init__(self) -> None:
        self.active_connections: list[WebSocket] = []

    async def connect(self, websocket: WebSocket) -> None:
        await websocket.accept()
        self.active_connections.append(websocket)

    def disconnect(self, websocket: WebSocket) -> None:
        self.active_connections.remove(websocket)

    async def send_personal_message(self, message: str, websocket: WebSocket) -> None:
        await websocket.send_text(message)

    async def broadcast(self, message: str) -> None:
        for connection in self.active_connections:
            await connection.send_text(message)


hubs: defaultdict[str, ConnectionManager] = defaultdict(ConnectionManager)
rooms: defaultdict[str, ConnectionManager] = defaultdict(ConnectionManager)


@app.websocket("/hub/{room}")
async def hub(websocket: WebSocket, room: str) -> None:
    manager = hubs[room]
    await manager.connect(websocket)
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                raise WebSocketDisconnect(message.get("code", 1000))
            text = message.get("text")
            if text is None:
                await manager.send_personal_message("text messages only, please", websocket)
                continue
            await manager.send_personal_message(f"You wrote: {text}", websocket)
            await manager.broadcast(f"Someone says: {text}")
    except WebSocketDisconnect:
        manager.disconnect(websocket)
        await manager.broadcast("Someone left the chat")


@app.websocket("/rooms/{room}")
async def chat_room(websocket: WebSocket, room: str) -> None:
    manager = rooms[room]
    await manager.connect(websocket)
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                raise WebSocketDisconnect(message.get("code", 1000))
            text = message.get("text")
            if text is None:
                await websocket.close(code=1003, reason="text messages only")
                return  # BUG: the closed socket stays in manager.active_connections
            await manager.send_personal_message(f"You wrote: {text}", websocket)
            await manager.broadcast(f"Someone says: {text}")
    except WebSocketDisconnect:
        manager.disconnect(websocket)
        await manager.broadcast("Someone left the chat")


pairs: defaultdict[str, list[WebSocket]] = defaultdict(list)
names: dict[int, str] = {}


@app.websocket("/pairs/{room}")
async def pair_chat(websocket: WebSocket, room: str) -> None:
    members = pairs[room]
    await websocket.accept()
    members.append(websocket)
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            names.setdefault(id(websocket), (message.get("text") or "anonymous")[:16])
            others = [member for member in members if member is not websocket]
            if not others:
                await websocket.send_text("you are alone here")
                continue
            await websocket.send_text(f"{names[id(others[0])].upper()} is here too")
    finally:
        members.remove(websocket)
        names.pop(id(websocket), None)
