"""FastAPI app behind a query parameter and a cookie, and one behind a login message, in the
style of the FastAPI docs' WebSocket "Using Depends and others" example (which echoes the
cookie or token back). The credentials come from the environment (WSR_SESSION, WSR_TOKEN,
WSR_LOGIN_TOKEN).

route                    without the input                        with it
/items/{item_id}/ws      token: str = Query(), session: str =     server_error: receive_text() on a binary frame
                         Cookie() missing -> 1008 before accept   (KeyError 'text'); with text only, a NUL in
                         (HTTP 403): handshake_rejected           the text raises ValueError naming the session
                                                                  (the deeper bug)
/ws/login                first message must be                    server_error: after login, receive_json()
                         {"type":"login","token":...} else 1008;  on a text that is not JSON (JSONDecodeError);
                         the login itself is answered with        the login is never answered
                         nothing: skipped (1008)
"""

from __future__ import annotations

import json
import os
from typing import Annotated

from fastapi import Cookie, FastAPI, Query, WebSocket, WebSocketException, status

app = FastAPI()



@app.websocket("/items/{item_id}/ws")
async def websocket_endpoint(websocket: WebSocket, item_id: str, token: Annotated[str, Query()], session: Annotated[str, Cookie()]):
    if session != os.environ.get("WSR_SESSION") or token != os.environ.get("WSR_TOKEN"):
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    await websocket.accept()
    await websocket.send_text(f"Session cookie or query token value is: {session}, {token}")
    while True:
        data = await websocket.receive_text()  # the planted bug: a binary frame raises KeyError
        if "\x00" in data:
            raise ValueError(f"session {session}: NUL in an order note")  # the deeper, text-only bug
        await websocket.send_text(f"Message text was: {data}, for item ID: {item_id}")


@app.websocket("/ws/login")
async def login(websocket: WebSocket):
    await websocket.accept()
    try:
        hello = json.loads((await websocket.receive()).get("text") or "")
    except ValueError:
        hello = None
    if not isinstance(hello, dict) or hello.get("type") != "login" or hello.get("token") != os.environ.get("WSR_LOGIN_TOKEN"):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="login first")
        return
    while True:
        message = await websocket.receive_json()  # the planted bug: text that is not JSON raises
        await websocket.send_json({"echo": message})
