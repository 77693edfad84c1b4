"""HTTP routes (`--http`) of each framework as the bridge's ready event gives them
(`http_info.http_fields`): methods and `{name:type}` templates, the OpenAPI document of FastAPI
and Litestar, routes the document does not name, and failures kept as warnings."""

from __future__ import annotations

import json
import unittest
from typing import Any, Dict, List, Tuple

import support  # noqa: F401

from wsroutes_bridge.discover import find_adapter
from wsroutes_bridge.http_info import http_fields

Listed = List[Tuple[str, str]]


def discover(app: Any) -> Tuple[str, Dict[str, Any], List[str]]:
    adapter, inner = find_adapter(app)
    warnings: List[str] = []
    fields = http_fields(adapter, inner, warnings)
    json.dumps(fields, allow_nan=False)  # what the ready event carries is JSON as it is
    return (adapter.NAME if adapter is not None else "asgi"), fields, warnings


def listed(fields: Dict[str, Any]) -> Listed:
    return [(r["method"], r["path"]) for r in fields["http_routes"]]


def operations(doc: Dict[str, Any]) -> Listed:
    return [(method.upper(), path) for path, item in doc["paths"].items() for method in item]


class TestAppsTest(unittest.TestCase):
    def test_fastapi(self) -> None:
        import http_fastapi_app

        name, fields, warnings = discover(http_fastapi_app.app)
        self.assertEqual((name, warnings), ("fastapi", []))
        self.assertEqual(
            operations(fields["openapi"]),
            [("GET", "/items/{item_id}"), ("POST", "/items/"), ("GET", "/items/"), ("GET", "/users/{user_id}")],
        )
        body = fields["openapi"]["paths"]["/items/"]["post"]["requestBody"]
        self.assertEqual(body["content"]["application/json"]["schema"], {"$ref": "#/components/schemas/Item"})
        # Every route is in the document, and /docs, /openapi.json are hidden from it on purpose.
        self.assertEqual(listed(fields), [])

    def test_litestar(self) -> None:
        import http_litestar_app

        name, fields, warnings = discover(http_litestar_app.app)
        self.assertEqual((name, warnings), ("litestar", []))
        self.assertEqual(operations(fields["openapi"]), [("POST", "/books"), ("GET", "/books/{book_id}")])
        self.assertIn("Book", fields["openapi"]["components"]["schemas"])
        self.assertEqual(listed(fields), [])  # the /schema controller is not the app's

    def test_starlette(self) -> None:
        import http_starlette_app

        name, fields, warnings = discover(http_starlette_app.app)
        self.assertEqual((name, warnings), ("starlette", []))
        self.assertNotIn("openapi", fields)
        self.assertEqual(
            listed(fields),
            [
                ("GET", "/"),
                ("GET", "/users/{username:str}"),
                ("GET", "/api/orders/{order_id:int}"),
                ("PUT", "/api/orders/{order_id:int}"),
                ("GET", "/api/split/{amount:float}/{parts:int}"),
            ],
        )

    def test_falcon(self) -> None:
        import http_falcon_app

        name, fields, warnings = discover(http_falcon_app.app)
        self.assertEqual((name, warnings), ("falcon", []))
        self.assertNotIn("openapi", fields)
        self.assertEqual(
            listed(fields),
            [("POST", "/things"), ("GET", "/things/{thing_id:int}"), ("GET", "/quotes/{author:str}")],
        )
        self.assertEqual(fields["http_routes"][0]["name"], "on_post_collection")

    def test_plain_asgi(self) -> None:
        async def app(scope: Any, receive: Any, send: Any) -> None:
            return None

        self.assertEqual(discover(app), ("asgi", {"http_routes": []}, []))


