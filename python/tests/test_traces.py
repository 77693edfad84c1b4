"""Which exceptions count as the app's errors: disconnects only once closed, deliberate closes never."""

from __future__ import annotations

import unittest

import support  # noqa: F401

from wsroutes_bridge.discover import falcon as falcon_adapter
from wsroutes_bridge.discover import litestar as litestar_adapter
from wsroutes_bridge.discover import starlette as starlette_adapter
from wsroutes_bridge.discover._classes import internal_error_code
from wsroutes_bridge.traces import disconnect_owner, is_disconnect


class FakeSocket:
    """Shaped like a Starlette/Litestar WebSocket: it keeps the ASGI scope."""

    def __init__(self, port: int) -> None:
        self.scope = {"type": "websocket", "client": ("127.0.0.1", port)}

    def send(self) -> None:
        from starlette.websockets import WebSocketDisconnect

        try:
            raise OSError("peer gone")
        except OSError:
            raise WebSocketDisconnect(1006) from None


class DisconnectTest(unittest.TestCase):
    def test_framework_disconnects(self) -> None:
        from falcon import WebSocketDisconnected
        from litestar.exceptions import WebSocketDisconnect as LitestarDisconnect
        from starlette.websockets import WebSocketDisconnect
        from uvicorn.protocols.utils import ClientDisconnected
        from websockets.exceptions import ConnectionClosedOK

        for exc in (
            WebSocketDisconnect(1000),
            LitestarDisconnect(detail="x"),
            WebSocketDisconnected(),
            ClientDisconnected(),
        ):
            self.assertTrue(is_disconnect(exc), exc)
        self.assertTrue(is_disconnect(ConnectionClosedOK(None, None)))
        self.assertFalse(is_disconnect(RuntimeError("x")))
        self.assertFalse(is_disconnect(ConnectionError("x")))


class OwnerTest(unittest.TestCase):
    def test_the_socket_that_raised_owns_the_disconnect(self) -> None:
        def broadcast(sockets: list[FakeSocket]) -> None:
            for socket in sockets:
                socket.send()

        try:
            broadcast([FakeSocket(4242)])
        except Exception as exc:
            self.assertEqual(disconnect_owner(exc), 4242)
        else:
            self.fail("no exception")

    def test_no_socket_in_the_traceback(self) -> None:
        try:
            raise ConnectionResetError("x")
        except Exception as exc:
            self.assertIsNone(disconnect_owner(exc))


class DeliberateTest(unittest.TestCase):
    def test_litestar(self) -> None:
        from litestar.exceptions import NotAuthorizedException, WebSocketDisconnect, WebSocketException

        self.assertTrue(litestar_adapter.deliberate(WebSocketException(detail="go", code=4401)))
        self.assertTrue(litestar_adapter.deliberate(NotAuthorizedException()))
        self.assertFalse(litestar_adapter.deliberate(WebSocketException(detail="bad", code=4500)))
        self.assertFalse(litestar_adapter.deliberate(WebSocketDisconnect(detail="gone")))
        self.assertFalse(litestar_adapter.deliberate(ValueError("x")))

    def test_starlette(self) -> None:
        from starlette.exceptions import HTTPException, WebSocketException

        self.assertTrue(starlette_adapter.deliberate(WebSocketException(code=1008)))
        self.assertTrue(starlette_adapter.deliberate(HTTPException(status_code=404)))
        self.assertFalse(starlette_adapter.deliberate(WebSocketException(code=1011)))
        self.assertFalse(starlette_adapter.deliberate(HTTPException(status_code=503)))
        self.assertFalse(starlette_adapter.deliberate(RuntimeError("Expected text websocket messages, but got bytes")))

    def test_falcon(self) -> None:
        import falcon

        self.assertTrue(falcon_adapter.deliberate(falcon.HTTPForbidden()))
        self.assertFalse(falcon_adapter.deliberate(falcon.HTTPInternalServerError()))
        self.assertFalse(falcon_adapter.deliberate(KeyError("text")))

    def test_internal_error_codes(self) -> None:
        self.assertEqual(
            [
                c
                for c in (1000, 1003, 1008, 1011, 3011, 3400, 3500, 3599, 4401, 4500, 4599, 4600)
                if internal_error_code(c)
            ],
            [1011, 3011, 3500, 3599, 4500, 4599],
        )


if __name__ == "__main__":
    unittest.main()
