"""Ariadne on Starlette, as Ariadne's docs write it: a schema-first schema (`gql` type defs,
`QueryType`, `SubscriptionType` with a source and a resolver), served by `ariadne.asgi.GraphQL`
mounted in Starlette.

route            what it serves                                           expected verdict
/graphql/        GraphQLTransportWSHandler: Query + Subscription;         no failure of the app: a resolver or source
                 `message(id)` and `countdown(start)` raise for bad input, that raises is answered as a GraphQL error
                 which Ariadne answers as a GraphQL error (and logs)      (`next` with `errors`, or `error`)
/legacy/         the same schema on the legacy GraphQLWSHandler           the same, in the graphql-ws subprotocol
                 (subscriptions-transport-ws)
/admin/graphql/  the same schema, whose context_value reads the           server_error: an AttributeError escapes the
                 operation name with `data.get("operationName",          ASGI app on a `subscribe` whose operationName
                 "anonymous").lower()` (the planted bug: a client may     is null, and the connection drops
                 send `"operationName": null`, which `.get` returns)

Ariadne itself (1.1) lets a frame that is JSON but not an object (`null`, `[]`, `0`), text that is
not JSON, or a `subscribe` whose payload is not a valid operation escape its handler: wsroutes
finds that on every route, as it should.
"""

from __future__ import annotations

import asyncio

from ariadne import QueryType, SubscriptionType, gql, make_executable_schema
from ariadne.asgi import GraphQL
from ariadne.asgi.handlers import GraphQLTransportWSHandler, GraphQLWSHandler
from starlette.applications import Starlette
from starlette.routing import Mount

type_defs = gql(
    """
    type Query {
        hello: String!
        message(id: Int): String!
        messages: [String!]!
    }

    type Subscription {
        count(target: Int): Int!
        countdown(start: Int): Int!
    }
    """
)

MESSAGES = {1: "hello", 2: "bonjour", 3: "hallo"}

query = QueryType()


@query.field("hello")
def resolve_hello(*_):
    return "Hello World"


@query.field("message")
def resolve_message(*_, id=1):
    if id not in MESSAGES:
        raise LookupError(f"no message {id}")
    return MESSAGES[id]


@query.field("messages")
def resolve_messages(*_):
    return list(MESSAGES.values())


subscription = SubscriptionType()


@subscription.source("count")
async def count_generator(obj, info, target=3):
    for i in range(min(target or 0, 10)):
        yield i
        await asyncio.sleep(0.01)


@subscription.field("count")
def count_resolver(count, info, target=3):
    return count


@subscription.source("countdown")
async def countdown_generator(obj, info, start=3):
    if start < 0:
        raise ValueError("countdown cannot start below zero")
    for i in range(min(start, 10), -1, -1):
        yield i
        await asyncio.sleep(0.01)


@subscription.field("countdown")
def countdown_resolver(count, info, start=3):
    return count


schema = make_executable_schema(type_defs, query, subscription)


def get_context_value(request, data):
    # BUG: `.get` returns None for an explicit `"operationName": null`, and None has no `.lower()`.
    return {"request": request, "operation": data.get("operationName", "anonymous").lower()}


app = Starlette(
    routes=[
        Mount("/graphql/", GraphQL(schema, websocket_handler=GraphQLTransportWSHandler())),
        Mount("/legacy/", GraphQL(schema, websocket_handler=GraphQLWSHandler())),
        Mount(
            "/admin/graphql/",
            GraphQL(schema, context_value=get_context_value, websocket_handler=GraphQLTransportWSHandler()),
        ),
    ]
)
