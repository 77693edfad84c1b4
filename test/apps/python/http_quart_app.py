"""Quart test app for wsroutes' HTTP routes (`--http`), written as Quart's docs write a small
JSON API: `@app.get` / `@app.post` rules with Werkzeug converters, a Blueprint, a websocket.

route                              bug                                          expected verdict
GET  /todos/<int:todo_id>          - (404 for an unknown todo)                  passed
POST /todos                        - (400 without a title)                      passed
GET  /api/greet/<name>             the greeting is sent as ASCII bytes: a name  server_error (500, UnicodeEncodeError)
                                   with an accent raises
WS   /ws                           -                                            passed
"""

from __future__ import annotations

from quart import Blueprint, Quart, abort, request, websocket

app = Quart(__name__)
api = Blueprint("api", __name__, url_prefix="/api")

TODOS = {1: {"id": 1, "title": "Write docs", "done": False}}


@app.get("/todos/<int:todo_id>")
async def get_todo(todo_id: int) -> dict[str, object]:
    if todo_id not in TODOS:
        abort(404)
    return TODOS[todo_id]


@app.post("/todos")
async def create_todo() -> tuple[dict[str, object], int]:
    data = await request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        abort(400)
    todo = {"id": max(TODOS) + 1, "title": data["title"], "done": False}
    TODOS[todo["id"]] = todo
    return todo, 201


@api.get("/greet/<name>")
async def greet(name: str) -> bytes:
    return f"Hello, {name}!".encode("ascii")


@app.websocket("/ws")
async def ws() -> None:
    while True:
        await websocket.send(await websocket.receive())


app.register_blueprint(api)
