"""Custody in today's terms (app.domain.custody): kinds, the writing station, transfers, arrival scans
and the time in transit between them, and records written before any of it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain import custody
from app.domain.custody import StationPlace
from app.domain.errors import InvariantViolation, ValidationError
from app.domain.records import record_problems

WHEN = "2026-11-25T10:00:00.000+00:00"
BORDER = StationPlace("UC5R8", "cbp", "Lukeville port")
SHELTER = StationPlace("7QXKM", "hhs_orr", "ORR shelter, Brownsville")


def record(mutations: Any) -> dict[str, Any]:
    [mutation] = mutations if isinstance(mutations, list) else [mutations]
    return {"id": mutation.entity_id, **{k: new for k, (_, new) in mutation.fields.items()}}


def registered() -> dict[str, Any]:
    return record(custody.at_station("P1", custody_id="C1", place=BORDER, since=WHEN))


def send(current: dict[str, Any] | None, **kwargs: Any) -> dict[str, Any]:
    given = {"kind": "station", "station": SHELTER.code, "facility": None, "reference": None, "since": WHEN,
             "custody_id": "C2", "writer": BORDER, "receiver": SHELTER, "current": current, **kwargs}
    return record(custody.transfer("P1", **given))


def test_a_registered_person_is_held_at_the_writing_station_with_its_agency_and_facility() -> None:
    row = registered()
    assert (row["location"], row["station"], row["agency"], row["receiving_party"]) == \
        ("station", "UC5R8", "cbp", "Lukeville port")
    assert (row["writer"], row["writer_agency"], row["writer_facility"]) == ("UC5R8", "cbp", "Lukeville port")
    assert not custody.in_transit(row) and custody.custodian(row) == "UC5R8"


def test_a_transfer_to_a_station_is_in_transit_until_that_station_scans_the_arrival() -> None:
    sent = send(registered())
    assert (sent["station"], sent["agency"], sent["receiving_party"]) == \
        ("7QXKM", "hhs_orr", "ORR shelter, Brownsville")
    assert sent["writer"] == "UC5R8" and custody.in_transit(sent) and custody.custodian(sent) == "7QXKM"
    arrived = record(custody.arrival("P1", custody_id="C3", place=SHELTER, since=WHEN, current=sent))
    assert arrived["arrival_of"] == "C2" and arrived["writer"] == "7QXKM" and not custody.in_transit(arrived)
    current, history = custody.view([arrived, sent, registered()])
    assert current is not None and current["id"] == "C3" and current["in_transit"] is False
    assert [r["id"] for r in history] == ["C1", "C2", "C3"]


def test_an_arrival_without_a_recorded_transfer_is_recorded_and_closes_nothing() -> None:
    """The border station was offline, or never wrote the transfer: the shelter that received the
    child (it scanned the band) records the arrival all the same."""
    arrived = record(custody.arrival("P1", custody_id="C3", place=SHELTER, since=WHEN, current=registered()))
    assert (arrived["station"], arrived["writer"], arrived["arrival_of"]) == ("7QXKM", "7QXKM", None)
    elsewhere = send(registered(), station="4HJW2", receiver=None)  # sent elsewhere, arrived here
    assert record(custody.arrival("P1", custody_id="C4", place=SHELTER, since=WHEN, current=elsewhere))[
        "arrival_of"] is None
    with pytest.raises(InvariantViolation, match=r"held at this station already \(at station 7QXKM \(ORR shelter"):
        custody.arrival("P1", custody_id="C5", place=SHELTER, since=WHEN, current=arrived)


def test_only_the_station_answerable_for_the_person_sends_them_to_another_station() -> None:
    sent = send(registered())
    with pytest.raises(InvariantViolation, match="custody of station 7QXKM .in transit to it.: only that station"):
        send(sent, station="4HJW2", receiver=None)
    assert send(sent, kind="removed", station=None)["location"] == "removed"  # what a holder learns, it records
    held_by_ice = send(registered(), kind="ice", station=None, facility="ICE Florence")
    assert custody.custodian(held_by_ice) == "UC5R8"  # outside Kinlink: the station that recorded it answers
    with pytest.raises(InvariantViolation, match="recorded by scanning the person's arrival"):
        send(registered(), station=BORDER.code)


def test_the_kind_decides_the_agency_and_whether_a_station_or_facility_is_named() -> None:
    assert send(None, kind="hhs_orr", station=None, facility="Casa Tucson")["agency"] == "hhs_orr"
    assert send(None, kind="released_to_sponsor", station=None, facility="sponsor ref 55")["agency"] is None
    unknown_station = send(None, station="4HJW2", receiver=None)  # well formed, not known here yet: fine
    assert (unknown_station["agency"], unknown_station["receiving_party"]) == (None, None)


@pytest.mark.parametrize(("changes", "message"), [
    ({"kind": "shelter"}, "--to: 'shelter' is not one of: station, ice, hhs_orr, released_to_sponsor, removed, "
                          "unknown"),
    ({"kind": "this_station"}, "--to: 'this_station' is not one of"),
    ({"station": None}, "--station: a transfer to a Kinlink station names it"),
    ({"station": "UC5R"}, "--station: "),
    ({"station": "UC5R0"}, "--station: "),
    ({"kind": "ice", "facility": "ICE Florence"}, "--station: only custody at a Kinlink station names one"),
    ({"kind": "hhs_orr", "station": None}, "--facility: custody of kind hhs_orr says where"),
    ({"kind": "hhs_orr", "station": None, "facility": "  "}, "--facility: custody of kind hhs_orr says where"),
    ({"facility": "x" * 121}, "--facility: "),
])
def test_a_transfer_that_cannot_be_is_refused_with_what_is_wrong(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        send(registered(), **changes)
    assert message in str(refused.value)


def test_records_from_before_schema_13_are_read_in_todays_terms() -> None:
    legacy = {"id": "C0", "location": "this_station", "station": None, "receiving_party": "UC5R8",
              "reference": None, "since": WHEN, "writer": "UC5R8"}
    shown = custody.normalized(legacy)
    assert (shown["location"], shown["station"], shown["receiving_party"]) == ("station", "UC5R8", None)
    assert not custody.in_transit(legacy) and custody.custodian(legacy) == "UC5R8"
    sent = {**legacy, "id": "C9", "location": "other_station", "station": "7QXKM", "receiving_party": "ORR shelter"}
    assert custody.normalized(sent)["location"] == "station" and custody.custodian(sent) == "7QXKM"
    assert not custody.in_transit(sent)  # there were no arrival scans then
    assert "this_station" not in custody.describe(legacy)


def test_a_station_cannot_write_custody_in_another_stations_name() -> None:
    """The attack: a hostile station writes a custody record naming another station as its writer."""
    row = {k: v for k, v in send(registered()).items() if k != "id"}
    now = datetime(2026, 11, 26, tzinfo=UTC)
    assert record_problems("custody", row, created=True, station="UC5R8", now=now) == []
    assert record_problems("custody", row, created=True, station="4HJW2", now=now) == [
        "custody.writer: names station UC5R8 as its writer, but station 4HJW2 wrote it"]
    nameless = {**row, "location": "station", "station": None}
    assert "custody.station: custody at a station names the station (its code)" in record_problems(
        "custody", nameless, created=True, station="UC5R8", now=now)
