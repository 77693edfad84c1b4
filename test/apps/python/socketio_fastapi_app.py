"""python-socketio mounted over FastAPI, as python-socketio's docs show it for ASGI frameworks:
`socketio.ASGIApp(sio, other_asgi_app=app)` serves Socket.IO at a custom `socketio_path` and
hands every other request to the FastAPI app, whose HTTP and WebSocket routes wsroutes must
still find.

route                     kind        bug                                            expected verdict
/ (Socket.IO namespace)   socketio    - (send: answers errors in the ack)            (fails on shout)
    event shout           socketio    calls str methods on whatever it was sent      server_error (AttributeError in shout)
/ws/echo                  websocket   -                                              passed
GET /health               http        -                                              passed (--http)
"""

from __future__ import annotations

from typing import Any

import socketio
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()
sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins="*")
combined_asgi_app = socketio.ASGIApp(sio, other_asgi_app=app, socketio_path="/sio/socket.io")


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            if message.get("text") is not None:
                await websocket.send_text(message["text"])
            else:
                await websocket.send_bytes(message.get("bytes") or b"")
    except WebSocketDisconnect:
        pass


@sio.event
async def send(sid: str, text: Any) -> dict[str, Any]:
    if not isinstance(text, str):
        return {"error": "text must be a string"}
    await sio.emit("message", {"from": sid, "text": text})
    return {"sent": len(text)}


@sio.on("shout")
async def shout(sid: str, text: Any) -> str:
    return text.strip().upper() + "!"  # the planted bug: text need not be a string
