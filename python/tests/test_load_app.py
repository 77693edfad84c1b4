"""Importing the app the way uvicorn does, and each failure as a LoadError code."""

from __future__ import annotations

import os
import sys
import tempfile
import textwrap
import unittest

from wsroutes_bridge.load_app import LoadError, asgi_interface, load_app


class LoadAppTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="wsroutes-load-")
        self.addCleanup(lambda: sys.path.remove(self.dir) if self.dir in sys.path else None)

    def module(self, name: str, source: str) -> None:
        with open(os.path.join(self.dir, name + ".py"), "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
        sys.modules.pop(name, None)

    def code(self, spec: str) -> str:
        with self.assertRaises(LoadError) as caught:
            load_app(spec, self.dir)
        return caught.exception.code

    def test_loads_attr_nested_attr_and_factory(self) -> None:
        self.module(
            "m_ok",
            """
            async def app(scope, receive, send):
                pass
            class Holder:
                app = staticmethod(app)
            def make():
                return app
            """,
        )
        self.assertTrue(callable(load_app("m_ok:app", self.dir)))
        self.assertTrue(callable(load_app("m_ok:Holder.app", self.dir)))
        self.assertTrue(callable(load_app("m_ok:make()", self.dir)))
        self.assertEqual(sys.path[0], os.path.abspath(self.dir))

    def test_failures(self) -> None:
        self.module("m_dep", "import no_such_dependency_xyz\n")
        self.module("m_raise", "raise RuntimeError('boom')\n")
        self.module("m_vals", "x = 1\ndef bad():\n    raise ValueError('nope')\nasync def afactory():\n    pass\n")
        self.module("m_wsgi", "def app(environ, start_response):\n    return []\n")
        self.assertEqual(self.code("nowhere_xyz:app"), "module_not_found")
        self.assertEqual(self.code("m_dep:app"), "import_error")
        self.assertEqual(self.code("m_raise:app"), "import_exception")
        self.assertEqual(self.code("m_vals:missing"), "attr_not_found")
        self.assertEqual(self.code("m_vals:x"), "not_callable")
        self.assertEqual(self.code("m_vals:x()"), "not_callable")
        self.assertEqual(self.code("m_vals:bad()"), "factory_exception")
        self.assertEqual(self.code("m_vals:afactory()"), "not_callable")
        self.assertEqual(self.code("m_wsgi:app"), "not_callable")
        self.assertEqual(self.code("no_colon"), "bad_spec")
        self.assertEqual(self.code("m_vals:a-b"), "bad_spec")

    def test_interfaces(self) -> None:
        import falcon
        import falcon.asgi
        import starlette_app

        self.assertEqual(asgi_interface(starlette_app.app), "asgi3")
        self.assertEqual(asgi_interface(falcon.asgi.App()), "asgi3")
        self.assertEqual(asgi_interface(falcon.App()), "wsgi")

        class Asgi2:
            def __init__(self, scope: object) -> None:
                self.scope = scope

            async def __call__(self, receive: object, send: object) -> None:
                pass

        self.assertEqual(asgi_interface(Asgi2), "asgi2")
        self.assertIsNone(asgi_interface(42))


if __name__ == "__main__":
    unittest.main()
