"""The fixed twin of export_scores_app.py: a message that is not JSON with integer
"points" gets an error reply instead of crashing the handler. Same route, same token.

route                        verdict
/games/{game_id}/scores      passed
"""

from __future__ import annotations

import json
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


def points_of(message: dict) -> int | None:
    """The points of a text message like {"points": 3}, or None."""
    try:
        data = json.loads(message.get("text") or "")
    except ValueError:
        return None
    points = data.get("points") if isinstance(data, dict) else None
    return points if isinstance(points, int) and not isinstance(points, bool) else None


@app.websocket("/games/{game_id}/scores")
async def scores(
    websocket: WebSocket, game_id: str, token: str = Depends(get_token)
) -> None:
    await websocket.accept()
    total = 0
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            points = points_of(message)
            if points is None:
                await websocket.send_json({"error": 'expected {"points": <int>}'})
                continue
            total += points
            await websocket.send_json({"game": game_id, "total": total})
    except WebSocketDisconnect:
        pass
