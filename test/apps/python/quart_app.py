"""Quart test app for wsroutes, written the way Quart's docs write websockets: `@app.websocket`
handlers reading the `websocket` global, and a Blueprint with a url_prefix.

route                              bug                                        expected verdict
/ws                                - (echoes text and bytes)                  passed
/ws/hello/<name>                   -                                          passed
/ws/files/<path:name>              -                                          passed
/ws/things/<uuid:thing_id>         -                                          passed
/api/counter/<int:start>           - (Blueprint "api", url_prefix /api)       passed
/ws/rooms/<int:room_id>            json.loads on every message                server_error (JSONDecodeError)
/ws/chat/<room>                    looks the room up before accepting; only   server_error raised during the handshake
                                   "lobby" exists                             (HTTP 500 + KeyError traceback)

Quart hands a handler None for an empty binary message (`event.get("bytes") or event["text"]`),
so the correct handlers do not take the length of what they receive.
"""

from __future__ import annotations

import json
from uuid import UUID

from quart import Blueprint, Quart, websocket

app = Quart(__name__)
api = Blueprint("api", __name__, url_prefix="/api")


@app.websocket("/ws")
async def ws() -> None:
    while True:
        data = await websocket.receive()
        await websocket.send(data)


@app.websocket("/ws/hello/<name>")
async def hello(name: str) -> None:
    while True:
        await websocket.receive()
        await websocket.send(f"hello {name}")


@app.websocket("/ws/files/<path:name>")
async def files(name: str) -> None:
    while True:
        await websocket.receive()
        await websocket.send_json({"file": name})


@app.websocket("/ws/things/<uuid:thing_id>")
async def things(thing_id: UUID) -> None:
    while True:
        await websocket.receive()
        await websocket.send_json({"thing": str(thing_id)})


@api.websocket("/counter/<int:start>")
async def counter(start: int) -> None:
    count = start
    while True:
        await websocket.receive()
        count += 1
        await websocket.send(str(count))


@app.websocket("/ws/rooms/<int:room_id>")
async def room(room_id: int) -> None:
    while True:
        message = json.loads(await websocket.receive())  # BUG: any non-JSON message raises
        await websocket.send_json({"room": room_id, "message": message})


rooms: dict[str, set[object]] = {"lobby": set()}


@app.websocket("/ws/chat/<room>")
async def chat(room: str) -> None:
    members = rooms[room]  # BUG: KeyError for any room but "lobby", before the handshake is answered
    members.add(websocket._get_current_object())
    try:
        while True:
            message = await websocket.receive()
            await websocket.send(message)
    finally:
        members.discard(websocket._get_current_object())


app.register_blueprint(api)
