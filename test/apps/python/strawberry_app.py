"""Strawberry on FastAPI, as Strawberry's FastAPI docs write it: a schema of Query and
Subscription served by `GraphQLRouter`, included with a prefix.

route            what it serves                                           expected verdict
/graphql         Query + Subscription; `message(id)` and `countdown`      no failure of the app: a resolver that raises
                 raise for bad input, which Strawberry answers as a       is answered as a GraphQL error (`next` with
                 GraphQL error (and logs)                                 `errors`, or `error`) and is no failure
/chat/graphql    the same schema behind a router whose `on_ws_connect`    server_error: an AttributeError escapes the
                 greets the client by the `name` in its connection_init   ASGI app (Strawberry turns only KeyError and
                 payload, taking it for a string (the planted bug)        ConnectionRejectionError into a close) and the
                                                                          connection drops

Strawberry itself (0.341) lets a frame that is JSON but not an object (`null`, `[]`, `0`), or a
`subscribe` whose payload is not an object, escape its handler as a TypeError: wsroutes finds
that on both routes, as it should.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry
from fastapi import FastAPI
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter

MESSAGES = {1: "hello", 2: "bonjour", 3: "hallo"}


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "Hello World"

    @strawberry.field
    def message(self, id: int = 1) -> str:
        if id not in MESSAGES:
            raise LookupError(f"no message {id}")
        return MESSAGES[id]

    @strawberry.field
    def messages(self) -> list[str]:
        return list(MESSAGES.values())


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def count(self, target: int = 3) -> AsyncGenerator[int, None]:
        for i in range(min(target, 10)):
            yield i
            await asyncio.sleep(0.01)

    @strawberry.subscription
    async def countdown(self, start: int = 3) -> AsyncGenerator[int, None]:
        if start < 0:
            raise ValueError("countdown cannot start below zero")
        for i in range(min(start, 10), -1, -1):
            yield i
            await asyncio.sleep(0.01)


schema = strawberry.Schema(query=Query, subscription=Subscription)


class ChatGraphQLRouter(GraphQLRouter):
    async def on_ws_connect(self, context: dict[str, object]) -> dict[str, object] | None:
        connection_params = context["connection_params"]
        if not isinstance(connection_params, dict):
            raise ConnectionRejectionError()
        # BUG: the name is assumed to be a string; null, a number, a list or an object raises AttributeError.
        name = connection_params.get("name", "stranger")
        return {"message": f"Hello, {name.title()}!"}


graphql_app = GraphQLRouter(schema)
chat_app = ChatGraphQLRouter(schema)

app = FastAPI()
app.include_router(graphql_app, prefix="/graphql")
app.include_router(chat_app, prefix="/chat/graphql")
