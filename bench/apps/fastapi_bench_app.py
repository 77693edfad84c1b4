"""The FastAPI app wsroutes and pytest-routes are both run against by bench/pytest-routes.ts.

Four correct WebSocket routes, one behaviour each; every route passes with either tool, so
the bench measures the cost of testing, not of reporting failures.

route          behaviour
/ws/echo       sends each message back as it came (text as text, binary as binary)
/ws/json       parses each text message as JSON and answers {"ok": true, "kind": <type>},
               or {"ok": false} for text that is not JSON; binary gets its length back
/ws/sink       reads everything, answers nothing
/ws/slow       answers each message after 50 ms (an awaited sleep: the loop stays free)

When $BENCH_COUNTS names a file, each connection appends one line to it as it ends:
`<route> <messages received> <replies sent>`. The counts are taken inside the app, so they
are the same measure for both tools, whatever each tool reports about itself.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from typing import Union

from fastapi import FastAPI, WebSocket

# No /docs, /redoc or /openapi.json: both tools then test the same four routes and nothing else.
app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

_COUNTS = os.environ.get("BENCH_COUNTS")


class Tally:
    """Messages in and replies out on one connection, written down when it ends."""

    def __init__(self, websocket: WebSocket, route: str) -> None:
        self.websocket = websocket
        self.route = route
        self.received = 0
        self.sent = 0

    async def messages(self) -> AsyncIterator[Union[str, bytes]]:
        """Text and binary messages alike, until the client leaves."""
        try:
            while True:
                message = await self.websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                self.received += 1
                text = message.get("text")
                yield text if text is not None else message.get("bytes") or b""
        finally:
            if _COUNTS:
                with open(_COUNTS, "a", encoding="utf-8") as f:
                    f.write(f"{self.route} {self.received} {self.sent}\n")

    async def reply(self, message: Union[str, bytes, dict]) -> None:
        if isinstance(message, dict):
            await self.websocket.send_json(message)
        elif isinstance(message, str):
            await self.websocket.send_text(message)
        else:
            await self.websocket.send_bytes(message)
        self.sent += 1


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    tally = Tally(websocket, "/ws/echo")
    async for message in tally.messages():
        await tally.reply(message)


@app.websocket("/ws/json")
async def json_route(websocket: WebSocket) -> None:
    await websocket.accept()
    tally = Tally(websocket, "/ws/json")
    async for message in tally.messages():
        if isinstance(message, bytes):
            await tally.reply({"ok": True, "bytes": len(message)})
            continue
        try:
            value = json.loads(message)
        except ValueError:
            await tally.reply({"ok": False})
            continue
        await tally.reply({"ok": True, "kind": type(value).__name__})


@app.websocket("/ws/sink")
async def sink(websocket: WebSocket) -> None:
    await websocket.accept()
    tally = Tally(websocket, "/ws/sink")
    async for _ in tally.messages():
        pass


@app.websocket("/ws/slow")
async def slow(websocket: WebSocket) -> None:
    await websocket.accept()
    tally = Tally(websocket, "/ws/slow")
    async for message in tally.messages():
        await asyncio.sleep(0.05)
        await tally.reply(f"slow: {len(message)}")
