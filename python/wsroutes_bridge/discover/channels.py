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
`StopConsumer` are the consumer's own refusal and end.
HTTP routes (`http_routes`) come from the `"http"` entry: Django's URLconf behind its ASGI
handler, which answers a view's exception with a 500 and logs it (`django.request`, ERROR with
exc_info): the bridge's log handler reports it."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

from ..traces import TraceRecorder
from ._classes import defined_in
from ._http import METHODS, HttpRoute, class_view_methods, http_routes_of
from ._template import (
    SAMPLES,
    Route,
    accepts,
    angle_placeholders,
    pattern_sample,
    regex_template,
    type_from_name,
    type_from_pattern,
    websocket_route,
)

NAME = "channels"

Params = List[Tuple[str, str]]
# The regex of each param narrower than its type, by name.
Patterns = Dict[str, str]


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
    return [websocket_route("/" + path, params, patterns) for path, params, patterns in _walk(router, "", [], {})]


def _walk(router: Any, prefix: str, outer: Params, outer_patterns: Patterns) -> Iterator[Tuple[str, Params, Patterns]]:
    for entry in getattr(router, "routes", None) or []:
        segment = _segment(entry.pattern)
        if segment is None:
            continue
        path, params, patterns = prefix + segment[0], outer + segment[1], {**outer_patterns, **segment[2]}
        nested = _router_in(entry.callback) if entry.callback is not None else None
        if nested is not None:
            yield from _walk(nested, path, params, patterns)
        else:
            yield path, params, patterns


def _segment(pattern: Any) -> Optional[Tuple[str, Params, Patterns]]:
    """A `path()` / `re_path()` pattern as (brace template, params, the regexes of params narrower
    than their type), or None. Params are typed as before (narrowed by their regex, which HTTP
    routes use); a WebSocket route draws a patterned param's values from its regex instead."""
    from django.urls.resolvers import RegexPattern, RoutePattern

    text = str(pattern)
    regexes: Dict[str, Optional[str]] = {}
    if isinstance(pattern, RoutePattern):
        template, found = angle_placeholders(text)
        converters = getattr(pattern, "converters", None) or {}
        params = []
        for name, conv in found:
            regexes[name] = getattr(converters.get(name), "regex", None)
            # Django's converter names (`str`, `slug` and unknown ones are strings), narrowed by the regex.
            params.append((name, type_from_pattern(regexes[name], type_from_name(conv))))
        declared = {name: type_from_name(conv) for name, conv in found}
    elif isinstance(pattern, RegexPattern):
        parsed = regex_template(text)
        if parsed is None:
            return None
        template, groups = parsed
        regexes = dict(groups)
        # A group that takes slashes too (`.+`) is a path.
        params = [(name, "path" if accepts(body, "path") else type_from_pattern(body, "str")) for name, body in groups]
        declared = {name: "path" if accepts(body, "path") else "str" for name, body in groups}
    else:
        return None
    if not _reachable(pattern, template, {n: SAMPLES[t][-1] for n, t in params}):
        return None
    # A regex of words narrower than the declared type (`\w+` rejects a space, a slug an accent):
    # values come from it. One of digits alone (`[0-9]+`) keeps its narrowed type, int.
    narrow = {n: r for n, r in regexes.items() if r and not accepts(r, declared[n]) and _takes_words(r)}
    samples = {n: pattern_sample(narrow[n]) or "" if n in narrow else SAMPLES[t][-1] for n, t in params}
    return template, params, (narrow if narrow and _reachable(pattern, template, samples) else {})


def _takes_words(regex: str) -> bool:
    """Whether the regex takes a word of letters (and so more than any narrower type gives)."""
    try:
        return re.fullmatch(regex, "a") is not None or re.fullmatch(regex, "room") is not None
    except re.error:
        return False


def _reachable(pattern: Any, template: str, values: Dict[str, str]) -> bool:
    """Whether the pattern matches the template filled with these values."""
    from ._template import fill

    try:
        return bool(pattern.match(fill(template, values)))
    except Exception:
        return False


def deliberate(exc: BaseException) -> bool:
    from channels.exceptions import AcceptConnection, DenyConnection, StopConsumer

    return isinstance(exc, (AcceptConnection, DenyConnection, StopConsumer))


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    return None


def http_routes(app: Any) -> List[HttpRoute]:
    """The `"http"` entry's routes: Django's own URLconf when it is Django's ASGI handler
    (`get_asgi_application()`, through any middleware), else a `URLRouter` of HTTP consumers.
    A class-based view answers the methods it defines (within its `http_method_names`), a
    function view those of its `require_http_methods` (`require_GET`, ...), else GET."""
    from . import wrapped_apps

    if _is_router(app):
        return []  # a bare URLRouter is the websocket side
    entry = (getattr(app, "application_mapping", None) or {}).get("http")
    if entry is None:
        return []
    if any(defined_in(obj, "django.core.handlers.asgi", "ASGIHandler") for obj in wrapped_apps(entry)):
        from django.urls import get_resolver

        return django_http_routes(get_resolver().url_patterns)
    router = _router_in(entry)
    if router is None:
        return []
    return [r for path, params, _ in _walk(router, "", [], {}) for r in http_routes_of("/" + path, params, ["GET"])]


def django_http_routes(patterns: Any, prefix: str = "", outer: Optional[Params] = None) -> List[HttpRoute]:
    """A Django URLconf's `path()` / `re_path()` / `include()` entries as HTTP routes."""
    found: List[HttpRoute] = []
    for entry in patterns or []:
        segment = _segment(entry.pattern)
        if segment is None:
            continue
        path, params = prefix + segment[0], (outer or []) + segment[1]
        nested = getattr(entry, "url_patterns", None) if hasattr(entry, "urlconf_name") else None
        if nested is not None:
            found.extend(django_http_routes(nested, path, params))
            continue
        callback = getattr(entry, "callback", None)
        found.extend(http_routes_of("/" + path, params, _view_methods(callback), getattr(callback, "__name__", None)))
    return found


def _view_methods(view: Any) -> List[str]:
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        allowed = [m for m in METHODS if m.lower() in (getattr(view_class, "http_method_names", None) or [])]
        return class_view_methods(view_class, allowed) or ["GET"]
    seen = 0
    while view is not None and seen < 8:  # through functools.wraps chains of decorators
        code = getattr(view, "__code__", None)
        for name, cell in zip(getattr(code, "co_freevars", ()), getattr(view, "__closure__", None) or ()):
            if name == "request_method_list":
                try:
                    return [str(m) for m in cell.cell_contents]
                except ValueError:
                    break
        view, seen = getattr(view, "__wrapped__", None), seen + 1
    return ["GET"]


def handlers(app: Any) -> List[Tuple[str, Any]]:
    """(template, consumer class) of each route, for literal mining (literals.py)."""
    if not _is_router(app):
        app = (getattr(app, "application_mapping", None) or {}).get("websocket")
    router = _router_in(app) if app is not None else None
    return [] if router is None else list(_consumers(router, "/"))


def _consumers(router: Any, prefix: str) -> Iterator[Tuple[str, Any]]:
    for entry in getattr(router, "routes", None) or []:
        segment = _segment(entry.pattern)
        if segment is None or entry.callback is None:
            continue
        nested = _router_in(entry.callback)
        if nested is not None:
            yield from _consumers(nested, prefix + segment[0])
        else:
            yield prefix + segment[0], getattr(entry.callback, "consumer_class", entry.callback)
