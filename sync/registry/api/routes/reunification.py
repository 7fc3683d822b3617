"""Routes of the registry's reunification board (docs/reunification.md, "The registry's board"), for
oversight stations only: the whole board, and one child's row. Each read is audited with the calling
station; reading a row is not a holding (nothing of that unit goes to the station by it).

The board's filters travel in the query, which the signature covers (``deps.signed``): a filter
cannot be changed on the way, and the audit records what the station asked for.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.domain.model import Agency
from sync import protocol

from ..deps import RegistryDep, Who, answer
from ..models import SIGNED, refusals

router = APIRouter(prefix=protocol.API)

NOT_OVERSIGHT = {403: "the station was revoked, or is not an oversight station (only those read the board)"}


@router.get("/reunification", summary="The whole registry's reunification board, most urgent first (oversight "
            "stations only)", response_model=None, responses=SIGNED | refusals(403, said_here=NOT_OVERSIGHT))
def board(who: Who, registry: RegistryDep,
          agency: Annotated[Agency | None, Query(description="only children who, or one of whose adults, are in "
                                                             "this agency's custody")] = None,
          overdue: Annotated[bool, Query(description="only the children past a deadline")] = False) -> Response:
    return answer(registry, who, registry.reunification(who=who.station, station=who.station,
                                                        agency=agency.value if agency else None, overdue=overdue))


@router.get("/reunification/{band}", summary="One child's row of the reunification board, by one of the child's "
            "bands (oversight stations only)", response_model=None,
            responses=SIGNED | refusals(403, 404, said_here=NOT_OVERSIGHT | {
                404: "no child on the board wears that band"}))
def child_row(band: str, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.reunification_row(band, who=who.station, station=who.station))
