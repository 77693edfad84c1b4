"""FastAPI test app for wsroutes: a handler that fans each message out to two tasks of an
`asyncio.TaskGroup` (Python 3.11), so the exception a task raises reaches the server wrapped
in an ExceptionGroup.

route          bug                                                      expected verdict
/ws/scores     the parse task runs int() on the message: any text       server_error, message
               that is not a whole number raises ValueError inside the   "ValueError: invalid literal for int() ..."
               group (binary frames are decoded as UTF-8 first)
/ws/echo       - (the same fan-out, both tasks correct)                 passed
"""

from __future__ import annotations

import asyncio

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()

history: list[str] = []


async def receive_message(websocket: WebSocket) -> str:
    """The next message as text: binary frames are decoded (lossily) so both kinds get parsed."""
    message = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    text = message.get("text")
    if text is not None:
        return str(text)
    return bytes(message.get("bytes") or b"").decode("utf-8", errors="replace")


async def parse_score(text: str) -> int:
    return int(text)


async def remember(text: str) -> None:
    history.append(text)
    del history[:-100]


@app.websocket("/ws/scores")
async def scores(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            text = await receive_message(websocket)
            async with asyncio.TaskGroup() as tg:
                parsed = tg.create_task(parse_score(text))
                tg.create_task(remember(text))
            await websocket.send_json({"score": parsed.result()})
    except WebSocketDisconnect:
        pass


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            text = await receive_message(websocket)
            async with asyncio.TaskGroup() as tg:
                tg.create_task(remember(text))
                reply = tg.create_task(asyncio.sleep(0, result=text))
            await websocket.send_text(reply.result())
    except WebSocketDisconnect:
        pass
