"""The bridge's wrapper around HTTP requests, driven through ASGI with a real Starlette app: an
exception is a trace for the request's client port, then conn_end; a client that left while the
app read the body is no error; a deliberate 4xx is no trace. (Over a real server: the TS test
src/targets/python/http-discovery.test.ts.)"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import unittest
from typing import Any, Dict, List

import support  # noqa: F401

from wsroutes_bridge import protocol
from wsroutes_bridge.asgi_wrapper import LifespanWatch, wrap_app
from wsroutes_bridge.discover import starlette as starlette_adapter
from wsroutes_bridge.traces import TraceRecorder, is_disconnect


def app() -> Any:
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def divide(request: Request) -> JSONResponse:
        return JSONResponse({"share": 100 // request.path_params["n"]})

    async def upload(request: Request) -> JSONResponse:
        return JSONResponse({"size": len(await request.body())})

    async def missing(request: Request) -> JSONResponse:
        raise HTTPException(status_code=404, detail="nothing here")

    return Starlette(
        routes=[
            Route("/divide/{n:int}", divide),
            Route("/upload", upload, methods=["POST"]),
            Route("/missing", missing),
        ]
    )


def events_of(method: str, path: str, port: int, messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Calls the wrapped app for one request and returns the bridge events it printed."""
    read, write = os.pipe()
    saved = protocol._fd
    protocol._fd = write
    recorder = TraceRecorder()
    recorder.set_deliberate(starlette_adapter.deliberate)
    wrapped = wrap_app(app(), recorder, LifespanWatch(), 0.25)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", port),
        "server": ("127.0.0.1", 8000),
    }
    queue = list(messages)

    async def receive() -> Dict[str, Any]:
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    async def send(message: Dict[str, Any]) -> None:
        return None

    async def run() -> None:
        with contextlib.suppress(Exception):  # uvicorn would log it and answer 500: the trace came first
            await wrapped(scope, receive, send)

    try:
        asyncio.run(run())
    finally:
        protocol._fd = saved
        os.close(write)
    with os.fdopen(read) as pipe:
        return [json.loads(line) for line in pipe.read().splitlines()]


class HttpTraceTest(unittest.TestCase):
    def test_an_exception_is_a_trace_of_the_client_port_then_conn_end(self) -> None:
        events = events_of("GET", "/divide/0", 41001, [{"type": "http.request", "body": b""}])
        self.assertEqual([(e["event"], e["client_port"]) for e in events], [("trace", 41001), ("conn_end", 41001)])
        self.assertTrue(events[0]["exception"].startswith("ZeroDivisionError"), events[0]["exception"])
        self.assertIn("in divide", events[0]["traceback"])

    def test_a_correct_request_and_a_deliberate_404_are_only_conn_end(self) -> None:
        for path in ("/divide/4", "/missing"):
            events = events_of("GET", path, 41002, [{"type": "http.request", "body": b""}])
            self.assertEqual([e["event"] for e in events], ["conn_end"], path)

    def test_a_client_that_left_during_the_body_is_no_error(self) -> None:
        from starlette.requests import ClientDisconnect

        self.assertTrue(is_disconnect(ClientDisconnect()))
        partial = [{"type": "http.request", "body": b"abc", "more_body": True}, {"type": "http.disconnect"}]
        events = events_of("POST", "/upload", 41003, partial)
        self.assertEqual([e["event"] for e in events], ["conn_end"])
