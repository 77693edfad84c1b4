"""wsroutes' Python bridge: serves a user's ASGI app with uvicorn on 127.0.0.1, reports its
WebSocket routes, and ties each traceback the app raises to the connection that caused it.

Run as `python -m wsroutes_bridge --app module:attr [--app-dir DIR]`; see `protocol.py` for the
JSON lines it prints on stdout. It imports only the standard library, uvicorn and the user's app.
"""

PROTOCOL_VERSION = 1
