"""Django Channels: the `"websocket"` entry of a `ProtocolTypeRouter` (or a bare `URLRouter`),
through whatever wraps it (`AllowedHostsOriginValidator`, `AuthMiddlewareStack`, middleware of
the app's own: see `wrapped_apps`), and each `URLRouter`'s `path()` / `re_path()` entries,
nested routers included. `path()` converters (`<int:room>`, `<slug:s>`, `<uuid:u>`,
`<path:p>`, registered ones) and `re_path()` named groups (`(?P<room_name>\\w+)`) become
`{name:type}`, the type checked against the converter's or group's regex. A route is checked
by matching its own pattern against a filled-in sample path; a regex that is more than
literals and groups (an alternation, a class outside a group) cannot be written as a template
and is left out.
Exceptions propagate out of Channels consumers, so no hook is needed; `DenyConnection` and
`StopConsumer` are the consumer's own refusal and end."""

from __future__ import annotations

from typing import Any, Iterator, List, Optional, Tuple

from ..traces import TraceRecorder
from ._classes import defined_in
from ._template import (
    SAMPLES,
    Route,
    accepts,
    angle_placeholders,
    regex_template,
    type_from_name,
    type_from_pattern,
    websocket_route,
)

NAME = "channels"

Params = List[Tuple[str, str]]


def matches(app: Any) -> bool:
    return defined_in(app, "channels.routing", "ProtocolTypeRouter") or _is_router(app)


def _is_router(obj: Any) -> bool:
    return defined_in(obj, "channels.routing", "URLRouter")


def _router_in(app: Any) -> Optional[Any]:
    """The first URLRouter `app` is or wraps."""
    from . import wrapped_apps

    return next((obj for obj in wrapped_apps(app) if _is_router(obj)), None)


def routes(app: Any) -> List[Route]:
    if not _is_router(app):
        mapping = getattr(app, "application_mapping", None) or {}
        app = mapping.get("websocket")
        if app is None:
            return []
    router = _router_in(app)
    if router is None:  # one consumer for every path: no route to name
        return []
    return [websocket_route("/" + path, params) for path, params in _walk(router, "", [])]


def _walk(router: Any, prefix: str, outer: Params) -> Iterator[Tuple[str, Params]]:
    for entry in getattr(router, "routes", None) or []:
        segment = _segment(entry.pattern)
        if segment is None:
            continue
        path, params = prefix + segment[0], outer + segment[1]
        nested = _router_in(entry.callback) if entry.callback is not None else None
        if nested is not None:
            yield from _walk(nested, path, params)
        else:
            yield path, params


def _segment(pattern: Any) -> Optional[Tuple[str, Params]]:
    """A `path()` / `re_path()` pattern as (brace template, params), or None."""
    from django.urls.resolvers import RegexPattern, RoutePattern

    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        template, found = angle_placeholders(text)
        converters = getattr(pattern, "converters", None) or {}
        params = [
            (
                name,
                # Django's converter names (`str`, `slug` and unknown ones are strings), narrowed by the regex.
                type_from_pattern(getattr(converters.get(name), "regex", None), type_from_name(conv)),
            )
            for name, conv in found
        ]
    elif isinstance(pattern, RegexPattern):
        parsed = regex_template(text)
        if parsed is None:
            return None
        template, groups = parsed
        # A group that takes slashes too (`.+`) is a path.
        params = [(name, "path" if accepts(body, "path") else type_from_pattern(body, "str")) for name, body in groups]
    else:
        return None
    return (template, params) if _reachable(pattern, template, params) else None


def _reachable(pattern: Any, template: str, params: Params) -> bool:
    """Whether the pattern matches the template filled with a value of each param's type."""
    from ._template import fill

    try:
        return bool(pattern.match(fill(template, {n: SAMPLES[t][-1] for n, t in params})))
    except Exception:
        return False


def deliberate(exc: BaseException) -> bool:
    from channels.exceptions import AcceptConnection, DenyConnection, StopConsumer

    return isinstance(exc, (AcceptConnection, DenyConnection, StopConsumer))


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    return None
