"""The registry's HTTP API (FastAPI; OpenAPI at /openapi.json, documentation at /docs).

Every route but health, nonce and enrolment needs a request signed by an enrolled station
(``sync.protocol``); every answer to a signed request is signed by the registry. Refusals are JSON
``{"detail": "..."}`` in plain words: 401 unsigned/altered/replayed/unknown station, 403 revoked
station or unusable enrolment code, 404 unknown band, 413 too large, 422 malformed, 503 database
unavailable (try again; nothing half-stored).
"""


import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from sync import protocol

from .store import Registry, RegistryError

log = logging.getLogger("kinlink.registry")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChangeRecord(_Strict):
    body: StrictStr = Field(description="the change record's canonical JSON text, exactly as its station signed it")
    signature: StrictStr = Field(description="Ed25519 signature of `body` by the writing station, base64")


class PushRequest(_Strict):
    changes: list[ChangeRecord] = Field(max_length=protocol.CHUNK_CHANGES * 5)


class PullRequest(_Strict):
    cursor: StrictInt = Field(ge=0, le=2**63 - 1, description="the last registry sequence this station has pulled")
    limit: StrictInt = Field(default=protocol.PULL_LIMIT, ge=1, le=5000)


class FollowRequest(_Strict):
    bands: list[StrictStr] = Field(min_length=1, max_length=100)


class AuditRecord(_Strict):
    seq: StrictInt = Field(ge=1, le=2**63 - 1)
    at: StrictStr
    station: StrictStr
    user: StrictStr
    action: StrictStr
    target: StrictStr
    outcome: StrictStr
    detail: StrictStr = Field(description="JSON text: ids and counts, never personal data")
    prev_hash: StrictStr
    hash: StrictStr


class AuditRequest(_Strict):
    records: list[AuditRecord] = Field(max_length=2000, description="the next records of this station's audit "
                                       "chain, in order, from the last one the registry holds (sent again)")


class EnrollRequest(_Strict):
    code: StrictStr = Field(max_length=64)
    station: StrictStr = Field(max_length=16)
    name: StrictStr = Field(max_length=200)
    public_key: StrictStr = Field(max_length=100, description="the station's Ed25519 public key, base64")
    proof: StrictStr = Field(max_length=200, description="the station's signature of the enrolment message")


class Refusal(BaseModel):
    detail: str | list[dict[str, Any]] = Field(
        description="what is wrong, in plain words (or, for a body that does not fit the request's schema, "
                    "FastAPI's list of validation errors)")


