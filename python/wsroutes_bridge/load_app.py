"""Imports the user's app from `module.path:attr` or `module.path:factory()`, the way uvicorn
imports its APP argument: the app directory (default: the current one) goes first on sys.path.
Every failure is a `LoadError` whose code the TypeScript side maps to a WsroutesError."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import sys
import traceback
from typing import Any, Callable


class LoadError(Exception):
    def __init__(self, code: str, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail


def _split_spec(spec: str) -> tuple[str, list[str], bool]:
    module, sep, attr = spec.strip().partition(":")
    call = attr.endswith("()")
    if call:
        attr = attr[:-2]
    parts = attr.split(".")
    if not sep or not module or not attr or not all(p.isidentifier() for p in parts):
        raise LoadError("bad_spec", f"--app {spec!r} must look like module.path:attr or module.path:factory()")
    return module, parts, call


def _import_module(module: str, app_dir: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise LoadError("module_not_found", f"no module named {module!r} in {app_dir}") from None
        raise LoadError("import_error", f"importing {module!r} failed: {exc}", traceback.format_exc()) from None
    except ImportError as exc:
        raise LoadError("import_error", f"importing {module!r} failed: {exc}", traceback.format_exc()) from None
    except BaseException as exc:  # the module raised on import (SystemExit included)
        raise LoadError(
            "import_exception",
            f"importing {module!r} raised {type(exc).__name__}: {exc}",
            traceback.format_exc(),
        ) from None


def load_app(spec: str, app_dir: str | None = None) -> Any:
    module_name, attrs, call = _split_spec(spec)
    directory = os.path.abspath(app_dir or os.getcwd())
    sys.path.insert(0, directory)
    obj: Any = _import_module(module_name, directory)
    for i, attr in enumerate(attrs):
        try:
            obj = getattr(obj, attr)
        except AttributeError:
            where = ".".join([module_name, *attrs[:i]])
            raise LoadError("attr_not_found", f"{where!r} has no attribute {attr!r}") from None
    if call:
        if not callable(obj):
            raise LoadError("not_callable", f"{spec!r}: {type(obj).__name__} is not callable")
        try:
            obj = obj()
        except BaseException as exc:
            raise LoadError(
                "factory_exception",
                f"calling {spec!r} raised {type(exc).__name__}: {exc}",
                traceback.format_exc(),
            ) from None
        if inspect.isawaitable(obj):
            if inspect.iscoroutine(obj):
                obj.close()
            raise LoadError("not_callable", f"{spec!r} returned an awaitable; async factories are not supported")
    interface = asgi_interface(obj)
    if interface is None:
        raise LoadError("not_callable", f"{spec!r} is not an ASGI app (got {type(obj).__name__})")
    if interface == "wsgi":
        raise LoadError("not_callable", f"{spec!r} is a WSGI app; WebSockets need an ASGI app (falcon.asgi.App, say)")
    return obj


def asgi_interface(app: Any) -> str | None:
    """'asgi3', 'asgi2', 'wsgi' or None (not callable), decided as uvicorn's interface 'auto' does,
    plus a check for the two-argument WSGI shape."""
    if not callable(app):
        return None
    if inspect.isclass(app):
        return "asgi3" if hasattr(app, "__await__") else "asgi2"
    call: Callable[..., Any] = app if inspect.isfunction(app) or inspect.ismethod(app) else app.__call__
    if asyncio.iscoroutinefunction(call):
        return "asgi3"
    try:
        params = [
            p
            for p in inspect.signature(call).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        return "asgi2"
    return "wsgi" if len(params) == 2 else "asgi2"
