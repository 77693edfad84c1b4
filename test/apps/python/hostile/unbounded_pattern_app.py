"""Hostile app (issue 27, item 16): a query parameter with a `pattern` and no
`maxLength`, as FastAPI's `Query(pattern=...)` writes it. The generator filtered the
pattern's strings by a default length of 24 that a 64-character hash never meets: the
run hung in a synchronous loop (SIGTERM ignored).

route                      behaviour                          verdict
GET /blobs/                answers the digest back            passed
"""

from fastapi import FastAPI, Query

app = FastAPI(title="Blobs")


@app.get("/blobs/")
def get_blob(digest: str = Query(pattern="^[a-f0-9]{64}$")) -> dict[str, str]:
    return {"digest": digest}
