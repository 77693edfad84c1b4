/**
 * Real server traces for trace-facts.test.ts, as wsroutes captured them (serverTrace of the
 * JSON report) from the test apps named, or as Python 3.11 printed them
 * (traceback.format_exception) from a script of TaskGroups, anyio and except* (its path
 * rewritten to /srv/app/tasks.py). Not built into dist (*.test-data.ts).
 */

/** wsroutes on test/apps/python/taskgroup_app.py (/ws/scores): the bridge's formatted ExceptionGroup. */
export const TASKGROUP = `  + Exception Group Traceback (most recent call last):
  |   File "/work/main/python/wsroutes_bridge/asgi_wrapper.py", line 155, in _serve_websocket
  |     await app(scope, watched.receive, watched.wrap_send(send))
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/applications.py", line 1224, in __call__
  |     await super().__call__(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/applications.py", line 96, in __call__
  |     await self.middleware_stack(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/middleware/errors.py", line 151, in __call__
  |     await self.app(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/telemetry/_asgi.py", line 151, in __call__
  |     await self.app(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/_body_limit.py", line 80, in __call__
  |     await self.app(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/middleware/exceptions.py", line 63, in __call__
  |     await wrap_app_handling_exceptions(self.app, conn)(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 53, in wrapped_app
  |     raise exc
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 42, in wrapped_app
  |     await app(scope, receive, sender)
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/middleware/asyncexitstack.py", line 18, in __call__
  |     await self.app(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 683, in __call__
  |     await self.middleware_stack(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/routing.py", line 2929, in app
  |     await route.handle(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 363, in handle
  |     await self.app(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/routing.py", line 201, in app
  |     await wrap_app_handling_exceptions(app, session)(scope, receive, send)
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 53, in wrapped_app
  |     raise exc
  |   File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 42, in wrapped_app
  |     await app(scope, receive, sender)
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/routing.py", line 198, in app
  |     await func(session)
  |   File "/work/main/.venv/lib/python3.11/site-packages/fastapi/routing.py", line 866, in app
  |     await dependant.call(**solved_result.values)
  |   File "/work/main/test/apps/python/taskgroup_app.py", line 49, in scores
  |     async with asyncio.TaskGroup() as tg:
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__
  |     raise me from None
  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/work/main/test/apps/python/taskgroup_app.py", line 35, in parse_score
    |     return int(text)
    |            ^^^^^^^^^
    | ValueError: invalid literal for int() with base 10: ''
    +------------------------------------`;

/** test/apps/python/quart_app.py /ws/rooms/{room_id:int}: stdlib frames (json) inside the app frame. */
export const QUART_JSON = `Traceback (most recent call last):
  File "/work/main/.venv/lib/python3.11/site-packages/quart/app.py", line 1477, in handle_websocket
    return await self.full_dispatch_websocket(websocket_context)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/main/.venv/lib/python3.11/site-packages/quart/app.py", line 1526, in full_dispatch_websocket
    result = await self.handle_user_exception(error)
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/main/.venv/lib/python3.11/site-packages/quart/app.py", line 1060, in handle_user_exception
    raise error
  File "/work/main/.venv/lib/python3.11/site-packages/quart/app.py", line 1524, in full_dispatch_websocket
    result = await self.dispatch_websocket(websocket_context)
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/main/.venv/lib/python3.11/site-packages/quart/app.py", line 1614, in dispatch_websocket
    return await self.ensure_async(handler)(**websocket_.view_args)  # type: ignore[return-value]
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/main/test/apps/python/quart_app.py", line 69, in room
    message = json.loads(await websocket.receive())  # BUG: any non-JSON message raises
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/json/__init__.py", line 346, in loads
    return _default_decoder.decode(s)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py", line 337, in decode
    obj, end = self.raw_decode(s, idx=_w(s, 0).end())
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py", line 355, in raw_decode
    raise JSONDecodeError("Expecting value", s, err.value) from None
json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)`;

