"""Starlette test app for wsroutes' HTTP routes (`--http`), written as Starlette's docs write
routing: `Route`s with path convertors, a `Mount`, a class-based `HTTPEndpoint`, and a WebSocket
route beside. Starlette declares no schemas, so only paths, methods and convertors are known.

route                                       bug                               expected verdict
GET  /                                      -                                 passed
GET  /users/{username}                      -                                 passed
GET  /api/orders/{order_id:int}             -                                 passed
PUT  /api/orders/{order_id:int}             - (HTTPEndpoint: get and put)     passed
GET  /api/split/{amount:float}/{parts:int}  the bill split in `parts`         server_error (500, ZeroDivisionError)
                                            shares: 0 parts divides by zero   with parts 0
WS   /ws                                    -                                 passed
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect


async def homepage(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello, world!")


async def user_me(request: Request) -> PlainTextResponse:
    username = request.path_params["username"]
    return PlainTextResponse(f"Hello, {username}!")


class Order(HTTPEndpoint):
    async def get(self, request: Request) -> JSONResponse:
        return JSONResponse({"order_id": request.path_params["order_id"], "status": "open"})

    async def put(self, request: Request) -> JSONResponse:
        return JSONResponse({"order_id": request.path_params["order_id"], "status": "updated"})


async def split_bill(request: Request) -> JSONResponse:
    amount: float = request.path_params["amount"]
    parts: int = request.path_params["parts"]
    return JSONResponse({"amount": amount, "parts": parts, "share": round(amount / parts, 2)})


async def websocket_endpoint(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except WebSocketDisconnect:
        return


routes = [
    Route("/", homepage),
    Route("/users/{username}", user_me),
    Mount(
        "/api",
        routes=[
            Route("/orders/{order_id:int}", Order),
            Route("/split/{amount:float}/{parts:int}", split_bill),
        ],
    ),
    WebSocketRoute("/ws", websocket_endpoint),
]

app = Starlette(routes=routes)
