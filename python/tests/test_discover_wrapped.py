"""Apps behind ASGI middleware: discovery looks through the attributes wrappers keep the app in,
breadth-first and bounded, without running properties."""

from __future__ import annotations

import functools
import unittest
from typing import Any

import support  # noqa: F401

from wsroutes_bridge.discover import MAX_DEPTH, find_adapter, wrapped_apps


class AppMiddleware:
    """The ASGI docs' middleware class: keeps the next app in `self.app`."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


class SlotsMiddleware:
    __slots__ = ("_app",)

    def __init__(self, app: Any) -> None:
        self._app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self._app(scope, receive, send)


def function_middleware(app: Any) -> Any:
    async def middleware(scope: Any, receive: Any, send: Any) -> None:
        await app(scope, receive, send)

    return middleware


def framework(app: Any) -> str:
    adapter, _inner = find_adapter(app)
    return "asgi" if adapter is None else adapter.NAME


class WrappedTest(unittest.TestCase):
    def test_common_middleware_around_each_framework(self) -> None:
        import falcon_app
        import fastapi_app
        import litestar_app
        import quart_app
        import starlette_app
        from starlette.middleware.cors import CORSMiddleware
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        cases = [
            (ProxyHeadersMiddleware(quart_app.app, trusted_hosts="*"), "quart", quart_app.app),
            (CORSMiddleware(starlette_app.app, allow_origins=["*"]), "starlette", starlette_app.app),
            (AppMiddleware(ProxyHeadersMiddleware(fastapi_app.app)), "fastapi", fastapi_app.app),
            (SlotsMiddleware(litestar_app.app), "litestar", litestar_app.app),
            (function_middleware(falcon_app.app), "falcon", falcon_app.app),
            # Quart's own docs hand a middleware the bound `asgi_app`.
            (AppMiddleware(quart_app.app.asgi_app), "quart", quart_app.app),
        ]
        for wrapped, name, inner in cases:
            with self.subTest(name=name, wrapper=type(wrapped).__name__):
                adapter, found = find_adapter(wrapped)
                self.assertEqual(adapter.NAME if adapter else "asgi", name)
                self.assertIs(found, inner)

    def test_functools_wraps_and_other_attribute_names(self) -> None:
        import starlette_app

        @functools.wraps(starlette_app.app)
        async def decorated(scope: Any, receive: Any, send: Any) -> None:
            await starlette_app.app(scope, receive, send)

        class Application:
            def __init__(self, application: Any) -> None:
                self.application = application

            async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
                await self.application(scope, receive, send)

        self.assertEqual(framework(decorated), "starlette")
        self.assertEqual(framework(Application(starlette_app.app)), "starlette")

    def test_depth_is_bounded_and_cycles_end(self) -> None:
        import starlette_app

        app: Any = starlette_app.app
        for _ in range(MAX_DEPTH):
            app = AppMiddleware(app)
        self.assertEqual(framework(app), "starlette")
        self.assertEqual(framework(AppMiddleware(app)), "asgi")  # one wrapper too deep

        loop = AppMiddleware(None)
        loop.app = AppMiddleware(loop)
        self.assertEqual(framework(loop), "asgi")
        self.assertEqual(len(list(wrapped_apps(loop))), 2)

    def test_properties_are_not_run(self) -> None:
        import starlette_app

        ran: list[str] = []

        class Lazy:
            @property
            def app(self) -> Any:
                ran.append("app")
                return starlette_app.app

            async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
                pass

        self.assertEqual(framework(Lazy()), "asgi")
        self.assertEqual(ran, [])


if __name__ == "__main__":
    unittest.main()