/** test/apps/python/litestar_app.py /bug/chat: Litestar frames inside the app frame, a dotted exception type. */
export const LITESTAR_CHAT = `Traceback (most recent call last):
  File "/work/main/.venv/lib/python3.11/site-packages/litestar/middleware/_internal/exceptions/middleware.py", line 158, in __call__
    await self.app(scope, receive, capture_response_started)
  File "/work/main/.venv/lib/python3.11/site-packages/litestar/_asgi/asgi_router.py", line 112, in __call__
    await asgi_app(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/litestar/routes/websocket.py", line 85, in handle
    await self.route_handler.fn(**parsed_kwargs)
  File "/work/main/test/apps/python/litestar_app.py", line 116, in bug_chat
    await client.send_text(message)
  File "/work/main/.venv/lib/python3.11/site-packages/litestar/connection/websocket.py", line 284, in send_text
    await self.send_data(data=data, encoding=encoding)
  File "/work/main/.venv/lib/python3.11/site-packages/litestar/connection/websocket.py", line 266, in send_data
    await self.send(event)
  File "/work/main/.venv/lib/python3.11/site-packages/litestar/connection/websocket.py", line 99, in wrapped_send
    raise WebSocketDisconnect(detail=DISCONNECT_MESSAGE)  # pragma: no cover
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
litestar.exceptions.websocket_exceptions.WebSocketDisconnect: connection is disconnected`;

/** test/apps/python/starlette_app.py /bug/binary. */
export const STARLETTE_BINARY = `Traceback (most recent call last):
  File "/work/main/python/wsroutes_bridge/asgi_wrapper.py", line 155, in _serve_websocket
    await app(scope, watched.receive, watched.wrap_send(send))
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/applications.py", line 96, in __call__
    await self.middleware_stack(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/middleware/errors.py", line 151, in __call__
    await self.app(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/middleware/exceptions.py", line 63, in __call__
    await wrap_app_handling_exceptions(self.app, conn)(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 53, in wrapped_app
    raise exc
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 42, in wrapped_app
    await app(scope, receive, sender)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 683, in __call__
    await self.middleware_stack(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 704, in app
    await route.handle(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 363, in handle
    await self.app(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 84, in app
    await wrap_app_handling_exceptions(app, session)(scope, receive, send)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 53, in wrapped_app
    raise exc
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/_exception_handler.py", line 42, in wrapped_app
    await app(scope, receive, sender)
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 82, in app
    await func(session)
  File "/work/main/test/apps/python/starlette_app.py", line 99, in bug_binary
    text = await websocket.receive_text()  # KeyError on a binary frame
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/websockets.py", line 127, in receive_text
    return cast(str, message["text"])
                     ~~~~~~~^^^^^^^^
KeyError: 'text'`;

/** test/apps/python/endpoint_mounted_app.py served bare (--app endpoint_mounted_app:Commands): no app frame at all. */
export const ENDPOINT_DECODE = `Traceback (most recent call last):
  File "/work/main/python/wsroutes_bridge/asgi_wrapper.py", line 158, in _serve_websocket
    await app(scope, watched.receive, watched.wrap_send(send))
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/endpoints.py", line 88, in dispatch
    raise exc
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/endpoints.py", line 81, in dispatch
    data = await self.decode(websocket, message)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/main/.venv/lib/python3.11/site-packages/starlette/endpoints.py", line 96, in decode
    raise RuntimeError("Expected text websocket messages, but got bytes")
RuntimeError: Expected text websocket messages, but got bytes`;

/** test/apps/node/nest (/calculator): a Nest gateway handler. */
export const NEST_DIVIDE = `TypeError: undefined is not iterable (cannot read property Symbol(Symbol.iterator))
    at CalculatorGateway.divide (/work/main/test/apps/node/nest/src/calculator/calculator.gateway.ts:18:33)
    at file:///work/main/node_modules/@nestjs/websockets/context/ws-context-creator.js:45:33
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async CalculatorGateway.<anonymous> (file:///work/main/node_modules/@nestjs/websockets/context/ws-proxy.js:9:32)
    at async WebSocketsController.pickResult (file:///work/main/node_modules/@nestjs/websockets/web-sockets-controller.js:169:24)`;

