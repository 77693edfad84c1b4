from __future__ import annotations

import decimal
import pathlib
import sys
import typing
import unittest
import uuid

import support  # noqa: F401

from wsroutes_bridge.discover._template import (
    angle_placeholders,
    join_paths,
    normal_template,
    placeholders,
    regex_template,
    type_from_annotation,
    type_from_name,
    type_from_pattern,
)


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


class NormalFormTest(unittest.TestCase):
    def test_every_placeholder_becomes_name_and_type(self) -> None:
        self.assertEqual(
            normal_template(
                "/a/{x}/{n:int}/{d:dt}/{i:int(min=1)}/b", [("x", "str"), ("n", "int"), ("d", "str"), ("i", "int")]
            ),
            "/a/{x:str}/{n:int}/{d:str}/{i:int}/b",
        )
        self.assertEqual(normal_template("/items/{item_id}", [("item_id", "int")]), "/items/{item_id:int}")
        self.assertEqual(normal_template("/plain", []), "/plain")

    def test_angle_placeholders(self) -> None:
        self.assertEqual(
            angle_placeholders("/ws/<int:room>/<name>/<string(length=2):code>/x"),
            ("/ws/{room}/{name}/{code}/x", [("room", "int"), ("name", None), ("code", "string")]),
        )


class PatternTypesTest(unittest.TestCase):
    def test_declared_type_kept_when_its_values_fit(self) -> None:
        self.assertEqual(type_from_pattern("[^/]+", "str"), "str")
        self.assertEqual(type_from_pattern("[0-9]+", "int"), "int")
        self.assertEqual(type_from_pattern(".+", "path"), "path")
        self.assertEqual(type_from_pattern(None, "float"), "float")

    def test_narrowed_to_a_type_whose_values_fit(self) -> None:
        self.assertEqual(type_from_pattern(r"\w+", "str"), "int")  # a space, '-' and emoji are not \w
        self.assertEqual(type_from_pattern("[-a-zA-Z0-9_]+", "str"), "uuid")  # Django's slug
        self.assertEqual(type_from_pattern(r"\d+\.\d+", "str"), "float")

    def test_nothing_fits(self) -> None:
        self.assertEqual(type_from_pattern("[A-Z]{3}", "str"), "str")
        self.assertEqual(type_from_pattern("(", "int"), "int")  # not a regex


class RegexTemplateTest(unittest.TestCase):
    def test_literals_groups_anchors(self) -> None:
        self.assertEqual(
            regex_template(r"^ws/chat/(?P<room_name>\w+)/$"), ("ws/chat/{room_name}/", [("room_name", r"\w+")])
        )
        self.assertEqual(regex_template(r"^v1\.0/([0-9]+)/?\Z"), ("v1.0/{arg1}/", [("arg1", "[0-9]+")]))
        self.assertEqual(regex_template(r"^a/(?P<x>(?:[a-z]|\))+)/b$"), ("a/{x}/b", [("x", r"(?:[a-z]|\))+")]))

    def test_not_templates(self) -> None:
        for regex in (r"^(?:a|b)/$", r"^a|b$", r"^[ab]/$", r"^\d+/$", r"^a{2}$", r"^(unclosed"):
            with self.subTest(regex=regex):
                self.assertIsNone(regex_template(regex))


if __name__ == "__main__":
    unittest.main()
