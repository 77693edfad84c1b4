"""A Starlette app whose lifespan startup raises: wsroutes must stop with APP_START_FAILED."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    raise ConnectionRefusedError("database at 127.0.0.1:5432 refused the connection")
    yield


app = Starlette(routes=[], lifespan=lifespan)
