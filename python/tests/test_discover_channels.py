"""Django Channels: the tutorial-style project under test/apps/python/channels_project, and
routers of other shapes (nested, wrapped, re_path groups, unreachable regexes)."""

from __future__ import annotations

import sys
import unittest
from typing import Any

import support

from wsroutes_bridge.discover import find_adapter

PROJECT = str(support.APPS / "channels_project")
if PROJECT not in sys.path:
    sys.path.insert(0, PROJECT)

import mysite.asgi  # noqa: E402  (sets DJANGO_SETTINGS_MODULE and runs django.setup())

Table = list[tuple[str, list[tuple[str, str]]]]


def discover(app: object) -> tuple[str, Table]:
    adapter, inner = find_adapter(app)
    if adapter is None:
        return "asgi", []
    routes = adapter.routes(inner)
    assert all(r["kind"] == "websocket" for r in routes)
    return adapter.NAME, [(r["path"], [(p["name"], p["type"]) for p in r["params"]]) for r in routes]


async def endpoint(scope: Any, receive: Any, send: Any) -> None:
    return None


class ChannelsProjectTest(unittest.TestCase):
    def test_tutorial_project(self) -> None:
        self.assertEqual(
            discover(mysite.asgi.application),
            (
                "channels",
                [
                    # `\w+` and a slug take words, narrower than any string: values come from the pattern.
                    ("/ws/chat/{room_name:str}/", [("room_name", "str")]),
                    ("/ws/rooms/{room_id:int}/", [("room_id", "int")]),
                    ("/ws/api/notes/{topic:str}/", [("topic", "str")]),
                ],
            ),
        )


class RouterShapesTest(unittest.TestCase):
    def test_converters_groups_and_nesting(self) -> None:
        from channels.routing import ProtocolTypeRouter, URLRouter
        from django.urls import path, re_path

        inner = URLRouter(
            [
                path("<uuid:item>/", endpoint),
                re_path(r"^files/(?P<rest>.+)$", endpoint),
                re_path(r"^legacy/([0-9]+)/?$", endpoint),
            ]
        )
        router = URLRouter(
            [
                path("ws/<str:user>/<path:tail>", endpoint),
                re_path(r"^api/v1\.0/(?P<group>[^/]+)/", inner),
                re_path(r"^(?:a|b)/$", endpoint),  # not a template: left out
                re_path(r"^ws/(?P<code>[A-Z]{3})/$", endpoint),  # no type fits: left out
            ]
        )
        expected = (
            "channels",
            [
                ("/ws/{user:str}/{tail:path}", [("user", "str"), ("tail", "path")]),
                ("/api/v1.0/{group:str}/{item:uuid}/", [("group", "str"), ("item", "uuid")]),
                ("/api/v1.0/{group:str}/files/{rest:path}", [("group", "str"), ("rest", "path")]),
                ("/api/v1.0/{group:str}/legacy/{arg1:int}/", [("group", "str"), ("arg1", "int")]),
            ],
        )
        self.assertEqual(discover(router), expected)
        self.assertEqual(discover(ProtocolTypeRouter({"websocket": router})), expected)

    def test_a_pattern_of_words_is_sent_with_its_param(self) -> None:
        from channels.routing import URLRouter
        from django.urls import path, re_path

        from wsroutes_bridge.discover import channels

        routes = channels.routes(
            URLRouter(
                [
                    re_path(r"ws/chat/(?P<room_name>\w+)/$", endpoint),
                    path("notes/<slug:topic>/", endpoint),
                    re_path(r"^legacy/(?P<n>[0-9]+)/$", endpoint),
                ]
            )
        )
        self.assertEqual(
            [r["params"] for r in routes],
            [
                [{"name": "room_name", "type": "str", "pattern": "\\w+"}],
                [{"name": "topic", "type": "str", "pattern": "[-a-zA-Z0-9_]+"}],
                [{"name": "n", "type": "int"}],
            ],
        )

    def test_wrapped_routers(self) -> None:
        from channels.auth import AuthMiddlewareStack
        from channels.routing import ProtocolTypeRouter, URLRouter
        from channels.security.websocket import OriginValidator
        from channels.sessions import SessionMiddlewareStack
        from django.urls import path

        router = URLRouter([path("ws/<int:n>/", endpoint)])
        app = ProtocolTypeRouter(
            {"websocket": OriginValidator(SessionMiddlewareStack(AuthMiddlewareStack(router)), ["*"])}
        )
        self.assertEqual(discover(app), ("channels", [("/ws/{n:int}/", [("n", "int")])]))

    def test_no_websocket_entry_or_no_router(self) -> None:
        from channels.routing import ProtocolTypeRouter

        self.assertEqual(discover(ProtocolTypeRouter({"http": endpoint})), ("channels", []))
        self.assertEqual(discover(ProtocolTypeRouter({"websocket": endpoint})), ("channels", []))


if __name__ == "__main__":
    unittest.main()
