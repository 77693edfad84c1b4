"""Imports the user's app from `module.path:attr` or `module.path:factory()`, the way uvicorn
imports its APP argument: the app directory (default: the current one) goes first on sys.path.
Every failure is a `LoadError` whose code the TypeScript side maps to a WsroutesError.

Two failures get a code of their own, since their cause is not in the exception's message:
- `server_at_import`: the module (or factory) starts a server when imported, `uvicorn.run(app)`
  or Quart's `app.run()` without the `if __name__ == "__main__":` guard.
  `server_at_import.refuse_servers` makes that raise `ServerAtImport` (the server would
  otherwise serve forever, and wsroutes wait for it).
- `django_settings`: Django raised ImproperlyConfigured (or AppRegistryNotReady) because
  DJANGO_SETTINGS_MODULE is unset, or names a module that cannot be imported."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import sys
import traceback
from typing import Any, Callable


class ServerAtImport(BaseException):
    """Raised where the app starts a server while imported (see server_at_import.py; a
    BaseException: `except Exception` in the app must not swallow it). `action` says what it
    did ("calls uvicorn.run()"), `where` the app's file:line."""

    def __init__(self, action: str, where: str, note: str = "") -> None:
        super().__init__(f"{action} at {where}")
        self.action = action
        self.where = where
        self.note = note


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


def server_at_import_error(spec: str, exc: ServerAtImport) -> LoadError:
    """The `server_at_import` LoadError for the app `spec` (module:attr)."""
    module = spec.strip().partition(":")[0]
    note = f" {exc.note}" if exc.note else ""
    return LoadError(
        "server_at_import",
        f"{module!r} {exc.action} at import ({exc.where}){note}: it would serve on its own; "
        'put that call under `if __name__ == "__main__":` so wsroutes can import the app and serve it',
    )


def _django_settings(what: str, exc: BaseException) -> LoadError | None:
    """A LoadError naming the settings problem, or None when `exc` is not one."""
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE")
    name = type(exc).__name__
    if isinstance(exc, ModuleNotFoundError):
        missing = exc.name or ""
        if not settings_module or not missing or not (settings_module + ".").startswith(missing + "."):
            return None
        return LoadError(
            "django_settings",
            f"{what} needs Django settings, but DJANGO_SETTINGS_MODULE={settings_module} cannot be imported "
            f"(no module named {missing!r}): run from the project folder or pass --app-dir",
            traceback.format_exc(),
        )
    if name not in ("ImproperlyConfigured", "AppRegistryNotReady") or not type(exc).__module__.startswith("django."):
        return None
    if not settings_module:
        state = "is not set" if settings_module is None else "is empty"
        return LoadError(
            "django_settings",
            f"{what} needs Django settings, but DJANGO_SETTINGS_MODULE {state} ({name}: {_first_line(exc)}): "
            "set it (DJANGO_SETTINGS_MODULE=yourproject.settings) or have the module call "
            'os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...) before get_asgi_application(), as asgi.py does',
            traceback.format_exc(),
        )
    return LoadError(
        "django_settings",
        f"{what} failed on its Django settings (DJANGO_SETTINGS_MODULE={settings_module}): {name}: {_first_line(exc)}",
        traceback.format_exc(),
    )


def _first_line(exc: BaseException) -> str:
    """The first sentence of the message (Django's go on to explain DJANGO_SETTINGS_MODULE)."""
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line.split(". ", 1)[0].rstrip(".")


def _import_module(module: str, app_dir: str) -> Any:
    what = f"importing {module!r}"
    try:
        return importlib.import_module(module)
    except ServerAtImport as exc:
        raise server_at_import_error(module, exc) from None
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise LoadError("module_not_found", f"no module named {module!r} in {app_dir}") from None
        raise _django_settings(what, exc) or LoadError(
            "import_error", f"{what} failed: {exc}", traceback.format_exc()
        ) from None
    except ImportError as exc:
        raise LoadError("import_error", f"{what} failed: {exc}", traceback.format_exc()) from None
    except BaseException as exc:  # the module raised on import (SystemExit included)
        raise _django_settings(what, exc) or LoadError(
            "import_exception",
            f"{what} raised {type(exc).__name__}: {exc}",
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
        except ServerAtImport as exc:
            raise server_at_import_error(spec, exc) from None
        except BaseException as exc:
            raise _django_settings(f"calling {spec!r}", exc) or LoadError(
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
