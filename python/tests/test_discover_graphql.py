"""GraphQL servers on ASGI (discover/graphql_apps.py): each WebSocket route a Strawberry or Ariadne
server answers, at the path the app answers, with the subprotocol the server speaks and its
schema as SDL; whether the server is the whole app, a FastAPI router, a Starlette WebSocket route
or a mount."""

from __future__ import annotations

import unittest
from typing import Any, List, Optional, Tuple

import support  # noqa: F401

from wsroutes_bridge.discover import find_adapter

Found = List[Tuple[str, Optional[str]]]


def discover(app: Any) -> Tuple[str, Found, List[Any]]:
    adapter, inner = find_adapter(app)
    assert adapter is not None
    routes = adapter.routes(inner)
    return adapter.NAME, [(r["path"], r.get("protocol")) for r in routes], routes


class TestAppsTest(unittest.TestCase):
    def test_strawberry_routers_included_with_a_prefix(self) -> None:
        import strawberry_app

        name, found, routes = discover(strawberry_app.app)
        self.assertEqual(name, "fastapi")
        self.assertEqual(found, [("/graphql", "graphql-transport-ws"), ("/chat/graphql", "graphql-transport-ws")])
        for route in routes:
            self.assertEqual(route["graphqlSchema"], strawberry_app.schema.as_str())
            self.assertIn("type Subscription {", route["graphqlSchema"])
            self.assertIn("countdown(start: Int! = 3): Int!", route["graphqlSchema"])

    def test_ariadne_apps_mounted_in_starlette(self) -> None:
        import ariadne_app
        from graphql import print_schema

        name, found, routes = discover(ariadne_app.app)
        self.assertEqual(name, "starlette")
        self.assertEqual(
            found,
            [
                ("/graphql/", "graphql-transport-ws"),
                ("/legacy/", "graphql-ws"),
                ("/admin/graphql/", "graphql-transport-ws"),
            ],
        )
        for route in routes:
            self.assertEqual(route["graphqlSchema"], print_schema(ariadne_app.schema))
            self.assertIn("countdown(start: Int): Int!", route["graphqlSchema"])


class ShapesTest(unittest.TestCase):
    def test_strawberry_asgi_app_as_the_whole_app_and_in_starlette(self) -> None:
        import strawberry_app
        from starlette.applications import Starlette
        from starlette.routing import Mount, Route, WebSocketRoute
        from strawberry.asgi import GraphQL

        graphql_app = GraphQL(strawberry_app.schema)
        self.assertEqual(discover(graphql_app)[:2], ("strawberry", [("/", "graphql-transport-ws")]))
        # The same app as an HTTP and a WebSocket route (Strawberry's Starlette docs), or mounted.
        routes = [
            Route("/graphql", graphql_app),
            WebSocketRoute("/graphql", graphql_app),
            Mount("/api/graphql", graphql_app),
        ]
        found = [("/graphql", "graphql-transport-ws"), ("/api/graphql/", "graphql-transport-ws")]
        self.assertEqual(discover(Starlette(routes=routes))[:2], ("starlette", found))

    def test_strawberry_speaking_only_the_legacy_subprotocol(self) -> None:
        import strawberry_app
        from fastapi import FastAPI
        from strawberry.fastapi import GraphQLRouter
        from strawberry.subscriptions import GRAPHQL_WS_PROTOCOL

        app = FastAPI()
        app.include_router(
            GraphQLRouter(strawberry_app.schema, subscription_protocols=[GRAPHQL_WS_PROTOCOL]), prefix="/gql"
        )
        self.assertEqual(discover(app)[:2], ("fastapi", [("/gql", "graphql-ws")]))

    def test_ariadne_as_the_whole_app_and_mounted_in_fastapi(self) -> None:
        import ariadne_app
        from ariadne.asgi import GraphQL
        from ariadne.asgi.handlers import GraphQLTransportWSHandler
        from fastapi import FastAPI

        self.assertEqual(discover(GraphQL(ariadne_app.schema))[:2], ("ariadne", [("/", "graphql-ws")]))
        app = FastAPI()
        app.mount("/graphql/", GraphQL(ariadne_app.schema, websocket_handler=GraphQLTransportWSHandler()))
        self.assertEqual(discover(app)[:2], ("fastapi", [("/graphql/", "graphql-transport-ws")]))

    def test_a_schema_that_cannot_be_printed_leaves_only_the_protocol(self) -> None:
        import strawberry_app
        from strawberry.asgi import GraphQL

        class Unprintable:
            def as_str(self) -> str:
                raise RuntimeError("no")

        graphql_app = GraphQL(strawberry_app.schema)
        graphql_app.schema = Unprintable()  # type: ignore[assignment]
        [route] = discover(graphql_app)[2]
        self.assertEqual(route["protocol"], "graphql-transport-ws")
        self.assertNotIn("graphqlSchema", route)


if __name__ == "__main__":
    unittest.main()
