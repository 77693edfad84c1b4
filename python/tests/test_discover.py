"""Each adapter against the test apps and small apps built here: route templates and param types."""

from __future__ import annotations

import unittest
from typing import Any, List, Tuple
from uuid import UUID

import support  # noqa: F401
from litestar import WebSocket as LitestarWebSocket
from litestar.params import FromPath

from wsroutes_bridge.discover import find_adapter

Table = List[Tuple[str, List[Tuple[str, str]]]]

BUGS: Table = [("/bug/json", []), ("/bug/binary", []), ("/bug/long", []), ("/bug/handshake", []), ("/bug/chat", [])]


def discover(app: Any) -> Tuple[str, Table]:
    adapter, inner = find_adapter(app)
    if adapter is None:
        return "asgi", []
    table = [(r["path"], [(p["name"], p["type"]) for p in r["params"]]) for r in adapter.routes(inner)]
    assert all(r["kind"] == "websocket" for r in adapter.routes(inner))
    return adapter.NAME, table


class TestAppsTest(unittest.TestCase):
    def test_litestar(self) -> None:
        import litestar_app

        self.assertEqual(
            discover(litestar_app.app),
            (
                "litestar",
                [
                    ("/ws/echo", []),
                    ("/api/v1/rooms/{room_id:str}", [("room_id", "str")]),
                    ("/api/v1/counter/{n:int}", [("n", "int")]),
                    ("/api/v1/items/{item_id:uuid}", [("item_id", "uuid")]),
                    ("/files/{file_path:path}", [("file_path", "path")]),
                    *BUGS,
                ],
            ),
        )

    def test_fastapi(self) -> None:
        import fastapi_app

        self.assertEqual(
            discover(fastapi_app.app),
            (
                "fastapi",
                [
                    ("/ws/echo", []),
                    ("/api/items/{item_id:int}", [("item_id", "int")]),
                    ("/api/rooms/{room:str}", [("room", "str")]),
                    ("/api/ratio/{x:float}", [("x", "float")]),
                    ("/v2/echo", []),
                    *BUGS,
                ],
            ),
        )

    def test_starlette(self) -> None:
        import starlette_app

        self.assertEqual(
            discover(starlette_app.create_app()),
            (
                "starlette",
                [
                    ("/ws/echo", []),
                    ("/ws/counter/{n:int}", [("n", "int")]),
                    ("/ws/ratio/{x:float}", [("x", "float")]),
                    ("/ws/things/{thing_id:uuid}", [("thing_id", "uuid")]),
                    ("/chat/rooms/{room:str}", [("room", "str")]),
                    ("/nested/deeper/files/{rest:path}", [("rest", "path")]),
                    *BUGS,
                ],
            ),
        )

    def test_falcon(self) -> None:
        import falcon_app

        self.assertEqual(
            discover(falcon_app.create_app()),
            (
                "falcon",
                [
                    ("/ws/echo", []),
                    ("/ws/items/{item_id:int}", [("item_id", "int")]),
                    ("/ws/things/{thing_id:uuid}", [("thing_id", "uuid")]),
                    ("/ws/rooms/{name:str}", [("name", "str")]),
                    ("/ws/rooms/{name:str}/admin", [("name", "str")]),
                    *BUGS,
                ],
            ),
        )

    def test_plain_asgi(self) -> None:
        import asgi_app

        self.assertEqual(discover(asgi_app.app), ("asgi", []))


class MoreShapesTest(unittest.TestCase):
    def test_litestar_nested_routers_and_listener(self) -> None:
        from litestar import Litestar, Router, websocket, websocket_listener

        @websocket("/{n:int}")
        async def numbered(socket: LitestarWebSocket, n: FromPath[int]) -> None:
            await socket.accept()

        @websocket_listener("/listen/{ratio:float}")
        async def listen(data: str, ratio: FromPath[float]) -> str:
            return data

        inner = Router(path="/inner/{group:str}", route_handlers=[numbered, listen])
        outer = Router(path="/outer", route_handlers=[inner])
        self.assertEqual(
            discover(Litestar([outer])),
            (
                "litestar",
                [
                    ("/outer/inner/{group:str}/{n:int}", [("group", "str"), ("n", "int")]),
                    ("/outer/inner/{group:str}/listen/{ratio:float}", [("group", "str"), ("ratio", "float")]),
                ],
            ),
        )

    def test_fastapi_nested_routers_dependency_params_and_middleware(self) -> None:
        # UUID is imported at module level: FastAPI resolves these (postponed) annotations there,
        # as Litestar does for FromPath above.
        from fastapi import APIRouter, Depends, FastAPI, WebSocket
        from starlette.middleware.gzip import GZipMiddleware

        def tenant(tenant_id: UUID) -> UUID:
            return tenant_id

        inner = APIRouter(prefix="/items")

        @inner.websocket("/{item_id}")
        async def item(websocket: WebSocket, item_id: int, t: UUID = Depends(tenant)) -> None:
            await websocket.accept()

        outer = APIRouter(prefix="/t/{tenant_id}")
        outer.include_router(inner)
        app = FastAPI()
        app.include_router(outer)
        expected = (
            "fastapi",
            [("/t/{tenant_id:uuid}/items/{item_id:int}", [("tenant_id", "uuid"), ("item_id", "int")])],
        )
        self.assertEqual(discover(app), expected)
        # Wrapped in plain ASGI middleware: looked through.
        self.assertEqual(discover(GZipMiddleware(app)), expected)

    def test_starlette_router_and_host(self) -> None:
        from starlette.routing import Host, Mount, Router, WebSocketRoute

        async def endpoint(websocket: Any) -> None:
            await websocket.accept()

        router = Router(
            routes=[
                Host("api.example.com", app=Router(routes=[WebSocketRoute("/h/{x:int}", endpoint)])),
                Mount("/m/{tenant}", routes=[WebSocketRoute("/w", endpoint)]),
            ]
        )
        self.assertEqual(
            discover(router),
            ("starlette", [("/h/{x:int}", [("x", "int")]), ("/m/{tenant:str}/w", [("tenant", "str")])]),
        )

    def test_falcon_converters_and_http_only_resources(self) -> None:
        import falcon
        import falcon.asgi

        class Resource:
            async def on_websocket(self, req: Any, ws: Any, **params: Any) -> None:
                await ws.accept()

            async def on_websocket_ops(self, req: Any, ws: Any, **params: Any) -> None:
                await ws.accept()

        class HttpOnly:
            async def on_get(self, req: Any, resp: Any) -> None:
                pass

        app = falcon.asgi.App()
        app.add_route("/a/{f:float}/{p:path}", Resource())
        app.add_route("/b/{when:dt}", Resource(), suffix="ops")
        app.add_route("/c", HttpOnly())
        self.assertEqual(
            discover(app),
            (
                "falcon",
                [("/a/{f:float}/{p:path}", [("f", "float"), ("p", "path")]), ("/b/{when:str}", [("when", "str")])],
            ),
        )
        self.assertEqual(discover(falcon.App()), ("asgi", []))  # WSGI: not a Falcon ASGI app


if __name__ == "__main__":
    unittest.main()
