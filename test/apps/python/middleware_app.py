"""Supported apps behind ASGI middleware, wrapped the way projects wrap them: the app object
the server is given is the outermost middleware, not the framework's app.

attribute   wrapping                                                          framework inside
fastapi     RequestTimingMiddleware (a plain ASGI class keeping `self.app`,   fastapi_app.app
            as the ASGI docs write one) around Starlette's CORSMiddleware
quart       uvicorn's ProxyHeadersMiddleware, sentry-style                    quart_app.app
            (`app = SomeMiddleware(app)`)
starlette   a function middleware (a closure over the app)                     starlette_app.app
"""

from __future__ import annotations

import logging
import time
from typing import Any, Awaitable, Callable, MutableMapping

from starlette.middleware.cors import CORSMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

import fastapi_app
import quart_app
import starlette_app

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]

logger = logging.getLogger("timing")


class RequestTimingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        started = time.monotonic()
        try:
            await self.app(scope, receive, send)
        finally:
            logger.debug("%s %s took %.3f s", scope["type"], scope.get("path"), time.monotonic() - started)


def add_server_name(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Any, send: Any) -> None:
        await app({**scope, "server_name": "wsroutes-test"}, receive, send)

    return middleware


fastapi = RequestTimingMiddleware(CORSMiddleware(fastapi_app.app, allow_origins=["*"]))
quart = ProxyHeadersMiddleware(quart_app.app, trusted_hosts="127.0.0.1")
starlette = add_server_name(starlette_app.app)
