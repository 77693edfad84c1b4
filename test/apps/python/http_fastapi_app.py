"""FastAPI test app for wsroutes' HTTP routes (`--http`), written as FastAPI's tutorial writes
an items API: path and query parameters, a pydantic request body, and a WebSocket echo beside.

route                    bug                                            expected verdict
GET  /items/{item_id}    100 // item_id: item_id 0 divides by zero      server_error (500, ZeroDivisionError), item_id 0
POST /items/             the name's first letter: an empty name crashes server_error (500, IndexError), name ""
GET  /items/             - (optional query params q and limit)          passed
GET  /users/{user_id}    - (APIRouter prefix /users; user_id: int)      passed
WS   /ws/echo            -                                              passed
"""

from __future__ import annotations

from typing import Union

from fastapi import APIRouter, FastAPI, HTTPException, WebSocket, WebSocketDisconnect
from pydantic import BaseModel

app = FastAPI(title="Items")
users = APIRouter(prefix="/users", tags=["users"])


class Item(BaseModel):
    name: str
    description: Union[str, None] = None
    price: float
    tax: Union[float, None] = None


class ItemOut(BaseModel):
    id: int
    name: str
    initial: str
    price: float


FAKE_ITEMS = [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]


@app.get("/items/{item_id}")
async def read_item(item_id: int) -> dict[str, int]:
    # Items are priced in shares of 100.
    return {"item_id": item_id, "share": 100 // item_id}


@app.post("/items/")
async def create_item(item: Item) -> ItemOut:
    return ItemOut(id=len(FAKE_ITEMS) + 1, name=item.name, initial=item.name[0].upper(), price=item.price)


@app.get("/items/")
async def list_items(q: Union[str, None] = None, limit: int = 10) -> dict[str, object]:
    items = [item for item in FAKE_ITEMS if q is None or q.lower() in item["item_name"].lower()]
    return {"items": items[: max(limit, 0)], "q": q}


@users.get("/{user_id}")
async def read_user(user_id: int) -> dict[str, object]:
    if user_id < 0:
        raise HTTPException(status_code=404, detail="User not found")
    return {"user_id": user_id, "name": f"user{user_id}"}


app.include_router(users)


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is not None:
                await websocket.send_text(text)
            else:
                await websocket.send_bytes(message.get("bytes") or b"")
    except WebSocketDisconnect:
        return
