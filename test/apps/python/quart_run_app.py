"""Quart's quickstart with its last line left unguarded: `app.run()` at import starts Hypercorn
on 127.0.0.1:5000. wsroutes must say so within seconds (exit 2)."""

from quart import Quart, websocket

app = Quart(__name__)


@app.websocket("/ws")
async def ws():
    while True:
        data = await websocket.receive()
        await websocket.send(f"echo {data}")


app.run()
