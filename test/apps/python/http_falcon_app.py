"""Falcon (ASGI) test app for wsroutes' HTTP routes (`--http`), written as Falcon's tutorial
writes resources: `on_get` / `on_post` responders, a field converter, and a WebSocket route.

route                           bug                                              expected verdict
GET  /things/{thing_id:int}     - (404 for an unknown thing)                     passed
POST /things                    - (a JSON body with a name)                      passed
GET  /quotes/{author}           the author's quote is looked up without a        server_error (500, KeyError)
                                default: an unknown author raises
WS   /ws/echo                   -                                                passed
"""

from __future__ import annotations

import falcon
import falcon.asgi
from falcon.asgi import Request, Response, WebSocket

QUOTES = {"einstein": "Imagination is more important than knowledge.", "tesla": "The present is theirs."}


class ThingsResource:
    def __init__(self) -> None:
        self._things = {1: {"id": 1, "name": "kettle"}}

    async def on_get(self, req: Request, resp: Response, thing_id: int) -> None:
        thing = self._things.get(thing_id)
        if thing is None:
            raise falcon.HTTPNotFound(title="no such thing")
        resp.media = thing

    async def on_post_collection(self, req: Request, resp: Response) -> None:
        body = await req.get_media()
        if not isinstance(body, dict) or not isinstance(body.get("name"), str):
            raise falcon.HTTPBadRequest(title="a name is required")
        thing_id = max(self._things) + 1
        self._things[thing_id] = {"id": thing_id, "name": body["name"]}
        resp.status = falcon.HTTP_201
        resp.media = self._things[thing_id]


class QuoteResource:
    async def on_get(self, req: Request, resp: Response, author: str) -> None:
        resp.media = {"author": author, "quote": QUOTES[author.lower()]}


class EchoResource:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            await ws.send_text(await ws.receive_text())


app = falcon.asgi.App()
things = ThingsResource()
app.add_route("/things/{thing_id:int}", things)
app.add_route("/things", things, suffix="collection")
app.add_route("/quotes/{author}", QuoteResource())
app.add_route("/ws/echo", EchoResource())
