"""Which traces are `logged`: an exception the app or framework logged with exc_info and went on
from (TraceLogHandler), as Strawberry and Ariadne do for a resolver error they answer as a GraphQL
error; never one that escaped the app (asgi_wrapper), even when the server or the app logs it too.
Driven through ASGI with the real test apps (test/apps/python/strawberry_app.py, ariadne_app.py)
and the bridge's own wrapper and log handler; over a real server:
src/targets/python/graphql-discovery.test.ts."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import unittest
from typing import Any, Dict, List, Tuple

import support  # noqa: F401

from wsroutes_bridge import protocol
from wsroutes_bridge.asgi_wrapper import LifespanWatch, wrap_app
from wsroutes_bridge.discover import find_adapter
from wsroutes_bridge.traces import Connection, TraceRecorder, install_log_handler

Events = List[Dict[str, Any]]


def captured(run: Any) -> Events:
    """The bridge events `run()` printed."""
    read, write = os.pipe()
    saved = protocol._fd
    protocol._fd = write
    try:
        run()
    finally:
        protocol._fd = saved
        os.close(write)
    with os.fdopen(read) as pipe:
        return [json.loads(line) for line in pipe.read().splitlines()]


def converse(app: Any, path: str, subprotocol: str, messages: List[Any], port: int) -> Tuple[Events, List[Any]]:
    """One WebSocket connection to `app` through the bridge's wrapper: our JSON messages, a
    moment for the answers, then our goodbye. Returns the bridge events and the frames sent."""
    adapter, _ = find_adapter(app)
    recorder = TraceRecorder()
    if adapter is not None:
        recorder.set_deliberate(adapter.deliberate)
    handler = install_log_handler(recorder)
    quiet = logging.NullHandler()  # the servers' own log lines: a handler, so none reach stderr
    logging.getLogger().addHandler(quiet)
    sent: List[Any] = []
    scope = {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "ws",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"sec-websocket-protocol", subprotocol.encode())],
        "subprotocols": [subprotocol],
        "client": ("127.0.0.1", port),
        "server": ("127.0.0.1", 8000),
    }
    queue: List[Dict[str, Any]] = [{"type": "websocket.connect"}]
    queue += [{"type": "websocket.receive", "text": json.dumps(m)} for m in messages]

    async def receive() -> Dict[str, Any]:
        if queue:
            return queue.pop(0)
        await asyncio.sleep(0.3)
        return {"type": "websocket.disconnect", "code": 1000}

    async def send(message: Dict[str, Any]) -> None:
        if message["type"] == "websocket.send":
            sent.append(json.loads(message["text"]))
        elif message["type"] == "websocket.close":
            sent.append(("close", message.get("code")))

    def run() -> None:
        async def main() -> None:
            with contextlib.suppress(Exception):  # uvicorn would log it: the trace came first
                await wrap_app(app, recorder, LifespanWatch(), 0.25)(scope, receive, send)

        asyncio.run(main())

    try:
        events = captured(run)
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().removeHandler(quiet)
    return events, sent


def traces(events: Events) -> Events:
    return [e for e in events if e["event"] == "trace"]


INIT = {"type": "connection_init"}


class GraphqlServersTest(unittest.TestCase):
    def test_strawberry_logs_the_resolver_error_it_answers_as_a_graphql_error(self) -> None:
        import strawberry_app

        subscribe = {"id": "1", "type": "subscribe", "payload": {"query": "{ message(id: 99) }"}}
        events, sent = converse(strawberry_app.app, "/graphql", "graphql-transport-ws", [INIT, subscribe], 42001)
        answer = next(m for m in sent if isinstance(m, dict) and m.get("type") == "next")
        self.assertEqual(answer["payload"]["errors"][0]["message"], "no message 99")
        [trace] = traces(events)
        self.assertEqual((trace["client_port"], trace["logged"]), (42001, True))
        self.assertEqual(trace["exception"], "LookupError: no message 99")

    def test_strawberry_planted_bug_escapes_the_app_and_is_not_logged(self) -> None:
        import strawberry_app

        init = {"type": "connection_init", "payload": {"name": 7}}
        events, _ = converse(strawberry_app.app, "/chat/graphql", "graphql-transport-ws", [init], 42002)
        [trace] = traces(events)  # uvicorn's "Exception in ASGI application" would be the same one
        self.assertEqual(trace["logged"], False)
        self.assertIn("AttributeError: 'int' object has no attribute 'title'", trace["exception"])

    def test_ariadne_logs_the_resolver_error_it_answers_as_a_graphql_error(self) -> None:
        import ariadne_app

        subscribe = {"id": "1", "type": "subscribe", "payload": {"query": "{ message(id: 99) }"}}
        events, sent = converse(ariadne_app.app, "/graphql/", "graphql-transport-ws", [INIT, subscribe], 42003)
        answer = next(m for m in sent if isinstance(m, dict) and m.get("type") == "error")  # a query's error
        self.assertEqual(answer["payload"][0]["message"], "no message 99")
        self.assertTrue(traces(events))
        for trace in traces(events):
            self.assertEqual(trace["logged"], True)
            self.assertIn("no message 99", trace["traceback"])

    def test_ariadne_planted_bug_escapes_the_app_and_is_not_logged(self) -> None:
        import ariadne_app

        subscribe = {"id": "1", "type": "subscribe", "payload": {"query": "{ hello }", "operationName": None}}
        events, _ = converse(ariadne_app.app, "/admin/graphql/", "graphql-transport-ws", [INIT, subscribe], 42004)
        [trace] = traces(events)
        self.assertEqual(trace["logged"], False)
        self.assertIn("AttributeError: 'NoneType' object has no attribute 'lower'", trace["exception"])

    def test_a_rejection_ariadne_logs_on_purpose_is_no_trace(self) -> None:
        import ariadne_app
        from ariadne.asgi import GraphQL
        from ariadne.asgi.handlers import GraphQLTransportWSHandler
        from ariadne.exceptions import WebSocketConnectionError
        from starlette.applications import Starlette
        from starlette.routing import Mount

        def on_connect(websocket: Any, payload: Any) -> None:
            raise WebSocketConnectionError({"message": "token required"})

        graphql = GraphQL(ariadne_app.schema, websocket_handler=GraphQLTransportWSHandler(on_connect=on_connect))
        app = Starlette(routes=[Mount("/graphql/", graphql)])
        events, sent = converse(app, "/graphql/", "graphql-transport-ws", [INIT], 42005)
        self.assertIn(("close", 1000), sent)
        self.assertEqual(traces(events), [])


class RecorderTest(unittest.TestCase):
    """The recorder alone: what each path reports, and an exception seen on two paths."""

    def report(self, *calls: Dict[str, Any]) -> Events:
        recorder = TraceRecorder()
        conn = Connection(42100)
        exc = ValueError("boom")

        def run() -> None:
            for kwargs in calls:
                recorder.report(exc, conn, **kwargs)

        return traces(captured(run))

    def test_logged_alone_is_logged(self) -> None:
        self.assertEqual([t["logged"] for t in self.report({"logged": True})], [True])

    def test_escaped_then_logged_by_the_server_is_one_trace_not_logged(self) -> None:
        self.assertEqual([t["logged"] for t in self.report({"escaped": True}, {"logged": True})], [False])

    def test_logged_then_escaped_is_reported_again_not_logged(self) -> None:
        self.assertEqual([t["logged"] for t in self.report({"logged": True}, {"escaped": True})], [True, False])

    def test_logged_twice_is_one_trace(self) -> None:
        self.assertEqual([t["logged"] for t in self.report({"logged": True}, {"logged": True})], [True])

    def test_a_log_record_with_exc_info_is_a_logged_trace(self) -> None:
        recorder = TraceRecorder()
        handler = install_log_handler(recorder)
        logger = logging.getLogger("wsroutes.test.logged")
        logger.addHandler(logging.NullHandler())

        def run() -> None:
            try:
                raise KeyError("gone")
            except KeyError:
                logger.exception("handled it")  # ERROR with exc_info: a trace, logged
            try:
                raise KeyError("only a warning")
            except KeyError:
                logger.warning("not an error", exc_info=True)  # below ERROR: no trace

        try:
            events = captured(run)
        finally:
            logging.getLogger().removeHandler(handler)
        self.assertEqual([(t["exception"], t["logged"]) for t in traces(events)], [("KeyError: 'gone'", True)])


if __name__ == "__main__":
    unittest.main()
