"""FastAPI test app for wsroutes' literal mining: a price ticker speaking JSON, dispatching on
`msg["type"]` the way chat and ticker tutorials do. Bad JSON, non-objects and unknown types are
answered with an error; the bug sits behind the `"subscribe"` type, which random JSON never
sends: the symbol is read without checking it was sent.

route         bug                                                  expected verdict
/ws/prices    msg["symbol"] read unchecked after type "subscribe"  server_error, {"type": "subscribe", ...}
/ws/quotes    the same handler, its type words built at run time   passed (nothing to mine: the control)

Both read with receive_text(), which raises KeyError on a binary frame (Starlette's own
contract): the e2e test sends text and JSON only (--ws-message-kinds text,json).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()

PRICES = {"ACME": 12.5, "GLOBEX": 99.0}


async def next_message(websocket: WebSocket) -> Any:
    """The next text message, parsed; None when it is not JSON (the client is told)."""
    text = await websocket.receive_text()
    try:
        return json.loads(text)
    except ValueError:
        await websocket.send_json({"type": "error", "message": "invalid JSON"})
        return None


@app.websocket("/ws/prices")
async def prices(websocket: WebSocket) -> None:
    await websocket.accept()
    watched: List[str] = []
    try:
        while True:
            msg = await next_message(websocket)
            if not isinstance(msg, dict):
                continue
            if msg.get("type") == "subscribe":
                symbol = msg["symbol"].upper()
                watched.append(symbol)
                await websocket.send_json({"type": "price", "symbol": symbol, "price": PRICES.get(symbol)})
            elif msg.get("type") == "unsubscribe":
                watched = [s for s in watched if s != msg.get("symbol")]
            else:
                await websocket.send_json({"type": "error", "message": "unknown type"})
    except WebSocketDisconnect:
        pass


# The same protocol with its words assembled at run time (a config, a generated enum): nothing
# for the miner to read, so this route is the control that random messages do not reach the bug.
KINDS: Dict[str, str] = dict(zip(("sub", "unsub"), ("".join(("sub", "scribe")), "".join(("unsub", "scribe")))))


@app.websocket("/ws/quotes")
async def quotes(websocket: WebSocket) -> None:
    await websocket.accept()
    watched: List[str] = []
    try:
        while True:
            msg = await next_message(websocket)
            if not isinstance(msg, dict):
                continue
            kind = msg.get("type")
            if kind == KINDS["sub"]:
                symbol = msg["symbol"].upper()
                watched.append(symbol)
                await websocket.send_json({"type": "price", "symbol": symbol, "price": PRICES.get(symbol)})
            elif kind == KINDS["unsub"]:
                watched = [s for s in watched if s != msg.get("symbol")]
            else:
                await websocket.send_json({"type": "error", "message": "unknown type"})
    except WebSocketDisconnect:
        pass
