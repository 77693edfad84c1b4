from __future__ import annotations

import decimal
import pathlib
import sys
import typing
import unittest
import uuid

import support  # noqa: F401

from wsroutes_bridge.discover._template import join_paths, placeholders, type_from_annotation, type_from_name


class PlaceholdersTest(unittest.TestCase):
    def test_names_and_types_in_order(self) -> None:
        self.assertEqual(
            placeholders("/a/{room_id:str}/{n:int}/{plain}/{id:int(min=1)}/{rest:path}"),
            [("room_id", "str"), ("n", "int"), ("plain", None), ("id", "int"), ("rest", "path")],
        )

    def test_no_placeholders(self) -> None:
        self.assertEqual(placeholders("/ws/echo"), [])


class TypesTest(unittest.TestCase):
    def test_names(self) -> None:
        self.assertEqual(
            [type_from_name(n) for n in ("str", "int", "float", "uuid", "path", "decimal", "date", None)],
            ["str", "int", "float", "uuid", "path", "float", "str", "str"],
        )

    def test_annotations(self) -> None:
        cases: list[tuple[object, str]] = [
            (int, "int"),
            (bool, "str"),
            (float, "float"),
            (decimal.Decimal, "float"),
            (uuid.UUID, "uuid"),
            (pathlib.Path, "path"),
            (str, "str"),
            (typing.Optional[int], "int"),
            (typing.Annotated[int, "meta"], "int"),
            (typing.Union[int, str], "str"),
            (typing.List[int], "str"),
            (None, "str"),
        ]
        if sys.version_info >= (3, 10):
            cases.append((eval("int | None"), "int"))
        for annotation, expected in cases:
            with self.subTest(annotation=annotation):
                self.assertEqual(type_from_annotation(annotation), expected)

    def test_join_paths(self) -> None:
        self.assertEqual(join_paths("", "/ws"), "/ws")
        self.assertEqual(join_paths("/api", "/ws"), "/api/ws")
        self.assertEqual(join_paths("/api/", "ws"), "/api/ws")


if __name__ == "__main__":
    unittest.main()
