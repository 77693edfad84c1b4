"""Apps the bridge refuses with a code of their own, each in a real bridge process: a module that
starts uvicorn at import, and a Django project whose settings are missing."""

from __future__ import annotations

import concurrent.futures
import json
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
from typing import Any, Dict, Optional

import support

from wsroutes_bridge.load_app import LoadError, ServerAtImport, load_app
from wsroutes_bridge.server_at_import import refuse_servers

CHANNELS_PROJECT = str(support.APPS / "channels_project")


def run_bridge(
    spec: str, app_dir: str, env: Optional[Dict[str, str]] = None
) -> tuple[Optional[int], Dict[str, Any], float]:
    """(exit code, the first `ready` or `error` event, seconds until it came). A bridge that
    says `ready` is ended then (exit code None)."""
    child_env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    child_env.update(env or {})
    child_env["PYTHONPATH"] = str(support.ROOT / "python")
    started = time.monotonic()
    # stdin stays open until the bridge has exited: its EOF would end the bridge (stdin_watch).
    with subprocess.Popen(
        [sys.executable, "-m", "wsroutes_bridge", "--app", spec, "--app-dir", app_dir],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=child_env,
    ) as child:
        watchdog = threading.Timer(20, child.kill)  # a bridge that hangs fails the test, not the run
        watchdog.start()
        try:
            assert child.stdout is not None
            event: Dict[str, Any] = {}
            for line in child.stdout:
                event = json.loads(line)
                if event.get("event") in ("ready", "error"):
                    break
            seconds = time.monotonic() - started
            if event.get("event") == "ready":
                child.kill()
                child.wait()
                return None, event, seconds
            code = child.wait()
        finally:
            watchdog.cancel()
    assert event.get("event") == "error", event
    return code, event, seconds


def _bind_or_record(errors: list[BaseException]) -> None:
    try:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
    except BaseException as exc:
        errors.append(exc)


class ServerAtImportTest(unittest.TestCase):
    def test_the_test_app(self) -> None:
        code, error, seconds = run_bridge("run_at_import_app:app", str(support.APPS))
        self.assertEqual(code, 1)
        self.assertEqual(error["code"], "server_at_import")
        self.assertIn("calls uvicorn.run() at import", error["message"])
        self.assertIn("run_at_import_app.py:19", error["message"])
        self.assertLess(seconds, 10)

    def test_quart_app_run(self) -> None:
        code, error, seconds = run_bridge("quart_run_app:app", str(support.APPS))
        self.assertEqual((code, error["code"]), (1, "server_at_import"))
        self.assertIn("starts a server (it binds 127.0.0.1:5000) at import", error["message"])
        self.assertIn("quart_run_app.py:16", error["message"])
        self.assertGreaterEqual(seconds, 2)  # Hypercorn served meanwhile, then the bridge ended
        self.assertLess(seconds, 10)

    def test_other_entry_points_and_a_swallowing_except(self) -> None:
        directory = tempfile.mkdtemp(prefix="wsroutes-serve-")
        sources = {
            "m_from_import": "from uvicorn import run\nasync def app(s, r, w): pass\nrun(app)\n",
            "m_server": "import asyncio, uvicorn\nasync def app(s, r, w): pass\n"
            "asyncio.run(uvicorn.Server(uvicorn.Config(app)).serve())\n",
            "m_swallow": "import uvicorn\nasync def app(s, r, w): pass\ntry:\n    uvicorn.run(app)\nexcept Exception:\n    pass\n",
            "m_factory": "import uvicorn\nasync def app(s, r, w): pass\ndef create():\n    uvicorn.run(app)\n    return app\n",
            "m_bind": "import socket\nasync def app(s, r, w): pass\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\n"
            "s.listen()\ns.accept()\n",
            # An exporter's socket, then a slow start-up (a model loading) past the 2 s.
            "m_bind_returns": "import socket, time\nasync def app(s, r, w): pass\nexporter = socket.socket()\n"
            "exporter.bind(('127.0.0.1', 0))\nexporter.listen()\ntime.sleep(2.5)\n",
        }
        for name, source in sources.items():
            with open(os.path.join(directory, name + ".py"), "w", encoding="utf-8") as f:
                f.write(source)
        cases = [
            ("m_from_import:app", "uvicorn.run()"),
            ("m_server:app", "uvicorn.Server.serve()"),
            ("m_swallow:app", "uvicorn.run()"),
            ("m_factory:create()", "uvicorn.run()"),
            ("m_bind:app", None),
            ("m_bind_returns:app", "ready"),
        ]
        # Side by side: two of them take the 2 s a serving import is given.
        with concurrent.futures.ThreadPoolExecutor(len(cases)) as pool:
            runs = list(pool.map(lambda case: run_bridge(case[0], directory), cases))
        for (spec, call), (code, event, _) in zip(cases, runs):
            with self.subTest(spec=spec):
                if call == "ready":  # an exporter's socket, then other work: no server of the app's
                    self.assertEqual((code, event["event"]), (None, "ready"))
                    continue
                self.assertEqual((code, event["code"]), (1, "server_at_import"))
                said = f"calls {call} at import" if call else "starts a server (it binds 127.0.0.1:0) at import"
                self.assertIn(said, event["message"])
                if not call:
                    self.assertIn("and was still serving 2 s later", event["message"])
                self.assertIn(os.path.join(directory, spec.split(":")[0] + ".py"), event["message"])

    def test_originals_are_back_after_the_import(self) -> None:
        import uvicorn

        main_module = sys.modules["uvicorn.main"]  # `uvicorn.main` is the click command
        before = (uvicorn.run, main_module.run, uvicorn.Server.run, uvicorn.Server.serve)
        hung: list[ServerAtImport] = []
        with refuse_servers(uvicorn, on_hang=hung.append, hang_after=0.05):
            with self.assertRaises(ServerAtImport):
                uvicorn.run("x:app")
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))  # noted, not refused
                time.sleep(0.3)  # other work: not serving
                self.assertEqual(hung, [])
            with socket.socket() as sock, selectors.DefaultSelector() as selector:
                sock.bind(("127.0.0.1", 0))
                selector.select(0.3)  # waiting, as a server waits
            self.assertEqual([e.action for e in hung], ["starts a server (it binds 127.0.0.1:0)"])
            # Another thread may bind meanwhile (only the importing thread is watched).
            errors: list[BaseException] = []
            thread = threading.Thread(target=lambda: _bind_or_record(errors))
            thread.start()
            thread.join()
            self.assertEqual(errors, [])
        self.assertEqual((uvicorn.run, main_module.run, uvicorn.Server.run, uvicorn.Server.serve), before)
        _bind_or_record(errors)  # and the bridge may bind its own socket afterwards
        self.assertEqual(errors, [])
        self.assertEqual(len(hung), 1)


