"""Quart: the test app's websocket rules and more rule shapes, as `{name:type}` templates."""

from __future__ import annotations

import unittest

import support  # noqa: F401

from wsroutes_bridge.discover import find_adapter

Table = list[tuple[str, list[tuple[str, str]]]]


def discover(app: object) -> tuple[str, Table]:
    adapter, inner = find_adapter(app)
    if adapter is None:
        return "asgi", []
    routes = adapter.routes(inner)
    assert all(r["kind"] == "websocket" for r in routes)
    return adapter.NAME, [(r["path"], [(p["name"], p["type"]) for p in r["params"]]) for r in routes]


class QuartTest(unittest.TestCase):
    def test_app(self) -> None:
        import quart_app

        self.assertEqual(
            discover(quart_app.app),
            (
                "quart",
                [
                    ("/ws", []),
                    ("/ws/hello/{name:str}", [("name", "str")]),
                    ("/ws/files/{name:path}", [("name", "path")]),
                    ("/ws/things/{thing_id:uuid}", [("thing_id", "uuid")]),
                    ("/ws/rooms/{room_id:int}", [("room_id", "int")]),
                    ("/ws/chat/{room:str}", [("room", "str")]),
                    ("/api/counter/{start:int}", [("start", "int")]),
                ],
            ),
        )

    def test_converters_blueprints_and_http_routes(self) -> None:
        from quart import Blueprint, Quart

        app = Quart("shapes")
        nested = Blueprint("nested", "shapes", url_prefix="/v1/<int:version>")
        outer = Blueprint("outer", "shapes", url_prefix="/outer")

        async def handler(**kwargs: object) -> None:
            return None

        nested.add_websocket("/<float:ratio>/<string(length=2):code>/<any(a,b):which>", "n", handler)
        outer.register_blueprint(nested)
        app.register_blueprint(outer)
        app.add_websocket("/ws/<default:name>", "d", handler)
        app.add_url_rule("/http/<int:n>", "h", handler)  # an HTTP route: not reported
        self.assertEqual(
            discover(app),
            (
                "quart",
                [
                    (
                        "/outer/v1/{version:int}/{ratio:float}/{code:str}/{which:str}",
                        # `string(length=2)` accepts none of the str samples (nor does `any(a,b)`
                        # of any type): the declared type is kept.
                        [("version", "int"), ("ratio", "float"), ("code", "str"), ("which", "str")],
                    ),
                    ("/ws/{name:str}", [("name", "str")]),
                ],
            ),
        )

    def test_http_only_app_has_no_routes(self) -> None:
        from quart import Quart

        app = Quart("http_only")

        @app.route("/")
        async def index() -> str:
            return "hi"

        self.assertEqual(discover(app), ("quart", []))


if __name__ == "__main__":
    unittest.main()
