"""Falcon (ASGI) app for the Conductor tests: one resource per example of the Falcon testing
guide (sections 4 and 5), written the ordinary Falcon way. test/apps/node/falcon-twin-app.ts
is the same app in Node; test/e2e/conductor-seed.test.ts runs one suite against both.

route                                     behaviour
/chat                                     greets "Welcome to the Chat Room!", then echoes "Server echoes: ..."
/echo                                     echoes "Server echoes: ..."
/reject                                   closes before accept: Falcon answers the handshake with 403
/secure_chat, /secure_ws_endpoint         X-Auth-Token must be "secret-token-123", else HTTPForbidden (403)
/binary_processor                         answers each binary message reversed
/json_echo                                echoes each media (JSON) message
/timed_chat, /error_trigger_ws            "trigger_server_close_event" closes 1000; "trigger_custom_error" closes 4001
/json_processor_ws                        malformed JSON: answers {"error": "Malformed JSON received"} and stays open
/auth_via_message_ws                      the first message must be {"type": "auth", "token": ...}; then actions
/chat_subprotocol                         selects chat.v2, else chat.v1, else no subprotocol
/ws_with_middleware                       sends the attribute a process_request_ws middleware set, then closes
/no_reply_endpoint                        accepts and never answers
/chat_room                                broadcasts every text message to every connected client
"""

from __future__ import annotations

import json

import falcon
import falcon.asgi
from falcon import WebSocketDisconnected
from falcon.asgi import Request, WebSocket

VALID_TOKEN = "secret-token-123"
SESSION_TOKEN = "session-specific-token"
SUPPORTED_SUBPROTOCOLS = ("chat.v2", "chat.v1")  # the server's preference, best first


class WSLoggingMiddleware:
    async def process_request_ws(self, req: Request, ws: WebSocket) -> None:
        req.context.custom_attribute = "set_by_middleware"


async def echo_forever(ws: WebSocket) -> None:
    while True:
        data = await ws.receive_text()
        await ws.send_text(f"Server echoes: {data}")


class Chat:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_text("Welcome to the Chat Room!")
        await echo_forever(ws)


class Echo:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        await echo_forever(ws)


class Reject:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.close()  # before accept: the handshake is answered with 403


class SecureChat:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        if req.get_header("X-Auth-Token") != VALID_TOKEN:
            raise falcon.HTTPForbidden(description="a valid X-Auth-Token is required")
        await ws.accept()
        await echo_forever(ws)


class BinaryProcessor:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            data = await ws.receive_data()
            await ws.send_data(bytes(reversed(data)))


class JsonEcho:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            await ws.send_media(await ws.receive_media())


class ClosingChat:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            data = await ws.receive_text()
            if data == "trigger_server_close_event":
                await ws.close()
                return
            if data == "trigger_custom_error":
                await ws.close(code=4001, reason="Application-specific error")
                return
            await ws.send_text(f"Server echoes: {data}")


class JsonProcessor:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            text = await ws.receive_text()
            try:
                command = json.loads(text)
            except json.JSONDecodeError:
                await ws.send_media({"error": "Malformed JSON received"})
                continue
            await ws.send_media({"received": command})


class AuthViaMessage:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        auth = await ws.receive_media()
        if not isinstance(auth, dict) or auth.get("type") != "auth" or auth.get("token") != SESSION_TOKEN:
            await ws.send_media({"status": "unauthorized"})
            await ws.close(code=4003, reason="authentication required")
            return
        await ws.send_media({"status": "authenticated"})
        while True:
            message = await ws.receive_media()
            if message.get("type") == "action" and message.get("command") == "do_something_sensitive":
                await ws.send_media({"result": "sensitive_action_completed"})
            else:
                await ws.send_media({"error": "unknown action"})


class ChatSubprotocol:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        chosen = next((p for p in SUPPORTED_SUBPROTOCOLS if p in ws.subprotocols), None)
        await ws.accept(subprotocol=chosen)
        await echo_forever(ws)


class MyWSRoute:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        await ws.send_text(f"Attribute: {req.context.custom_attribute}")
        await ws.close()


class NoReply:
    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        await ws.accept()
        while True:
            await ws.receive_text()


class ChatRoom:
    def __init__(self) -> None:
        self.clients: set[WebSocket] = set()

    async def on_websocket(self, req: Request, ws: WebSocket) -> None:
        self.clients.add(ws)  # before accept, so a connected client never misses a broadcast
        try:
            await ws.accept()
            while True:
                message = await ws.receive_text()
                for client in list(self.clients):
                    try:
                        await client.send_text(message)
                    except WebSocketDisconnected:
                        self.clients.discard(client)
        except WebSocketDisconnected:
            pass
        finally:
            self.clients.discard(ws)


def create_app() -> falcon.asgi.App:
    app = falcon.asgi.App(middleware=[WSLoggingMiddleware()])
    app.add_route("/chat", Chat())
    app.add_route("/echo", Echo())
    app.add_route("/reject", Reject())
    secure = SecureChat()
    app.add_route("/secure_chat", secure)
    app.add_route("/secure_ws_endpoint", secure)
    app.add_route("/binary_processor", BinaryProcessor())
    app.add_route("/json_echo", JsonEcho())
    closing = ClosingChat()
    app.add_route("/timed_chat", closing)
    app.add_route("/error_trigger_ws", closing)
    app.add_route("/json_processor_ws", JsonProcessor())
    app.add_route("/auth_via_message_ws", AuthViaMessage())
    app.add_route("/chat_subprotocol", ChatSubprotocol())
    app.add_route("/ws_with_middleware", MyWSRoute())
    app.add_route("/no_reply_endpoint", NoReply())
    app.add_route("/chat_room", ChatRoom())
    return app


app = create_app()
