"""The bridge's run: check the interpreter, import uvicorn and the app (refusing any server the
app would start meanwhile), discover routes through any middleware, install the trace hooks,
serve, and say `ready` (or one `error` event and exit 1)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from typing import Any, List, Optional

from . import PROTOCOL_VERSION
from .asgi_wrapper import LifespanWatch, wrap_app
from .discover import find_adapter
from .http_info import http_fields
from .literals import with_literals
from .load_app import LoadError, ServerAtImport, asgi_interface, load_app, server_at_import_error
from .protocol import claim_stdout, emit
from .serve import bind_socket, make_config, serve
from .server_at_import import refuse_servers
from .stdin_watch import exit_when_stdin_closes
from .traces import TraceRecorder, install_log_handler


def _parse(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m wsroutes_bridge")
    parser.add_argument("--app", required=True, help="module.path:attr or module.path:factory()")
    parser.add_argument("--app-dir", default=None, help="directory put first on sys.path (default: cwd)")
    parser.add_argument("--linger-ms", type=int, default=250, help="idle time after the client left before conn_end")
    return parser.parse_args(argv)


def _fail(code: str, message: str, detail: Optional[str] = None) -> int:
    emit("error", code=code, message=message, detail=detail)
    return 1


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def main(argv: List[str]) -> int:
    args = _parse(argv)
    claim_stdout()
    exit_when_stdin_closes()
    if sys.version_info < (3, 9):  # noqa: UP036 - the user's interpreter may be older than ours
        return _fail("python_too_old", f"Python {sys.version.split()[0]} is too old; the bridge needs 3.9 or later")
    try:
        import uvicorn
    except ImportError as exc:
        return _fail("missing_uvicorn", f"uvicorn is not installed ({exc})")
    if importlib.util.find_spec("websockets") is None and importlib.util.find_spec("wsproto") is None:
        return _fail("missing_ws_library", "uvicorn has no WebSocket library: install websockets (or wsproto)")

    def server_hangs(exc: ServerAtImport) -> None:
        """The import started a server and is still serving: say so and end the process."""
        error = server_at_import_error(args.app, exc)
        _fail(error.code, error.message, error.detail)
        os._exit(1)

    try:
        with refuse_servers(uvicorn, args.app_dir, on_hang=server_hangs):
            app = load_app(args.app, args.app_dir)
    except LoadError as exc:
        return _fail(exc.code, exc.message, exc.detail)

    adapter, inner = find_adapter(app)
    framework = adapter.NAME if adapter is not None else "asgi"
    warnings: List[str] = []
    routes: List[Any] = []
    recorder = TraceRecorder()
    if adapter is not None:
        try:
            routes = with_literals(adapter.routes(inner), adapter, inner)
        except Exception as exc:  # a framework release we do not know: serve it all the same
            warnings.append(f"{framework} route discovery failed: {type(exc).__name__}: {exc}")
        recorder.set_deliberate(adapter.deliberate)
        try:
            adapter.install_hooks(inner, recorder)
        except Exception as exc:
            warnings.append(f"{framework} trace hook not installed: {type(exc).__name__}: {exc}")
    install_log_handler(recorder)
    http = http_fields(adapter, inner, warnings)

    if asgi_interface(app) == "asgi2":
        from uvicorn.middleware.asgi2 import ASGI2Middleware

        app = ASGI2Middleware(app)
    lifespan = LifespanWatch()
    config = make_config(uvicorn, wrap_app(app, recorder, lifespan, args.linger_ms / 1000))
    sock = bind_socket()
    ready = False

    def on_ready(port: int) -> None:
        nonlocal ready
        ready = True
        emit(
            "ready",
            protocol=PROTOCOL_VERSION,
            port=port,
            framework=framework,
            routes=routes,
            **http,
            python=sys.executable,
            pid=os.getpid(),
            warnings=warnings,
        )

    try:
        serve(uvicorn, config, sock, on_ready)
    except BaseException:  # uvicorn exits with SystemExit(3) when lifespan startup fails
        if ready:
            raise
    if not ready:
        failure = lifespan.failure or ""
        reason = _last_line(failure) or "see the server's output"
        return _fail("startup_failed", f"the app's lifespan startup failed: {reason}", failure or None)
    return 0
