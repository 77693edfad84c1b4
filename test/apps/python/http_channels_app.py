"""Django Channels test app for wsroutes' HTTP routes (`--http`), in one file as Django's
"single-file application" pattern writes it: settings.configure(), the URLconf in this module,
Django's ASGI handler as the `"http"` entry of a ProtocolTypeRouter, a consumer as `"websocket"`.

route                              bug                                          expected verdict
GET  /                             -                                            passed
GET  /articles/{year:int}/         datetime.date(year, 1, 1): year 0 and years  server_error (500, ValueError: year 0 is
                                   past 9999 are out of range                   out of range)
GET  /notes/{note_id:int}/         - (class-based view, 404 when missing)       passed
PUT  /notes/{note_id:int}/         - (class-based view)                         passed
WS   /ws/echo/                     -                                            passed
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="wsroutes-single-file-app",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={},
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
)
django.setup()

from channels.generic.websocket import WebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.core.asgi import get_asgi_application  # noqa: E402
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views import View  # noqa: E402

NOTES = {1: "buy milk"}


def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello from Django")


def year_archive(request: HttpRequest, year: int) -> JsonResponse:
    first_day = datetime.date(year, 1, 1)
    return JsonResponse({"year": year, "weekday": first_day.strftime("%A")})


class NoteView(View):
    def get(self, request: HttpRequest, note_id: int) -> JsonResponse:
        if note_id not in NOTES:
            raise Http404("no such note")
        return JsonResponse({"id": note_id, "text": NOTES[note_id]})

    def put(self, request: HttpRequest, note_id: int) -> JsonResponse:
        NOTES[note_id] = request.body.decode("utf-8", "replace")
        return JsonResponse({"id": note_id, "text": NOTES[note_id]})


class EchoConsumer(WebsocketConsumer):
    def receive(self, text_data: Any = None, bytes_data: Any = None) -> None:
        if text_data is not None:
            self.send(text_data=json.dumps({"echo": text_data}))


urlpatterns = [
    path("", index),
    path("articles/<int:year>/", year_archive),
    path("notes/<int:note_id>/", NoteView.as_view()),
]

application = ProtocolTypeRouter(
    {
        "http": get_asgi_application(),
        "websocket": URLRouter([path("ws/echo/", EchoConsumer.as_asgi())]),
    }
)
