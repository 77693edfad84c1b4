"""Serves the wrapped app with uvicorn on a socket bound here, 127.0.0.1 port 0 (no race for a
port), and calls `on_ready(port)` once lifespan startup is done and the socket is listening."""

from __future__ import annotations

import inspect
import socket
from typing import Any, Callable


def bind_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def make_config(uvicorn: Any, app: Any) -> Any:
    """A uvicorn Config for the wrapped app; options an older uvicorn lacks are left out."""
    wanted = {
        "app": app,
        "lifespan": "auto",
        "ws": "auto",  # websockets (sans-I/O) when installed, else wsproto, as uvicorn itself picks
        "log_level": "warning",
        "access_log": False,
        # scope["client"] must stay the real peer: it is how traces find their connection.
        "proxy_headers": False,
        "timeout_graceful_shutdown": 1,
        "server_header": False,
    }
    accepted = inspect.signature(uvicorn.Config.__init__).parameters
    return uvicorn.Config(**{k: v for k, v in wanted.items() if k in accepted})


def serve(uvicorn: Any, config: Any, sock: socket.socket, on_ready: Callable[[int], None]) -> None:
    port = int(sock.getsockname()[1])

    class BridgeServer(uvicorn.Server):  # type: ignore[misc]
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:
                on_ready(port)

    BridgeServer(config).run(sockets=[sock])
