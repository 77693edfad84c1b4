"""The HTTP part of the `ready` event (`--http`): the framework's OpenAPI document where it
makes one (FastAPI, Litestar), and the HTTP routes it has, minus those the document already
names (what is left: a mounted sub-app, or everything when there is no document).

Nothing here stops the bridge: a framework release we do not know, a document that cannot be
built or is not JSON, becomes a warning and the WebSocket routes are served all the same."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any, Dict, List, Optional, Set, Tuple

from .discover._http import HttpRoute, untyped


def http_fields(adapter: Optional[ModuleType], app: Any, warnings: List[str]) -> Dict[str, Any]:
    """`{"http_routes": [...], "openapi"?: {...}}` for the ready event."""
    if adapter is None:
        return {"http_routes": []}
    name = str(getattr(adapter, "NAME", "app"))
    fields: Dict[str, Any] = {}
    doc = _openapi(adapter, app, name, warnings)
    if doc is not None:
        fields["openapi"] = doc
    routes: List[HttpRoute] = []
    list_routes = getattr(adapter, "http_routes", None)
    if callable(list_routes):
        try:
            routes = list(list_routes(app))
        except Exception as exc:
            warnings.append(f"{name} HTTP route discovery failed: {type(exc).__name__}: {exc}")
    fields["http_routes"] = _not_in(routes, doc) if doc is not None else routes
    return fields


def _openapi(adapter: ModuleType, app: Any, name: str, warnings: List[str]) -> Optional[Dict[str, Any]]:
    build = getattr(adapter, "openapi", None)
    if not callable(build):
        return None
    try:
        doc = build(app)
        if not doc:
            return None
        # What leaves the bridge is JSON: a document that is not (a default the encoder does
        # not know) is refused here, not turned into strings on the way out.
        parsed: Dict[str, Any] = json.loads(json.dumps(doc, allow_nan=False))
        return parsed
    except Exception as exc:
        warnings.append(f"{name} OpenAPI document not built: {type(exc).__name__}: {exc}")
        return None


def _not_in(routes: List[HttpRoute], doc: Dict[str, Any]) -> List[HttpRoute]:
    named: Set[Tuple[str, str]] = set()
    paths = doc.get("paths")
    for path, item in (paths if isinstance(paths, dict) else {}).items():
        if isinstance(item, dict):
            named.update((str(method).upper(), untyped(str(path))) for method in item)
    return [r for r in routes if (r["method"], untyped(r["path"])) not in named]