class MoreShapesTest(unittest.TestCase):
    def test_fastapi_mounted_apps_are_listed_beside_the_document(self) -> None:
        from fastapi import APIRouter, FastAPI
        from starlette.applications import Starlette
        from starlette.middleware.cors import CORSMiddleware
        from starlette.responses import PlainTextResponse
        from starlette.routing import Route

        async def ping(request: Any) -> PlainTextResponse:
            return PlainTextResponse("pong")

        app = FastAPI()
        v1 = APIRouter(prefix="/v1")

        @v1.put("/things/{thing_id}")
        async def put_thing(thing_id: int) -> dict[str, int]:
            return {"id": thing_id}

        @app.get("/hidden", include_in_schema=False)
        async def hidden() -> dict[str, str]:
            return {}

        app.include_router(v1)
        sub = FastAPI()

        @sub.delete("/carts/{cart_id}")
        async def delete_cart(cart_id: int) -> None:
            return None

        app.mount("/shop", sub)
        app.mount("/legacy", Starlette(routes=[Route("/ping/{n:int}", ping, methods=["GET", "POST"])]))
        name, fields, warnings = discover(CORSMiddleware(app, allow_origins=["*"]))
        self.assertEqual((name, warnings), ("fastapi", []))
        self.assertEqual(operations(fields["openapi"]), [("PUT", "/v1/things/{thing_id}")])
        self.assertEqual(
            listed(fields),
            [
                ("DELETE", "/shop/carts/{cart_id:int}"),
                ("GET", "/legacy/ping/{n:int}"),
                ("POST", "/legacy/ping/{n:int}"),
            ],
        )

    def test_fastapi_document_that_cannot_be_built_is_a_warning(self) -> None:
        from fastapi import FastAPI

        app = FastAPI()

        @app.get("/items/{item_id}")
        async def read_item(item_id: int) -> dict[str, int]:
            return {"item_id": item_id}

        def custom_openapi() -> dict[str, Any]:  # FastAPI's docs: "Extending OpenAPI"
            raise ValueError("no schema today")

        app.openapi = custom_openapi  # type: ignore[method-assign]
        _, fields, warnings = discover(app)
        self.assertEqual(warnings, ["fastapi OpenAPI document not built: ValueError: no schema today"])
        self.assertNotIn("openapi", fields)
        self.assertEqual(listed(fields), [("GET", "/items/{item_id:int}")])  # the routes stand in for it

    def test_document_that_is_not_json_is_a_warning(self) -> None:
        from fastapi import FastAPI

        app = FastAPI()
        app.openapi = lambda: {"openapi": "3.1.0", "paths": {}, "x-limit": float("inf")}  # type: ignore[method-assign]
        _, fields, warnings = discover(app)
        self.assertNotIn("openapi", fields)
        self.assertEqual(len(warnings), 1)
        self.assertTrue(warnings[0].startswith("fastapi OpenAPI document not built: ValueError"), warnings)

    def test_litestar_router_prefixes_and_controllers(self) -> None:
        from litestar import Controller, Litestar, Router, delete, get, patch
        from litestar.params import FromPath

        class Orders(Controller):
            path = "/orders"

            @get("/{order_id:int}")
            async def read(self, order_id: FromPath[int]) -> dict[str, int]:
                return {"id": order_id}

            @patch("/{order_id:int}")
            async def update(self, order_id: FromPath[int]) -> dict[str, int]:
                return {"id": order_id}

        @delete("/sessions/{token:str}", include_in_schema=False)
        async def logout(token: FromPath[str]) -> None:
            return None

        app = Litestar(route_handlers=[Router(path="/api", route_handlers=[Orders]), logout])
        name, fields, warnings = discover(app)
        self.assertEqual((name, warnings), ("litestar", []))
        self.assertEqual(
            operations(fields["openapi"]), [("GET", "/api/orders/{order_id}"), ("PATCH", "/api/orders/{order_id}")]
        )
        self.assertEqual(listed(fields), [])

        from wsroutes_bridge.discover import litestar as adapter

        # Without the document, the handlers themselves (hidden ones still hidden).
        self.assertEqual(
            [(r["method"], r["path"]) for r in adapter.http_routes(app)],
            [("GET", "/api/orders/{order_id:int}"), ("PATCH", "/api/orders/{order_id:int}")],
        )

    def test_litestar_without_openapi_lists_its_handlers(self) -> None:
        from litestar import Litestar, post
        from litestar.params import FromPath

        @post("/votes/{poll_id:int}")
        async def vote(poll_id: FromPath[int]) -> None:
            return None

        _, fields, warnings = discover(Litestar(route_handlers=[vote], openapi_config=None))
        self.assertEqual(warnings, [])
        self.assertNotIn("openapi", fields)
        self.assertEqual(listed(fields), [("POST", "/votes/{poll_id:int}")])

    def test_starlette_router_host_and_endpoint_classes(self) -> None:
        from starlette.applications import Starlette
        from starlette.endpoints import HTTPEndpoint
        from starlette.responses import PlainTextResponse
        from starlette.routing import Host, Mount, Route, Router

        async def page(request: Any) -> PlainTextResponse:
            return PlainTextResponse("ok")

        class Files(HTTPEndpoint):
            async def get(self, request: Any) -> PlainTextResponse:
                return PlainTextResponse("file")

            async def delete(self, request: Any) -> PlainTextResponse:
                return PlainTextResponse("gone")

        app = Starlette(
            routes=[
                Route("/things/{thing_id:uuid}", page, methods=["POST", "PATCH"]),
                Route("/hidden", page, include_in_schema=False),
                Mount("/files", routes=[Route("/{rest:path}", Files)]),
                Mount("/nested", app=Router(routes=[Route("/x/{ratio:float}", page)])),
                Host("api.example.com", app=Router(routes=[Route("/status", page)])),
            ]
        )
        name, fields, _ = discover(app)
        self.assertEqual(name, "starlette")
        self.assertEqual(
            listed(fields),
            [
                ("POST", "/things/{thing_id:uuid}"),
                ("PATCH", "/things/{thing_id:uuid}"),
                ("GET", "/files/{rest:path}"),
                ("DELETE", "/files/{rest:path}"),
                ("GET", "/nested/x/{ratio:float}"),
                ("GET", "/status"),
            ],
        )

    def test_falcon_suffixes_and_websocket_only_resources(self) -> None:
        import falcon.asgi

        class Items:
            async def on_get(self, req: Any, resp: Any, item_id: Any) -> None:
                return None

            async def on_delete(self, req: Any, resp: Any, item_id: Any) -> None:
                return None

            async def on_put_bulk(self, req: Any, resp: Any) -> None:
                return None

        class Socket:
            async def on_websocket(self, req: Any, ws: Any) -> None:
                return None

        app = falcon.asgi.App()
        app.add_route("/items/{item_id:uuid}", Items())
        app.add_route("/items", Items(), suffix="bulk")
        app.add_route("/ws", Socket())
        _, fields, _ = discover(app)
        self.assertEqual(
            listed(fields),
            [("PUT", "/items"), ("GET", "/items/{item_id:uuid}"), ("DELETE", "/items/{item_id:uuid}")],
        )

    def test_quart_rules_blueprints_and_converters(self) -> None:
        from quart import Blueprint, Quart

        app = Quart(__name__)
        api = Blueprint("api", __name__, url_prefix="/api")

        @app.route("/")
        async def index() -> str:
            return "hi"

        @api.route("/users/<int:user_id>", methods=["GET", "DELETE"])
        async def user(user_id: int) -> str:
            return str(user_id)

        @api.post("/files/<path:name>")
        async def upload(name: str) -> str:
            return name

        @app.websocket("/ws")
        async def ws() -> None:
            return None

        app.register_blueprint(api)
        name, fields, warnings = discover(app)
        self.assertEqual((name, warnings), ("quart", []))
        self.assertEqual(
            sorted(listed(fields)),
            [
                ("DELETE", "/api/users/{user_id:int}"),
                ("GET", "/"),
                ("GET", "/api/users/{user_id:int}"),
                ("POST", "/api/files/{name:path}"),
            ],
        )
