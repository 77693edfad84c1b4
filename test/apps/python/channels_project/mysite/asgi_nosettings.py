"""mysite/asgi.py with the `os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` line forgotten:
importing it fails unless DJANGO_SETTINGS_MODULE is set in the environment."""

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()

from chat.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": AuthMiddlewareStack(URLRouter(websocket_urlpatterns))})
