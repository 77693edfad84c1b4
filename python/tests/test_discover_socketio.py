"""python-socketio: each namespace of `socketio.ASGIApp` as a Socket.IO route (events, acks, args),
the app it wraps found through it, and a handler's exception reported for the emitting connection."""

from __future__ import annotations

import asyncio
import unittest
from typing import Any

import support  # noqa: F401

from wsroutes_bridge.discover import find_adapter
from wsroutes_bridge.discover import socketio as socketio_adapter
from wsroutes_bridge.http_info import http_fields
from wsroutes_bridge.traces import Connection, TraceRecorder, current, format_exception


def socketio_routes(app: Any) -> dict[str, dict[str, Any]]:
    adapter, inner = find_adapter(app)
    assert adapter is socketio_adapter, adapter
    return {r["path"]: r for r in adapter.routes(inner)}


class NamespacesTest(unittest.TestCase):
    def test_docs_style_app(self) -> None:
        import socketio_app

        routes = socketio_routes(socketio_app.app)
        self.assertEqual(
            routes["/"],
            {
                "path": "/",
                "kind": "websocket",
                "params": [],
                "events": ["echo", "join"],
                "socketio": {
                    "namespace": "/",
                    "endpoint": "/socket.io/",
                    "acks": ["echo", "join"],
                    "args": {"echo": 1, "join": 1},
                },
            },
        )
        # The class-based namespace: on_<event> methods, their data args less sid; on_connect is no event.
        self.assertEqual(routes["/scores"]["events"], ["rate", "submit"])
        self.assertEqual(routes["/scores"]["socketio"]["args"], {"rate": 1, "submit": 2})
        self.assertEqual(sorted(routes), ["/", "/scores"])

    def test_wrapping_fastapi(self) -> None:
        import socketio_fastapi_app

        adapter, inner = find_adapter(socketio_fastapi_app.combined_asgi_app)
        assert adapter is not None
        routes = adapter.routes(inner)
        self.assertEqual([r["path"] for r in routes], ["/", "/ws/echo"])
        self.assertEqual(routes[0]["socketio"]["endpoint"], "/sio/socket.io/")
        self.assertEqual(routes[0]["events"], ["send", "shout"])
        self.assertNotIn("socketio", routes[1])
        warnings: list[str] = []
        fields = http_fields(adapter, inner, warnings)
        self.assertEqual(warnings, [])
        self.assertIn("/health", fields["openapi"]["paths"])

    def test_mounted_in_fastapi(self) -> None:
        import socketio
        from fastapi import APIRouter, FastAPI
        from starlette.routing import Mount, Router

        sio = socketio.AsyncServer(async_mode="asgi")

        @sio.event
        async def hello(sid: str, name: Any) -> Any:
            return name

        app = FastAPI()
        app.mount("/ws", socketio.ASGIApp(sio, socketio_path="ws/socket.io"))
        # Under the default socketio_path a mount at /rt never reaches it: nothing to find there.
        app.mount("/rt", socketio.ASGIApp(socketio.AsyncServer(async_mode="asgi")))
        inner = Router(routes=[Mount("/deep", app=socketio.ASGIApp(sio, socketio_path="/v1/deep/socket.io/"))])
        app.mount("/v1", inner)
        api = APIRouter()

        @api.websocket("/plain")
        async def plain(websocket: Any) -> None:
            pass

        app.include_router(api)
        adapter, found = find_adapter(app)
        assert adapter is not None
        self.assertEqual(adapter.NAME, "fastapi")
        routes = adapter.routes(found)
        self.assertEqual([r["path"] for r in routes], ["/plain", "/", "/"])
        self.assertEqual(
            [r["socketio"]["endpoint"] for r in routes[1:]],
            ["/ws/socket.io/", "/v1/deep/socket.io/"],
        )
        self.assertEqual(routes[1]["events"], ["hello"])

        recorder = Captured()
        adapter.install_hooks(found, recorder)

        async def emit() -> None:
            current.set(Connection(5151))
            with self.assertRaises(TypeError):
                await sio._handle_event_internal(sio, "sid", "eio", ["hello", 1, 2], "/", None)

        asyncio.run(emit())
        self.assertEqual(recorder.ports, [5151])

    def test_handler_shapes(self) -> None:
        import socketio

        sio = socketio.AsyncServer(async_mode="asgi")

        @sio.on("*", namespace="*")
        async def anything(event: str, namespace: str, sid: str, *data: Any) -> None:
            pass

        @sio.on("hello", namespace="*")
        async def hello(namespace: str, sid: str, name: Any, greeting: Any = "hi") -> None:
            pass

        @sio.on("spread", namespace="/room")
        def spread(sid: str, *items: Any) -> None:  # a sync handler taking any number
            pass

        @sio.on("connect", namespace="/quiet")
        async def quiet(sid: str, environ: Any) -> None:
            pass

        class Lobby(socketio.AsyncNamespace):
            def on_wave(self, sid: str) -> None:
                pass

            def on_hello(self, sid: str, name: Any) -> None:  # the '*' namespace's function comes first
                pass

        sio.register_namespace(Lobby("/lobby"))
        routes = socketio_routes(socketio.ASGIApp(sio, socketio_path=None))
        # '/' is open by default (namespaces=['/']), so the catch-all namespace's handlers serve it.
        self.assertEqual(sorted(routes), ["/", "/lobby", "/quiet", "/room"])
        self.assertEqual(routes["/"]["events"], ["hello"])
        self.assertEqual(routes["/"]["socketio"]["args"], {"hello": 2})
        self.assertEqual(routes["/"]["socketio"]["endpoint"], "/socket.io/")
        self.assertEqual(routes["/room"]["events"], ["hello", "spread"])
        self.assertEqual(routes["/room"]["socketio"]["args"], {"hello": 2})
        self.assertEqual(routes["/lobby"]["events"], ["hello", "wave"])
        self.assertEqual(routes["/lobby"]["socketio"]["args"], {"hello": 2, "wave": 0})
        self.assertEqual(routes["/quiet"]["events"], ["hello"])

    def test_a_bare_engineio_app_is_not_socketio(self) -> None:
        import engineio

        self.assertFalse(socketio_adapter.matches(engineio.ASGIApp(engineio.AsyncServer(async_mode="asgi"))))