/** test/apps/node/express-app.ts /ws/parse: JSON.parse (<anonymous>) above the app frame. */
export const EXPRESS_PARSE = `SyntaxError: Unexpected end of JSON input
    at JSON.parse (<anonymous>)
    at WebSocket.<anonymous> (/work/main/test/apps/node/express-app.ts:115:35)
    at WebSocket.emit (node:events:524:28)
    at Receiver.receiverOnMessage (/work/main/node_modules/express-ws/node_modules/ws/lib/websocket.js:1098:20)
    at Receiver.emit (node:events:524:28)
    at Receiver.dataMessage (/work/main/node_modules/express-ws/node_modules/ws/lib/receiver.js:558:14)
    at Receiver.getData (/work/main/node_modules/express-ws/node_modules/ws/lib/receiver.js:475:17)
    at Receiver.startLoop (/work/main/node_modules/express-ws/node_modules/ws/lib/receiver.js:172:22)
    at Receiver._write (/work/main/node_modules/express-ws/node_modules/ws/lib/receiver.js:107:10)
    at writeOrBuffer (node:internal/streams/writable:572:12)`;

/** test/apps/node/fastify-app.ts /ws/nul. */
export const FASTIFY_NUL = `Error: NUL byte in message
    at sanitize (/work/main/test/apps/node/fastify-app.ts:86:38)
    at WebSocket.<anonymous> (/work/main/test/apps/node/fastify-app.ts:93:22)
    at WebSocket.emit (node:events:524:28)
    at Receiver.receiverOnMessage (/work/main/node_modules/ws/lib/websocket.js:1282:20)
    at Receiver.emit (node:events:524:28)
    at Receiver.dataMessage (/work/main/node_modules/ws/lib/receiver.js:641:14)
    at Receiver.getData (/work/main/node_modules/ws/lib/receiver.js:540:10)
    at Receiver.startLoop (/work/main/node_modules/ws/lib/receiver.js:190:16)
    at Receiver._write (/work/main/node_modules/ws/lib/receiver.js:117:10)
    at writeOrBuffer (node:internal/streams/writable:572:12)`;

/** a TaskGroup inside a TaskGroup, two leaves. */
export const NESTED_GROUPS = `  + Exception Group Traceback (most recent call last):
  |   File "/srv/app/tasks.py", line 57, in <module>
  |     asyncio.run(fn())
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 190, in run
  |     return runner.run(main)
  |            ^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 118, in run
  |     return self._loop.run_until_complete(task)
  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
  |     return future.result()
  |            ^^^^^^^^^^^^^^^
  |   File "/srv/app/tasks.py", line 13, in nested
  |     async with asyncio.TaskGroup() as outer:
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__
  |     raise me from None
  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
  +-+---------------- 1 ----------------
    | Exception Group Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 18, in inner_group
    |     async with asyncio.TaskGroup() as tg:
    |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__
    |     raise me from None
    | ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)
    +-+---------------- 1 ----------------
      | Traceback (most recent call last):
      |   File "/srv/app/tasks.py", line 8, in parse
      |     async def parse(t): return int(t)
      |                                ^^^^^^
      | ValueError: invalid literal for int() with base 10: 'x'
      +---------------- 2 ----------------
      | Traceback (most recent call last):
      |   File "/srv/app/tasks.py", line 9, in lookup
      |     async def lookup(k): return {"a": 1}[k]
      |                                 ~~~~~~~~^^^
      | KeyError: 'b'
      +------------------------------------`;

/** one TaskGroup, three failing tasks. */
export const SEVERAL_LEAVES = `  + Exception Group Traceback (most recent call last):
  |   File "/srv/app/tasks.py", line 57, in <module>
  |     asyncio.run(fn())
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 190, in run
  |     return runner.run(main)
  |            ^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 118, in run
  |     return self._loop.run_until_complete(task)
  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
  |     return future.result()
  |            ^^^^^^^^^^^^^^^
  |   File "/srv/app/tasks.py", line 23, in several
  |     async with asyncio.TaskGroup() as tg:
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__
  |     raise me from None
  | ExceptionGroup: unhandled errors in a TaskGroup (3 sub-exceptions)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'abc'
    +---------------- 2 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 9, in lookup
    |     async def lookup(k): return {"a": 1}[k]
    |                                 ~~~~~~~~^^^
    | KeyError: 'zz'
    +---------------- 3 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: ''
    +------------------------------------`;

