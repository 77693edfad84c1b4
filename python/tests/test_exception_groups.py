"""Exception groups (a 3.11 TaskGroup, anyio, Litestar) are reported by their leaves: the
`exception` field names the innermost exception, a group of goodbyes is no error, and an
exception that escaped the app is never excused by an adapter's `deliberate()`."""

from __future__ import annotations

import asyncio
import builtins
import unittest
from typing import Any
from unittest import mock

import support  # noqa: F401

from wsroutes_bridge import traces
from wsroutes_bridge.traces import Connection, TraceRecorder, describe_exception, exception_leaves

# Exception groups and TaskGroup are Python 3.11's; the bridge runs on older Pythons too.
GROUP: Any = getattr(builtins, "ExceptionGroup", None)
BASE_GROUP: Any = getattr(builtins, "BaseExceptionGroup", None)


def _taskgroup_error() -> BaseException:
    """What a TaskGroup raises when one of its tasks does int() of a word, and another a KeyError."""

    async def parse() -> None:
        int("hello")

    async def lookup() -> None:
        raise KeyError("room")

    async def main() -> None:
        async with asyncio.TaskGroup() as group:
            group.create_task(parse())
            group.create_task(lookup())

    try:
        asyncio.run(main())
    except BaseException as exc:
        return exc
    raise AssertionError("the TaskGroup did not raise")


@unittest.skipIf(GROUP is None, "exception groups are Python 3.11+")
class LeavesTest(unittest.TestCase):
    def test_a_group_is_described_by_its_first_leaf_and_how_many_more(self) -> None:
        group = _taskgroup_error()
        leaves = exception_leaves(group)
        self.assertEqual([type(e) for e in leaves], [ValueError, KeyError])
        self.assertEqual(
            describe_exception(leaves), "ValueError: invalid literal for int() with base 10: 'hello' (+1 more)"
        )

    def test_nested_groups_are_walked_depth_first(self) -> None:
        inner = GROUP("inner", [TypeError("b"), KeyError("c")])
        outer = GROUP("outer", [ValueError("a"), inner])
        self.assertEqual([str(e) for e in exception_leaves(outer)], ["a", "b", "'c'"])

    def test_a_plain_exception_is_its_own_leaf(self) -> None:
        exc = RuntimeError("boom")
        self.assertEqual(exception_leaves(exc), [exc])
        self.assertEqual(describe_exception([exc]), "RuntimeError: boom")

    def test_a_line_separator_in_the_message_does_not_end_its_first_line(self) -> None:
        # json.loads of generated text quotes U+2028; splitlines() would cut the message there.
        self.assertEqual(describe_exception([ValueError("bad \u2028 value\nsecond")]), "ValueError: bad \u2028 value")


@unittest.skipIf(GROUP is None, "exception groups are Python 3.11+")
class RecorderTest(unittest.TestCase):
    def setUp(self) -> None:
        self.lines: list[dict[str, Any]] = []
        patcher = mock.patch.object(
            traces, "emit", lambda event, **fields: self.lines.append({"event": event, **fields})
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_group_trace_names_the_innermost_exception(self) -> None:
        recorder = TraceRecorder()
        recorder.report(_taskgroup_error(), Connection(client_port=40001))
        self.assertEqual(len(self.lines), 1)
        self.assertEqual(self.lines[0]["client_port"], 40001)
        self.assertTrue(self.lines[0]["exception"].startswith("ValueError: invalid literal for int()"))
        self.assertIn("ExceptionGroup", self.lines[0]["traceback"])

    def test_a_group_of_cancellations_is_no_error(self) -> None:
        recorder = TraceRecorder()
        recorder.report(
            BASE_GROUP("gone", [asyncio.CancelledError(), asyncio.CancelledError()]),
            Connection(client_port=40002),
        )
        self.assertEqual(self.lines, [])

    def test_deliberate_is_respected_unless_the_exception_escaped_the_app(self) -> None:
        recorder = TraceRecorder()
        recorder.set_deliberate(lambda exc: isinstance(exc, RuntimeError))
        recorder.report(RuntimeError("refused on purpose"), Connection(client_port=40003))
        self.assertEqual(self.lines, [])
        recorder.report(RuntimeError("escaped to the server"), Connection(client_port=40004), escaped=True)
        self.assertEqual([line["client_port"] for line in self.lines], [40004])

    def test_a_graphql_error_around_our_own_clients_disconnect_is_a_goodbye(self) -> None:
        # Ariadne's subscription task sends to a client that closed: GraphQLError(original_error=WebSocketDisconnect).
        class WebSocketDisconnect(Exception):
            pass

        class GraphQLError(Exception):
            def __init__(self, message: str, original_error: BaseException | None = None) -> None:
                super().__init__(message)
                self.original_error = original_error

        recorder = TraceRecorder()
        gone = Connection(client_port=40005, closed=True)
        recorder.report(GraphQLError("send failed", original_error=WebSocketDisconnect()), gone)
        self.assertEqual(self.lines, [])
        # Around anything else, or on a connection still open, it is the app's error.
        recorder.report(GraphQLError("resolver failed", original_error=KeyError("x")), gone)
        recorder.report(
            GraphQLError("send failed", original_error=WebSocketDisconnect()), Connection(client_port=40006)
        )
        self.assertEqual([line["client_port"] for line in self.lines], [40005, 40006])


if __name__ == "__main__":
    unittest.main()
