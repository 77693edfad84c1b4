"""A FastAPI app whose module starts its own server when imported: the tutorial's
`uvicorn.run(app, ...)` without the `if __name__ == "__main__":` guard. wsroutes must say so
within seconds (exit 2), not wait for a `ready` that never comes."""

import uvicorn
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def websocket_endpoint(websocket: WebSocket):
    await websocket.accept()
    while True:
        data = await websocket.receive_text()
        await websocket.send_text(f"Message text was: {data}")


uvicorn.run(app, host="127.0.0.1", port=8000)
