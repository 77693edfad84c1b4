"""Two Litestar `websocket_listener` routes, as Litestar's docs write them. A listener whose
`data` is typed as a container has Litestar decode every message as JSON; a message that is not
JSON makes Litestar's own decoder raise (SerializationException, no frame of this file) and close
4500, on every such route: wsroutes reports it once, with `alsoOn`. Each route also has its own bug.

route          bug                                                        verdict
/ws/notes      Litestar's SerializationException on a non-JSON message    server_error (framework), alsoOn /ws/tags
               len() of a JSON number                                     server_error TypeError
/ws/tags       the same SerializationException (reported on /ws/notes)    sharedFailures
               iterating a JSON number / .strip() of a non-string         server_error TypeError / AttributeError
"""

from __future__ import annotations

from litestar import Litestar, websocket_listener


@websocket_listener("/ws/notes")
async def notes(data: dict[str, str]) -> dict[str, int]:
    return {"fields": len(data)}


@websocket_listener("/ws/tags")
async def tags(data: list[str]) -> str:
    return ",".join(tag.strip() for tag in data)


app = Litestar([notes, tags])
