from django.urls import path, re_path

from channels.routing import URLRouter

from . import consumers

api_urlpatterns = [
    path("notes/<slug:topic>/", consumers.NotesConsumer.as_asgi()),
]

websocket_urlpatterns = [
    re_path(r"ws/chat/(?P<room_name>\w+)/$", consumers.ChatConsumer.as_asgi()),
    path("ws/rooms/<int:room_id>/", consumers.RoomConsumer.as_asgi()),
    path("ws/api/", URLRouter(api_urlpatterns)),
]