def _refusals(*statuses: int, said_here: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    said = {400: "the body is not JSON",
            401: "not signed, altered, replayed, or from a station this registry does not know",
            403: "the station was revoked, or the enrolment code cannot be used",
            404: "the registry holds no such band number",
            409: "this station's audit log no longer matches the copy the registry holds (altered on the station?)",
            413: f"the request is larger than {protocol.MAX_BODY // (1024 * 1024)} MB",
            422: "the request is malformed or holds a value that cannot be stored; nothing was stored",
            503: "the registry's database is unavailable; try again shortly (nothing was half-stored)"}
    said |= said_here or {}
    return {status: {"model": Refusal, "description": said[status]} for status in statuses}


SIGNED = _refusals(400, 401, 403, 413, 422, 503)


class Signed:
    """The station that signed the request, and the nonce its answer is signed over."""

    def __init__(self, station: str, nonce: str) -> None:
        self.station, self.nonce = station, nonce


def create_app(registry: Registry) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        registry.close()

    app = FastAPI(title="Kinlink registry", version="1", lifespan=lifespan,
                  description="The central registry that Kinlink stations enrol with and sync family records to.")

    @app.exception_handler(RegistryError)
    async def _refused(_request: Request, exc: RegistryError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(DataError)
    async def _unstorable(_request: Request, _exc: DataError) -> JSONResponse:
        return JSONResponse({"detail": "the request holds a value the registry cannot store (such as a NUL "
                                       "character); nothing was stored"}, status_code=422)

    @app.exception_handler(DBAPIError)
    @app.exception_handler(PoolTimeout)
    async def _database(_request: Request, exc: Exception) -> JSONResponse:
        log.warning("database error: %s", type(getattr(exc, "orig", exc)).__name__)
        return JSONResponse({"detail": "the registry's database is unavailable; try again shortly"}, status_code=503)

    async def signed(request: Request) -> Signed:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > protocol.MAX_BODY:
            raise _TooLarge()
        body = await request.body()
        if len(body) > protocol.MAX_BODY:
            raise _TooLarge()
        station = await run_in_threadpool(registry.authenticate, request.method, request.url.path,
                                          request.headers, body)
        return Signed(station, request.headers[protocol.NONCE_HEADER])

    @app.exception_handler(_TooLarge)
    async def _too_large(_request: Request, _exc: _TooLarge) -> JSONResponse:
        return JSONResponse({"detail": f"the request is larger than {protocol.MAX_BODY // (1024 * 1024)} MB"},
                            status_code=413)

    def answer(who: Signed, payload: Any) -> Response:
        body = protocol.canonical(payload)
        return Response(body, media_type="application/json",
                        headers={protocol.ANSWER_SIGNATURE_HEADER: registry.sign_answer(who.nonce, body)})

    Who = Annotated[Signed, Depends(signed)]

    @app.get(f"{protocol.API}/health", summary="Is the registry up, and on which database",
             responses=_refusals(503))
    def health() -> dict[str, Any]:
        return registry.health()

    @app.post(f"{protocol.API}/nonce", summary="A one-time nonce to sign the next request with",
              responses=_refusals(503))
    def nonce() -> dict[str, Any]:
        return registry.issue_nonce()

    @app.post(f"{protocol.API}/enroll", summary="Enrol a station with a one-time code",
              responses=_refusals(400, 401, 403, 422, 503,
                                  said_here={401: "the enrolment is not signed by the station's key"}))
    def enroll(request: EnrollRequest) -> dict[str, Any]:
        return registry.enroll(request.model_dump())

    @app.post(f"{protocol.API}/push", summary="Store a chunk of this station's change records",
              response_model=None, responses=SIGNED)
    def push(request: PushRequest, who: Who) -> Response:
        return answer(who, registry.push(who.station, [c.model_dump() for c in request.changes]))

    @app.post(f"{protocol.API}/pull", summary="Others' change records for the family units this station holds",
              response_model=None, responses=SIGNED)
    def pull(request: PullRequest, who: Who) -> Response:
        return answer(who, registry.pull(who.station, request.cursor, request.limit))

    @app.post(f"{protocol.API}/follow", summary="Hold the family units of these band numbers from now on",
              response_model=None, responses=SIGNED)
    def follow(request: FollowRequest, who: Who) -> Response:
        return answer(who, registry.follow(who.station, request.bands))

    @app.get(f"{protocol.API}/stations", summary="Enrolled stations, their public keys and revocations",
             response_model=None, responses=SIGNED)
    def stations(who: Who) -> Response:
        return answer(who, {"stations": registry.stations(), "registry": registry.public()})

    @app.get(f"{protocol.API}/families/{{band}}", summary="A family unit as the registry holds it",
             response_model=None, responses=SIGNED | _refusals(404))
    def family(band: str, who: Who) -> Response:
        return answer(who, registry.family(band, who=who.station))

    @app.get(f"{protocol.API}/audit", summary="Where the registry's copy of this station's audit chain ends",
             response_model=None, responses=SIGNED | _refusals(409))
    def audit_held(who: Who) -> Response:
        return answer(who, registry.audit_held(who.station))

    @app.post(f"{protocol.API}/audit", summary="The next records of this station's audit chain, checked link by link",
              response_model=None, responses=SIGNED | _refusals(409))
    def audit_receive(request: AuditRequest, who: Who) -> Response:
        return answer(who, registry.receive_audit(who.station, [r.model_dump() for r in request.records]))

    return app


def from_environment() -> FastAPI:
    """The app of one of several worker processes (``kinlink registry serve --workers N``): the
    database URL comes from ``KINLINK_REGISTRY_DATABASE_URL``, set by the parent process."""
    import os

    from .store import open_registry

    return create_app(open_registry(os.environ["KINLINK_REGISTRY_DATABASE_URL"]))


class _TooLarge(Exception):
    pass
