"""Literal mining (wsroutes_bridge/literals.py): what a handler's source compares messages with,
read from real handlers of real frameworks and from small modules written here."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
import tempfile
import textwrap
import unittest
from types import ModuleType
from typing import Any, Dict, List, Optional

import support

from wsroutes_bridge.discover import find_adapter
from wsroutes_bridge.literals import MAX_LENGTH, MAX_STRINGS, SourceRef, literals_of, route_shape, with_literals


def module_from(source: str) -> ModuleType:
    """A module written to a temporary file and imported, so inspect finds its source."""
    directory = pathlib.Path(tempfile.mkdtemp(prefix="wsroutes-literals-"))
    path = directory / "handlers_under_test.py"
    path.write_text(textwrap.dedent(source), encoding="utf8")
    spec = importlib.util.spec_from_file_location(f"handlers_{abs(hash(source))}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def mined(handler: Any) -> Dict[str, List[Any]]:
    found = literals_of(handler)
    return found if found is not None else {"strings": [], "numbers": [], "keys": []}


def routes_of(app: Any) -> Dict[str, Optional[Dict[str, List[Any]]]]:
    adapter, inner = find_adapter(app)
    assert adapter is not None
    return {r["path"]: r.get("literals") for r in with_literals(adapter.routes(inner), adapter, inner)}


class HandlerSourceTest(unittest.TestCase):
    def test_comparisons_cases_prefixes_and_keys(self) -> None:
        m = module_from(
            """
            async def handler(ws):
                while True:
                    text = await ws.receive_text()
                    if text == "goodbye":
                        return
                    if text != "ping" and text in ("help", "quit"):
                        continue
                    if text.startswith(("/nick ", "/me ")):
                        continue
                    msg = parse(text)
                    if msg["type"] == "subscribe" and msg.get("room") and "since" in msg:
                        continue
                    if msg["version"] == 2 or msg["level"] == -1:
                        continue
                    if isinstance(msg, dict) and msg is None:
                        continue

            def parse(text):
                return {}
            """
        )
        found = mined(m.handler)
        self.assertEqual(found["strings"], ["goodbye", "ping", "help", "quit", "/nick ", "/me ", "subscribe", "since"])
        self.assertEqual(found["numbers"], [2, -1])
        self.assertEqual(found["keys"], ["type", "room", "since", "version", "level"])

    def test_match_statements(self) -> None:
        if sys.version_info < (3, 10):
            self.skipTest("match needs Python 3.10")
        m = module_from(
            """
            def handler(msg):
                match msg:
                    case {"action": "join", "room": str(room)}:
                        return room
                    case {"action": "leave" | "quit"}:
                        return None
                    case "ping" | 7:
                        return None
                    case [1, *_]:
                        return None
            """
        )
        found = mined(m.handler)
        self.assertEqual(found["strings"], ["join", "leave", "quit", "ping"])
        self.assertEqual(found["numbers"], [7, 1])
        self.assertEqual(found["keys"], ["action", "room"])

    def test_a_dispatch_table_and_the_functions_the_handler_calls(self) -> None:
        m = module_from(
            """
            HANDLERS = {"join": None, "leave": None}

            def unrelated(x):
                return x == "never-called"

            def dispatch(msg):
                return HANDLERS[msg["action"]]

            async def handler(ws):
                msg = await ws.receive_json()
                if check(msg):
                    dispatch(msg)

            def check(msg):
                return msg.get("token") == "secret"
            """
        )
        found = mined(m.handler)
        self.assertEqual(sorted(found["strings"]), ["join", "leave", "secret"])
        self.assertNotIn("never-called", found["strings"])
        self.assertEqual(sorted(found["keys"]), ["action", "token"])

    def test_a_class_handler_and_its_methods(self) -> None:
        m = module_from(
            """
            class Consumer:
                def receive(self, text_data=None):
                    if text_data == "hello":
                        self.greet()

                def greet(self):
                    return self.scope["url_route"] == "ignored" or self.kind == "greeting"

            class Other:
                def receive(self, text_data=None):
                    return text_data == "elsewhere"
            """
        )
        found = mined(m.Consumer)
        self.assertEqual(found["strings"], ["hello", "ignored", "greeting"])
        self.assertEqual(found["keys"], [])  # self.scope[...] is the connection, not a message
        self.assertEqual(mined(m.Other())["strings"], ["elsewhere"])  # an instance: its class

    def test_what_is_not_a_message_is_left_out(self) -> None:
        m = module_from(
            """
            async def app(scope, receive, send):
                message = await receive()
                if message["type"] == "websocket.disconnect":
                    return
                if scope["path"] == "/admin" or websocket.path_params["room"]:
                    return
                flag = True == message
            """
        )
        found = mined(m.app)
        self.assertEqual(found["strings"], ["/admin"])
        self.assertEqual(found["keys"], [])  # an ASGI event's keys are the server's
        self.assertEqual(found["numbers"], [])  # True is not a number

    def test_bounds(self) -> None:
        words = " or ".join(f'x == "w{i}"' for i in range(MAX_STRINGS + 20))
        m = module_from(f'def handler(x):\n    return {words} or x == "{"y" * (MAX_LENGTH + 1)}"\n')
        found = mined(m.handler)
        self.assertEqual(len(found["strings"]), MAX_STRINGS)
        self.assertTrue(all(len(s) <= MAX_LENGTH for s in found["strings"]))

    def test_no_source_means_no_literals_never_an_error(self) -> None:
        self.assertIsNone(literals_of(len))  # a builtin
        self.assertIsNone(literals_of(None))
        self.assertIsNone(literals_of(SourceRef("/nonexistent/file.py", 1, "f")))
        m = module_from("def handler(x):\n    return x + 1\n")
        self.assertIsNone(literals_of(m.handler))  # nothing compared
        namespace: Dict[str, Any] = {}
        exec("def made(x):\n    return x == 'a'\n", namespace)  # no file behind it
        self.assertIsNone(literals_of(namespace["made"]))

    def test_a_handler_not_found_in_its_file_falls_back_to_the_module(self) -> None:
        m = module_from("def handler(x):\n    return x == 'mod'\n")
        ref = SourceRef(m.__file__ or "", 99, "renamed")
        self.assertEqual(mined(ref)["strings"], ["mod"])


class FrameworkRoutesTest(unittest.TestCase):
    def test_litestar_listener_socket_access(self) -> None:
        import literals_litestar_app

        self.assertEqual(
            routes_of(literals_litestar_app.app), {"/": {"strings": ["goodbye"], "numbers": [], "keys": []}}
        )

    def test_fastapi_dispatch_on_type(self) -> None:
        import literals_fastapi_app

        found = routes_of(literals_fastapi_app.app)
        prices = found["/ws/prices"]
        assert prices is not None
        self.assertEqual(prices["strings"][:2], ["subscribe", "unsubscribe"])
        self.assertEqual(prices["keys"], ["type", "symbol"])
        quotes = found["/ws/quotes"]
        assert quotes is not None
        self.assertNotIn("subscribe", quotes["strings"])

    def test_every_adapter_names_the_handler_of_every_route(self) -> None:
        import falcon_app
        import fastapi_app
        import litestar_app
        import quart_app
        import starlette_app

        project = str(support.APPS / "channels_project")
        if project not in sys.path:
            sys.path.insert(0, project)
        import mysite.asgi  # sets DJANGO_SETTINGS_MODULE and runs django.setup()

        for app in (
            litestar_app.app,
            fastapi_app.app,
            starlette_app.app,
            falcon_app.app,
            quart_app.app,
            mysite.asgi.application,
        ):
            adapter, inner = find_adapter(app)
            assert adapter is not None
            named = {route_shape(template): handler for template, handler in adapter.handlers(inner)}
            for route in adapter.routes(inner):
                self.assertIsNotNone(named.get(route_shape(route["path"])), f"{adapter.NAME} {route['path']}")
        self.assertEqual(
            routes_of(quart_app.app)["/ws/chat/{room:str}"], {"strings": ["lobby"], "numbers": [], "keys": []}
        )
        chat = routes_of(mysite.asgi.application)["/ws/chat/{room_name:str}/"]
        assert chat is not None
        self.assertEqual(chat["keys"], ["message"])  # the tutorial's text_data_json["message"], not scope[...]

    def test_a_failing_handlers_helper_leaves_the_routes_as_they_are(self) -> None:
        class Broken:
            @staticmethod
            def handlers(app: Any) -> List[Any]:
                raise RuntimeError("boom")

        routes = [{"path": "/ws", "kind": "websocket", "params": []}]
        self.assertEqual(with_literals(routes, Broken, None), [{"path": "/ws", "kind": "websocket", "params": []}])
        self.assertEqual(with_literals(routes, object(), None), routes)


if __name__ == "__main__":
    unittest.main()
