"""wsroutes' Python bridge: serves a user's ASGI app with uvicorn on 127.0.0.1, reports its
WebSocket routes, and ties each traceback the app raises to the connection that caused it.

Run as `python -m wsroutes_bridge --app module:attr [--app-dir DIR]`; see `protocol.py` for the
JSON lines it prints on stdout. It imports only the standard library, uvicorn and the user's app.

Reads: the app object (`load_app.py`, which also refuses a module that starts uvicorn at import,
`server_at_import.py`, and names missing Django settings), then, through any ASGI middleware
around it, the routing of Litestar, FastAPI, Starlette, Falcon, Quart or Django Channels
(`discover/<framework>.py`, one per framework), reported as `{name:type}` templates
(`discover/_template.py`).
"""

PROTOCOL_VERSION = 1
