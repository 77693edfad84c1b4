"""A Starlette app whose lifespan startup never finishes (waits for a service that never
answers): wsroutes must give up after its start-up timeout and leave no process behind."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    await asyncio.Event().wait()
    yield


app = Starlette(routes=[], lifespan=lifespan)
