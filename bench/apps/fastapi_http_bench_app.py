"""FastAPI app with correct HTTP routes only, for `bench/http.ts`: wsroutes `--http` beside
pytest-routes `--routes`, both testing every route of it with default settings."""

from __future__ import annotations

from typing import Union

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="bench")


class Item(BaseModel):
    name: str
    price: float
    tags: Union[list[str], None] = None


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: Union[str, None] = None) -> dict[str, object]:
    return {"item_id": item_id, "q": q}


@app.get("/items/")
async def list_items(limit: int = 10, offset: int = 0) -> dict[str, int]:
    return {"limit": limit, "offset": offset}


@app.post("/items/")
async def create_item(item: Item) -> Item:
    return item


@app.get("/health")
async def health() -> dict[str, bool]:
    return {"ok": True}