class DjangoSettingsTest(unittest.TestCase):
    def test_settings_module_unset(self) -> None:
        code, error, _ = run_bridge("mysite.asgi_nosettings:application", CHANNELS_PROJECT)
        self.assertEqual((code, error["code"]), (1, "django_settings"))
        self.assertIn("DJANGO_SETTINGS_MODULE is not set", error["message"])
        self.assertIn("ImproperlyConfigured", error["message"])
        self.assertNotIn("\n", error["message"])

    def test_settings_module_that_cannot_be_imported(self) -> None:
        env = {"DJANGO_SETTINGS_MODULE": "nowhere_settings_xyz"}
        code, error, _ = run_bridge("mysite.asgi_nosettings:application", CHANNELS_PROJECT, env)
        self.assertEqual((code, error["code"]), (1, "django_settings"))
        self.assertIn("DJANGO_SETTINGS_MODULE=nowhere_settings_xyz cannot be imported", error["message"])

    def test_improperly_configured_with_settings(self) -> None:
        directory = tempfile.mkdtemp(prefix="wsroutes-django-")
        with open(os.path.join(directory, "bad_settings.py"), "w", encoding="utf-8") as f:
            f.write("SECRET_KEY = ''\nINSTALLED_APPS = []\n")
        with open(os.path.join(directory, "bad_asgi.py"), "w", encoding="utf-8") as f:
            f.write(
                textwrap.dedent(
                    """
                    import os
                    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bad_settings")
                    from django.conf import settings
                    from django.core.asgi import get_asgi_application
                    application = get_asgi_application()
                    settings.SECRET_KEY
                    """
                )
            )
        code, error, _ = run_bridge("bad_asgi:application", directory)
        self.assertEqual((code, error["code"]), (1, "django_settings"))
        self.assertIn("DJANGO_SETTINGS_MODULE=bad_settings", error["message"])
        self.assertIn("SECRET_KEY", error["message"])

    def test_load_error_is_one_line(self) -> None:
        with self.assertRaises(LoadError):
            load_app("nowhere_xyz:app", tempfile.mkdtemp())


if __name__ == "__main__":
    unittest.main()
