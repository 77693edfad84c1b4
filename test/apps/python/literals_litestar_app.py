"""Litestar test app for wsroutes' literal mining: the documented `socket_access` style, a
`websocket_listener` that also takes the socket and closes it when the client says goodbye.
The handler forgets to stop after closing, so its return value is sent on a closed socket:
the crash comes only after the exact text "goodbye", which random text never is.

route        bug                                                 expected verdict
/            returns a reply after closing on "goodbye"          server_error, minimal sequence [text "goodbye"]
"""

from __future__ import annotations

from litestar import Litestar, WebSocket, websocket_listener


@websocket_listener("/")
async def handler(data: str, socket: WebSocket) -> str:
    if data == "goodbye":
        await socket.close()
    return data


app = Litestar([handler])
