"""A FastAPI score board written as FastAPI's WebSocket tutorial writes one (a path
parameter, a query token checked by a dependency), with one bug; export_scores_fixed_app.py
is its fixed twin. The pair is what the exported regression tests run against
(test/e2e/ci-export.test.ts): the exported test must fail here and pass on the twin.

route                        bug                                               verdict
/games/{game_id}/scores      receive_json() and data["points"] on every text   server_error (JSONDecodeError / KeyError / TypeError)

Every connection needs ?token=$SCORES_TOKEN (closed with 1008 before accept otherwise).
"""

from __future__ import annotations

import os

from fastapi import (
    Depends,
    FastAPI,
    Query,
    WebSocket,
    WebSocketDisconnect,
    WebSocketException,
    status,
)

app = FastAPI()


async def get_token(token: str | None = Query(default=None)) -> str:
    if token is None or token != os.environ.get("SCORES_TOKEN"):
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    return token


@app.websocket("/games/{game_id}/scores")
async def scores(
    websocket: WebSocket, game_id: str, token: str = Depends(get_token)
) -> None:
    await websocket.accept()
    total = 0
    try:
        while True:
            data = await websocket.receive_json()
            total += data["points"]
            await websocket.send_json({"game": game_id, "total": total})
    except WebSocketDisconnect:
        pass
