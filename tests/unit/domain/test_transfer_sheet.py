"""What goes on a transfer sheet, read from a family document: the latest transfer (not a registration,
not an arrival scan), the arrival that closed it, who recorded it; the adults linked to the child."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.domain.transfer_sheet import is_transfer, sheet_content


def _custody(cid: str, location: str, since: str, station: str | None = None, writer: str = "AAAAA",
             arrival_of: str | None = None) -> dict[str, Any]:
    return {"id": cid, "location": location, "station": station, "writer": writer, "since": since,
            "arrival_of": arrival_of, "receiving_party": None, "reference": None}


def _person(pid: str, role: str, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": pid, "role": role, "given_names": None, "family_names": None, "band": None,
            "custody_history": history or [], "custody": (history or [None])[-1]}


def _family(people: list[dict[str, Any]], links: list[dict[str, Any]], history: list[dict[str, Any]]) -> Any:
    return {"id": "f", "number": "AAAAA-1", "encounter": {"id": "e"}, "people": people, "links": links,
            "history": history}


def _link(lid: str, src: str, dst: str, relationship: str = "mother", state: str = "together") -> dict[str, Any]:
    return {"id": lid, "from": src, "to": dst, "relationship": relationship, "provenance": "claimed",
            "state": state, "events": []}


def test_the_latest_transfer_with_its_writer_reason_and_the_arrival_that_closed_it() -> None:
    records = [_custody("c0", "station", "2026-11-24T14:05:00Z", station="AAAAA"),  # registration
               _custody("c1", "hhs_orr", "2026-11-25T09:00:00Z"),
               _custody("c2", "station", "2026-11-26T09:00:00Z", station="BBBBB"),  # sent to another station
               _custody("c3", "station", "2026-11-26T15:00:00Z", station="BBBBB", writer="BBBBB", arrival_of="c2")]
    history = [{"entity": "custody", "entity_id": "c2", "created": True, "user": "ana", "reason": "placement"}]
    child = _person("k", "child", records)
    content = sheet_content(_family([_person("m", "adult"), child], [_link("l1", "k", "m", "sibling")], history),
                            "k")
    assert content.transfer is not None and content.transfer.record["id"] == "c2"
    assert (content.transfer.recorded_by, content.transfer.reason) == ("ana", "placement")
    assert content.transfer.arrival is not None and content.transfer.arrival["id"] == "c3"
    (adult,) = content.adults
    assert adult.person["id"] == "m" and adult.relationship == "unknown", "a link read from the child's side"
    assert [is_transfer(r) for r in records] == [False, True, True, False]


def test_no_transfer_and_an_adult_refused() -> None:
    family = _family([_person("m", "adult"), _person("k", "child", [
        _custody("c0", "station", "2026-11-24T14:05:00Z", station="AAAAA")])], [_link("l1", "m", "k")], [])
    content = sheet_content(family, "k")
    assert content.transfer is None and [a.relationship for a in content.adults] == ["mother"]
    with pytest.raises(ValidationError, match="is an adult"):
        sheet_content(family, "m")
