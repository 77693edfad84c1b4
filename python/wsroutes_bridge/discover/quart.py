"""Quart: the `@app.websocket` / `@blueprint.websocket` rules of `app.url_map` (blueprint
prefixes already applied), in Werkzeug's rule syntax: `<name>`, `<int:name>`, `<path:name>`,
`<uuid:name>`, `<float:name>`, `<string(length=2):name>`. A param's type is its converter's,
checked against the converter's regex (`_template.type_from_pattern`).
Quart catches a handler's exception itself (logs it, answers 500 before accept or closes), so
its public `got_websocket_exception` signal reports it (`got_request_exception` an HTTP
handler's, answered 500); `abort(4xx)` is a deliberate refusal.

Uvicorn leaves the `text` key out of a binary message (the ASGI spec allows it: missing means
None), and Quart reads `event["text"]` when the bytes are empty, so under uvicorn an empty
binary frame raises KeyError inside Quart whatever the app does; Hypercorn, Quart's own server,
sends both keys. The hook hands Quart both keys, as Hypercorn does, through `app.asgi_app`
(where Quart's docs put ASGI middleware), so that is not reported as the app's bug; the app
then receives None for an empty binary frame, as it does under Hypercorn."""

from __future__ import annotations

from typing import Any, Awaitable, Callable, List, MutableMapping, Optional, Tuple

from ..traces import TraceRecorder
from ._classes import defined_in
from ._http import HttpRoute, http_routes_of
from ._template import Route, angle_placeholders, type_from_name, type_from_pattern, websocket_route

NAME = "quart"


def matches(app: Any) -> bool:
    return defined_in(app, "quart.app", "Quart")


def routes(app: Any) -> List[Route]:
    found: List[Route] = []
    for rule in app.url_map.iter_rules():
        if not getattr(rule, "websocket", False):
            continue
        template, placeholders = angle_placeholders(str(rule.rule))
        params = [(name, _param_type(app, rule, name, conv)) for name, conv in placeholders]
        found.append(websocket_route(template, params))
    return found


def _param_type(app: Any, rule: Any, name: str, converter: Optional[str]) -> str:
    # Werkzeug converter names: `default`/`string` and `any` are strings.
    declared = type_from_name(converter)
    # The rule's own converter instance knows its arguments (`string(length=2)`); else the class.
    instance = (getattr(rule, "_converters", None) or {}).get(name)
    cls = app.url_map.converters.get(converter or "default")
    pattern = getattr(instance, "regex", None) or getattr(cls, "regex", None)
    return type_from_pattern(pattern if isinstance(pattern, str) else None, declared)


def deliberate(exc: BaseException) -> bool:
    from werkzeug.exceptions import HTTPException

    if isinstance(exc, HTTPException):
        return int(getattr(exc, "code", None) or 500) < 500
    return False


def install_hooks(app: Any, recorder: TraceRecorder) -> None:
    from quart.signals import got_websocket_exception

    async def report(sender: Any, exception: BaseException, **extra: Any) -> None:
        recorder.report(exception)

    # Async, so it runs in the handler's context (a sync receiver would run in a thread);
    # weak=False: it lives as long as the app (blinker keeps weak references by default).
    got_websocket_exception.connect(report, app, weak=False)
    _report_request_exceptions(app, recorder)
    app.asgi_app = _with_both_keys(app.asgi_app)


def _report_request_exceptions(app: Any, recorder: TraceRecorder) -> None:
    """An HTTP handler's exception, which Quart answers with a 500: `got_request_exception`."""
    from quart.signals import got_request_exception

    async def report(sender: Any, exception: BaseException, **extra: Any) -> None:
        recorder.report(exception)

    got_request_exception.connect(report, app, weak=False)


def http_routes(app: Any) -> List[HttpRoute]:
    """The HTTP rules of `app.url_map` (blueprints' included), one route per method; the static
    files rule Quart adds itself is left out."""
    found: List[HttpRoute] = []
    for rule in app.url_map.iter_rules():
        if getattr(rule, "websocket", False) or rule.endpoint == "static":
            continue
        template, placeholders = angle_placeholders(str(rule.rule))
        params = [(name, _param_type(app, rule, name, conv)) for name, conv in placeholders]
        found.extend(http_routes_of(template, params, rule.methods or ["GET"], str(rule.endpoint)))
    return found


Message = MutableMapping[str, Any]


def _with_both_keys(asgi_app: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    async def completed(scope: Message, receive: Callable[[], Awaitable[Message]], send: Any) -> None:
        if scope.get("type") != "websocket":
            return await asgi_app(scope, receive, send)

        async def receive_both() -> Message:
            message = await receive()
            if message.get("type") == "websocket.receive":
                message.setdefault("bytes", None)
                message.setdefault("text", None)
            return message

        return await asgi_app(scope, receive_both, send)

    return completed


def handlers(app: Any) -> List[Tuple[str, Any]]:
    """(template, view function) of each WebSocket rule, for literal mining (literals.py)."""
    return [
        (angle_placeholders(str(rule.rule))[0], app.view_functions.get(rule.endpoint))
        for rule in app.url_map.iter_rules()
        if getattr(rule, "websocket", False)
    ]