/** 17 failing tasks: Python prints 15 and "and 2 more exceptions". */
export const WIDE_GROUP = `  + Exception Group Traceback (most recent call last):
  |   File "/srv/app/tasks.py", line 57, in <module>
  |     asyncio.run(fn())
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 190, in run
  |     return runner.run(main)
  |            ^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 118, in run
  |     return self._loop.run_until_complete(task)
  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
  |     return future.result()
  |            ^^^^^^^^^^^^^^^
  |   File "/srv/app/tasks.py", line 29, in wide
  |     async with asyncio.TaskGroup() as tg:
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__
  |     raise me from None
  | ExceptionGroup: unhandled errors in a TaskGroup (17 sub-exceptions)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w0'
    +---------------- 2 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w1'
    +---------------- 3 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w2'
    +---------------- 4 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w3'
    +---------------- 5 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w4'
    +---------------- 6 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w5'
    +---------------- 7 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w6'
    +---------------- 8 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w7'
    +---------------- 9 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w8'
    +---------------- 10 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w9'
    +---------------- 11 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w10'
    +---------------- 12 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w11'
    +---------------- 13 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w12'
    +---------------- 14 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w13'
    +---------------- 15 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'w14'
    +---------------- ... ----------------
    | and 2 more exceptions
    +------------------------------------`;

/** a leaf raised "from" another exception. */
export const CHAINED_LEAF = `  + Exception Group Traceback (most recent call last):
  |   File "/srv/app/tasks.py", line 57, in <module>
  |     asyncio.run(fn())
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 190, in run
  |     return runner.run(main)
  |            ^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 118, in run
  |     return self._loop.run_until_complete(task)
  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
  |     return future.result()
  |            ^^^^^^^^^^^^^^^
  |   File "/srv/app/tasks.py", line 39, in chained
  |     async with asyncio.TaskGroup() as tg:
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__
  |     raise me from None
  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 34, in chained_leaf
    |     await lookup("k")
    |   File "/srv/app/tasks.py", line 9, in lookup
    |     async def lookup(k): return {"a": 1}[k]
    |                                 ~~~~~~~~^^^
    | KeyError: 'k'
    | 
    | The above exception was the direct cause of the following exception:
    | 
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 36, in chained_leaf
    |     raise RuntimeError("lookup failed for k") from e
    | RuntimeError: lookup failed for k
    +------------------------------------`;

/** an anyio task group: the leaf's innermost frame is anyio's. */
export const ANYIO_GROUP = `  + Exception Group Traceback (most recent call last):
  |   File "/srv/app/tasks.py", line 57, in <module>
  |     asyncio.run(fn())
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 190, in run
  |     return runner.run(main)
  |            ^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 118, in run
  |     return self._loop.run_until_complete(task)
  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
  |     return future.result()
  |            ^^^^^^^^^^^^^^^
  |   File "/srv/app/tasks.py", line 43, in anyio_group
  |     async with anyio.create_task_group() as tg:
  |   File "/work/main/.venv/lib/python3.11/site-packages/anyio/_backends/_asyncio.py", line 871, in __aexit__
  |     raise BaseExceptionGroup(
  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/work/main/.venv/lib/python3.11/site-packages/anyio/_core/_tasks.py", line 327, in _run_coro
    |     retval = await self._coro
    |              ^^^^^^^^^^^^^^^^
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'seven'
    +------------------------------------`;

/** an except* handler that raises: the group is only the context. */
export const GROUP_THEN_RAISE = `  + Exception Group Traceback (most recent call last):
  |   File "/srv/app/tasks.py", line 49, in during
  |     async with asyncio.TaskGroup() as tg:
  |   File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__
  |     raise me from None
  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/srv/app/tasks.py", line 8, in parse
    |     async def parse(t): return int(t)
    |                                ^^^^^^
    | ValueError: invalid literal for int() with base 10: 'y'
    +------------------------------------

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/srv/app/tasks.py", line 57, in <module>
    asyncio.run(fn())
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 190, in run
    return runner.run(main)
           ^^^^^^^^^^^^^^^^
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py", line 118, in run
    return self._loop.run_until_complete(task)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/base_events.py", line 653, in run_until_complete
    return future.result()
           ^^^^^^^^^^^^^^^
  File "/srv/app/tasks.py", line 52, in during
    raise TypeError("cleanup failed")
TypeError: cleanup failed`;
