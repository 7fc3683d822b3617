"""Partner agencies and custody across stations (docs/reunification.md), with a real registry process
and real stations: enrolment codes say a station's agency and facility, operators can set them
later, every custody record names the station that wrote it as it was then, a transfer to another
station leaves the person in transit until that station scans the arrival (with a fresh photo of a
pre-verbal child), and a hostile station cannot write custody in another station's name."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from app import services
from sync.registry.errors import Invalid, NotFound
from tests.conftest import adult, child, document, link
from tests.syncing import Hostile, RunningRegistry, TestStation

FAMILY = document({"people": [adult("m", "Rosa", "Tzul Ixcoy"),
                              child("b", None, None, age_estimate_years=1, preverbal=True,
                                    description="red cap, birthmark on the left wrist")],
                   "links": [link("m", "b")]})


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(out, format="PNG")  # invented: colour, no person
    return out.getvalue()


def _person(shown: dict[str, Any], person_id: str) -> dict[str, Any]:
    return next(p for p in shown["people"] if p["id"] == person_id)


@pytest.fixture
def border_and_shelter(make_station: Callable[..., TestStation]) -> tuple[TestStation, TestStation]:
    border = make_station("Border", agency="cbp", facility="Lukeville port (invented)")
    shelter = make_station("Shelter", agency="hhs_orr", facility="ORR shelter, Brownsville (invented)")
    for station in (shelter, border):
        station.sync()  # partners that synced before anything happens: each knows what the other is
    return border, shelter


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_station_knows_its_agency_from_its_enrolment_and_writes_it_on_custody(
        border_and_shelter: tuple[TestStation, TestStation]) -> None:
    border, _ = border_and_shelter
    answer = border.register(FAMILY)["families"][0]
    custody = _person(border.show(answer["id"]), answer["people"][0]["id"])["custody"]
    assert (custody["location"], custody["station"], custody["agency"], custody["receiving_party"]) == \
        ("station", border.agent.identity.code, "cbp", "Lukeville port (invented)")
    assert (custody["writer"], custody["writer_agency"], custody["writer_facility"]) == \
        (border.agent.identity.code, "cbp", "Lukeville port (invented)")


def test_a_transfer_to_the_shelter_is_in_transit_until_its_arrival_scan_with_a_fresh_photo(
        border_and_shelter: tuple[TestStation, TestStation]) -> None:
    border, shelter = border_and_shelter
    answer = border.register(FAMILY)["families"][0]
    baby, band = answer["people"][1]["id"], answer["people"][1]["band"]
    sent = services.transfer_custody(session=border.agent, person=band, to="station",
                                     station=shelter.agent.identity.code, reference="UAC-2026-0042",
                                     reason="placement order 77")
    assert sent["in_transit"] is True
    shown = _person(border.show(answer["id"]), baby)["custody"]
    assert shown["in_transit"] is True and (shown["agency"], shown["receiving_party"]) == \
        ("hhs_orr", "ORR shelter, Brownsville (invented)"), "what the registry said of the shelter"
    border.sync()
    shelter.sync()  # the transfer granted the shelter the family
    scan = border.payload(band)
    with pytest.raises(services.ValidationError, match="pre-verbal child's arrival needs a fresh photo"):
        services.arrive(session=shelter.agent, person=scan)
    assert _person(shelter.show(answer["id"]), baby)["custody"]["in_transit"] is True, "nothing was written"
    arrived = services.arrive(session=shelter.agent, person=scan, photos=[_photo()])
    assert arrived["closes"] == sent["custody"] and len(arrived["photos"]) == 1
    with pytest.raises(services.InvariantViolation, match="held at this station already"):
        services.arrive(session=shelter.agent, person=scan, photos=[_photo()])
    shelter.sync()
    border.sync()
    for station in (border, shelter):
        now = _person(station.show(answer["id"]), baby)
        assert now["custody"]["in_transit"] is False
        assert (now["custody"]["writer"], now["custody"]["writer_agency"]) == (shelter.agent.identity.code, "hhs_orr")
        assert now["custody"]["reference"] == "UAC-2026-0042" and len(now["photos"]) == 1


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_an_altered_scan_at_arrival_is_refused_and_nothing_is_written(
        border_and_shelter: tuple[TestStation, TestStation]) -> None:
    border, shelter = border_and_shelter
    answer = border.register(FAMILY)["families"][0]
    mother = answer["people"][0]
    services.transfer_custody(session=border.agent, person=mother["id"], to="station",
                              station=shelter.agent.identity.code, reason="family placement")
    border.sync()
    shelter.sync()
    scan = border.payload(mother["band"])
    forged = scan[:-3] + ("A" if scan[-3] != "A" else "B") + scan[-2:]
    with pytest.raises(services.ValidationError, match="the band does not verify"):
        services.arrive(session=shelter.agent, person=forged)
    assert _person(shelter.show(answer["id"]), mother["id"])["custody"]["in_transit"] is True


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_operators_set_a_stations_agency_later_and_it_learns_it_at_its_next_sync(
        registry: RunningRegistry, make_station: Callable[..., TestStation]) -> None:
    old = make_station("Enrolled before agencies")
    with old.agent.engine.connect() as conn:
        assert old.agent.place(conn).agency == "other"
    opened = registry.open()
    try:
        answer = opened.set_station(old.agent.identity.code, agency="ice", facility="ICE Florence (invented)",
                                    who="operator:test")
        assert answer == {"station": old.agent.identity.code, "agency": "ice",
                          "facility": "ICE Florence (invented)", "oversight": False}
        with pytest.raises(Invalid, match="the agency 'dhs' is not one of: cbp, ice, hhs_orr, other"):
            opened.set_station(old.agent.identity.code, agency="dhs")
        with pytest.raises(Invalid, match="say what to set"):
            opened.set_station(old.agent.identity.code)
        with pytest.raises(NotFound, match="no station 'ZZZZZ' is enrolled here"):
            opened.set_station("ZZZZZ", agency="ice")
        with pytest.raises(Invalid, match="the facility is 121 characters long"):
            opened.new_enrollment_code(facility="x" * 121)
        [listed] = [s for s in opened.stations() if s["station"] == old.agent.identity.code]
        assert (listed["agency"], listed["facility"]) == ("ice", "ICE Florence (invented)"), "refusals changed nothing"
        trail = opened.audit_records(after=0, limit=10_000, who="test")
        [setting] = [r for r in trail if r["action"] == "station.set"]
        assert setting["target"] == old.agent.identity.code and setting["detail"]["before"]["agency"] == "other"
    finally:
        opened.close()
    old.sync()
    with old.agent.engine.connect() as conn:
        place = old.agent.place(conn)
    assert (place.agency, place.facility) == ("ice", "ICE Florence (invented)")


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_station_cannot_write_custody_in_another_stations_name(
        border_and_shelter: tuple[TestStation, TestStation], make_station: Callable[..., TestStation]) -> None:
    """The attack: a hostile station holding the family writes custody naming the border station as
    its writer (so that the record reads as the border station's word)."""
    border, shelter = border_and_shelter
    answer = border.register(FAMILY)["families"][0]
    border.sync()
    hostile = make_station("Hostile")
    hostile.sync(follow=[border.payload(answer["people"][0]["band"])])
    forger = Hostile(hostile)
    forged = forger.record("custody", uuid.uuid4().hex, {
        "person_id": answer["people"][1]["id"], "location": "removed", "station": None, "agency": None,
        "receiving_party": None, "reference": None, "since": "2026-12-01T10:00:00+00:00",
        "writer": border.agent.identity.code, "writer_agency": "cbp", "writer_facility": "Lukeville port (invented)",
        "arrival_of": None}, created=True)
    forger.refused(forged, says=f"names station {border.agent.identity.code} as its writer, but station "
                                f"{forger.code} wrote it")
    assert _person(border.show(answer["id"]), answer["people"][1]["id"])["custody"]["location"] == "station"
