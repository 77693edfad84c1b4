"""A FastAPI scratch file named the way people name them (a hyphen in the file name):
`uvicorn fastapi-fiddle:app` serves it, so `--app fastapi-fiddle:app` must too.

The planted bug: /ws/square squares the number it is sent, and a message that is not
a number raises ValueError."""

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


@app.websocket("/ws/square")
async def square(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            text = await websocket.receive_text()
            n = float(text)
            await websocket.send_text(str(n * n))
    except WebSocketDisconnect:
        pass
