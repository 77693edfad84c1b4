"""python-socketio behind an ASGI dispatcher of the app's own, which wsroutes cannot read: the
Socket.IO app is looked up in a registry when a request comes. Its routes come from
`--ws-include`, and Socket.IO is found on the wire (an Engine.IO open packet at /socket.io/).

route         expected
/socket.io/   detected as Socket.IO (namespace /), passed
"""

from __future__ import annotations

from typing import Any

import socketio

sio = socketio.AsyncServer(async_mode="asgi")
APPS = {"socketio": socketio.ASGIApp(sio)}


@sio.event
async def echo(sid: str, data: Any) -> Any:
    return data


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await APPS["socketio"](scope, receive, send)
