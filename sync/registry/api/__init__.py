"""The registry's HTTP API (FastAPI; OpenAPI at /openapi.json, documentation at /docs).

Every route but health, nonce and enrolment needs a request signed by an enrolled station
(``sync.protocol``); every answer to a signed request is signed by the registry. Refusals are JSON
``{"detail": "..."}`` in plain words: 401 unsigned/altered/replayed/unknown station, 403 revoked
station, unusable enrolment code, or not an oversight station (the reunification board), 404
unknown band, 413 too large, 422 malformed, 503 database unavailable (try again; nothing
half-stored), 426 another protocol version, 429 too many (with Retry-After). Routes live in
``routes/``, one module per area; ``edges`` checks every request's protocol version and body size
before any route reads it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from ..errors import TooMany
from ..store import Registry, RegistryError
from .edges import Edges
from .routes import audit, public, records, reunification

log = logging.getLogger("kinlink.registry")


def create_app(registry: Registry) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        registry.close()

    app = FastAPI(title="Kinlink registry", version="1", lifespan=lifespan,
                  description="The central registry that Kinlink stations enrol with and sync family records to.")
    app.state.registry = registry
    app.add_middleware(Edges)
    _refusal_handlers(app)
    for module in (public, records, audit, reunification):
        app.include_router(module.router)
    return app


def _refusal_handlers(app: FastAPI) -> None:
    @app.exception_handler(RegistryError)
    async def _refused(_request: Request, exc: RegistryError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooMany) else None
        return JSONResponse({"detail": exc.message}, status_code=exc.status, headers=headers)

    @app.exception_handler(DataError)
    async def _unstorable(_request: Request, _exc: DataError) -> JSONResponse:
        return JSONResponse({"detail": "the request holds a value the registry cannot store (such as a NUL "
                                       "character); nothing was stored"}, status_code=422)

    @app.exception_handler(DBAPIError)
    @app.exception_handler(PoolTimeout)
    async def _database(_request: Request, exc: Exception) -> JSONResponse:
        log.warning("database error: %s", type(getattr(exc, "orig", exc)).__name__)
        return JSONResponse({"detail": "the registry's database is unavailable; try again shortly"}, status_code=503)



def from_environment() -> FastAPI:
    """The app of one of several worker processes (``kinlink registry serve --workers N``): the
    database URL comes from ``KINLINK_REGISTRY_DATABASE_URL``, set by the parent process."""
    from ..store import open_registry

    return create_app(open_registry(os.environ["KINLINK_REGISTRY_DATABASE_URL"]))
