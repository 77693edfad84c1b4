"""Django Channels' HTTP side (`--http`): Django's URLconf behind the `"http"` entry's ASGI
handler (path converters, re_path groups, include(), class-based and decorated views), and a
URLRouter of HTTP consumers."""

from __future__ import annotations

import sys
import types
import unittest
from typing import Any, ClassVar

import support

from wsroutes_bridge.discover import channels as adapter
from wsroutes_bridge.discover import find_adapter

PROJECT = str(support.APPS / "channels_project")
if PROJECT not in sys.path:
    sys.path.insert(0, PROJECT)

import mysite.asgi  # noqa: E402  (sets DJANGO_SETTINGS_MODULE and runs django.setup())


def listed(routes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["method"], r["path"]) for r in routes]


def urlconf() -> types.ModuleType:
    """A URLconf as Django's tutorial writes one (polls), with a class-based view and an API include."""
    from django.http import HttpResponse
    from django.urls import include, path, re_path
    from django.views import View
    from django.views.decorators.http import require_http_methods, require_POST

    def index(request: Any) -> HttpResponse:
        return HttpResponse("polls")

    @require_http_methods(["GET", "POST"])
    def vote(request: Any, question_id: int) -> HttpResponse:
        return HttpResponse(str(question_id))

    @require_POST
    def archive(request: Any, year: str) -> HttpResponse:
        return HttpResponse(year)

    class Results(View):
        http_method_names: ClassVar[list[str]] = ["get", "put", "options"]

        def get(self, request: Any, question_id: int) -> HttpResponse:
            return HttpResponse("results")

        def put(self, request: Any, question_id: int) -> HttpResponse:
            return HttpResponse("updated")

        def delete(self, request: Any, question_id: int) -> HttpResponse:  # not in http_method_names
            return HttpResponse("gone")

    module = types.ModuleType("wsroutes_test_polls_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("", index),
        path(
            "polls/",
            include(
                [
                    path("<int:question_id>/vote/", vote),
                    path("<int:question_id>/results/", Results.as_view()),
                    re_path(r"^archive/(?P<year>[0-9]+)/$", archive),
                ]
            ),
        ),
    ]
    return module


class DjangoUrlconfTest(unittest.TestCase):
    def test_views_methods_and_templates(self) -> None:
        self.assertEqual(
            listed(adapter.django_http_routes(urlconf().urlpatterns)),  # type: ignore[attr-defined]
            [
                ("GET", "/"),
                ("GET", "/polls/{question_id:int}/vote/"),
                ("POST", "/polls/{question_id:int}/vote/"),
                ("GET", "/polls/{question_id:int}/results/"),
                ("PUT", "/polls/{question_id:int}/results/"),
                ("POST", "/polls/archive/{year:int}/"),
            ],
        )

    def test_the_http_entry_of_the_tutorial_project(self) -> None:
        """get_asgi_application() behind the ProtocolTypeRouter: Django's ROOT_URLCONF."""
        from django.test.utils import override_settings

        name, inner = find_adapter(mysite.asgi.application)
        self.assertEqual(name.NAME if name else None, "channels")
        self.assertEqual(adapter.http_routes(inner), [])  # the project's urlpatterns are empty
        module = urlconf()
        sys.modules[module.__name__] = module
        try:
            with override_settings(ROOT_URLCONF=module.__name__):
                self.assertEqual(len(adapter.http_routes(inner)), 6)
        finally:
            del sys.modules[module.__name__]

    def test_http_consumers_in_a_url_router(self) -> None:
        from channels.generic.http import AsyncHttpConsumer
        from channels.routing import ProtocolTypeRouter, URLRouter
        from django.urls import path

        class Report(AsyncHttpConsumer):
            async def handle(self, body: bytes) -> None:
                await self.send_response(200, b"ok")

        app = ProtocolTypeRouter({"http": URLRouter([path("reports/<uuid:report_id>/", Report.as_asgi())])})
        self.assertEqual(listed(adapter.http_routes(app)), [("GET", "/reports/{report_id:uuid}/")])
        self.assertEqual(adapter.http_routes(ProtocolTypeRouter({})), [])