class Captured(TraceRecorder):
    def __init__(self) -> None:
        super().__init__()
        self.ports: list[int | None] = []
        self.exceptions: list[str] = []
        self.tracebacks: list[str] = []
        self.logged: list[bool] = []

    def _emit(
        self, exc: BaseException, errors: list[BaseException], client_port: int | None, received: int, logged: bool
    ) -> None:
        self.ports.append(client_port)
        self.logged.append(logged)
        self.exceptions.append(type(exc).__name__)
        self.tracebacks.append(format_exception(exc))


class HandlerTraceTest(unittest.TestCase):
    def test_a_handler_exception_is_the_emitting_connection_s(self) -> None:
        import socketio_app

        recorder = Captured()
        adapter, inner = find_adapter(socketio_app.app)
        assert adapter is not None
        adapter.install_hooks(inner, recorder)
        sio = socketio_app.sio

        async def emit_from_connection() -> None:
            current.set(Connection(4242))
            # As python-socketio runs an emit's handler: a background task nobody awaits.
            task = sio.start_background_task(sio._handle_event_internal, sio, "sid", "eio", ["rate", "x"], "/scores", 1)
            with self.assertRaises(ValueError):
                await task
            # An error the handler returns is an answer: nothing reported.
            answered = sio.start_background_task(sio._trigger_event, "join", "/", "sid", 42)
            self.assertEqual(await answered, {"error": "room must be a non-empty string"})

        asyncio.run(emit_from_connection())
        self.assertEqual(recorder.ports, [4242])
        self.assertEqual(recorder.exceptions, ["ValueError"])
        self.assertEqual(recorder.logged, [False])  # it escaped the handler: never an answer's log line
        # The traceback starts in python-socketio's dispatch, the bridge's own frame left out.
        self.assertIn("in on_rate", recorder.tracebacks[0])
        self.assertNotIn("wsroutes_bridge", recorder.tracebacks[0])

    def test_a_refused_connect_is_deliberate(self) -> None:
        from socketio.exceptions import ConnectionRefusedError

        self.assertTrue(socketio_adapter.deliberate(ConnectionRefusedError("no")))
        self.assertFalse(socketio_adapter.deliberate(ValueError("no")))


if __name__ == "__main__":
    unittest.main()
