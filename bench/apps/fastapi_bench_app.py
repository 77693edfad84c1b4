"""The FastAPI app wsroutes and pytest-routes are both run against by bench/pytest-routes.ts.

Four correct WebSocket routes, one behaviour each; every route passes with either tool, so
the bench measures the cost of testing, not of reporting failures.

route          behaviour
/ws/echo       sends each message back as it came (text as text, binary as binary)
/ws/json       parses each text message as JSON and answers {"ok": true, "kind": <type>},
               or {"ok": false} for text that is not JSON; binary gets its length back
/ws/sink       reads everything, answers nothing
/ws/slow       answers each message after 50 ms (an awaited sleep: the loop stays free)
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Union

from fastapi import FastAPI, WebSocket

# No /docs, /redoc or /openapi.json: both tools then test the same four routes and nothing else.
app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


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


@app.websocket("/ws/json")
async def json_route(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in messages(websocket):
        if isinstance(message, bytes):
            await websocket.send_json({"ok": True, "bytes": len(message)})
            continue
        try:
            value = json.loads(message)
        except ValueError:
            await websocket.send_json({"ok": False})
            continue
        await websocket.send_json({"ok": True, "kind": type(value).__name__})


@app.websocket("/ws/sink")
async def sink(websocket: WebSocket) -> None:
    await websocket.accept()
    async for _ in messages(websocket):
        pass


@app.websocket("/ws/slow")
async def slow(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in messages(websocket):
        await asyncio.sleep(0.05)
        await websocket.send_text(f"slow: {len(message)}")
