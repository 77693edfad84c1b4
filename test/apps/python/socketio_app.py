"""python-socketio test app for wsroutes, written as python-socketio's docs write an ASGI server:
`socketio.AsyncServer(async_mode="asgi")` served by `socketio.ASGIApp`, handlers registered with
`@sio.event` and a class-based namespace.

namespace  event     bug                                                    expected verdict
/          echo      - (answers every emit's ack with what it was sent)     passed
/          join      - (a room that is not a string: returns an error)      passed (the error is an answer)
/scores    submit    - (validates its data, answers errors in the ack)      (the route fails on rate)
/scores    rate      int() of whatever the client sent                      server_error (ValueError/TypeError in on_rate)
"""

from __future__ import annotations

from typing import Any

import socketio

sio = socketio.AsyncServer(async_mode="asgi")
app = socketio.ASGIApp(sio)


@sio.event
async def connect(sid: str, environ: dict[str, Any], auth: Any) -> None:
    print("connect", sid)


@sio.event
async def echo(sid: str, data: Any) -> Any:
    return data


@sio.event
async def join(sid: str, room: Any) -> dict[str, Any]:
    if not isinstance(room, str) or not room:
        return {"error": "room must be a non-empty string"}
    await sio.enter_room(sid, room)
    await sio.emit("joined", {"sid": sid}, room=room)
    return {"joined": room}


@sio.event
async def disconnect(sid: str, reason: str) -> None:
    print("disconnect", sid, reason)


class ScoresNamespace(socketio.AsyncNamespace):
    def on_connect(self, sid: str, environ: dict[str, Any]) -> None:
        print("scores: connect", sid)

    async def on_submit(self, sid: str, player: Any, score: Any) -> dict[str, Any]:
        if not isinstance(player, str) or not isinstance(score, int):
            return {"error": "submit(player: str, score: int)"}
        await self.emit("score", {"player": player, "score": score})
        return {"ok": True}

    async def on_rate(self, sid: str, stars: Any) -> dict[str, int]:
        # The planted bug: the client's value goes straight into int().
        return {"stars": int(stars)}


sio.register_namespace(ScoresNamespace("/scores"))
