"""Creations read through ``created_values``: a record from before a field existed gets that
field's legacy value, so a migrated store still equals the replay of its log."""

from __future__ import annotations

from app.domain import changes
from app.domain.changes import Change, create


def _band_created(fields: dict[str, object], hlc: str) -> Change:
    return Change("c1", "band", "b1", {k: (None, v) for k, v in fields.items()}, True, hlc, "HT56F", "ana", None)


LEGACY = {"person_id": "p1", "number": "HT56F2224Q", "status": "issued", "void_reason": None, "reprints": 0}


def test_a_band_created_before_schema_4_was_issued_on_the_utc_date_of_its_clock() -> None:
    late_evening_in_arizona = "1764039600000-00000-HT56F"  # 2025-11-25T03:00Z = 24 Nov, 20:00 at UTC-7
    change = _band_created(LEGACY, late_evening_in_arizona)
    assert changes.created_values(change) == {**LEGACY, "issued_on": "2025-11-25", "printed_at": None,
                                              "attached_at": None}
    state = changes.replay([change])
    assert state["band"]["b1"]["issued_on"] == "2025-11-25"


def test_an_explicit_issue_date_wins_even_when_it_is_empty() -> None:
    assert changes.created_values(_band_created({**LEGACY, "issued_on": "2026-11-24"}, "1764039600000-00000-X")
                                  )["issued_on"] == "2026-11-24"
    assert changes.created_values(_band_created({**LEGACY, "issued_on": None}, "1764039600000-00000-X")
                                  )["issued_on"] is None


def test_other_missing_fields_are_none_and_mutations_are_never_upgraded() -> None:
    assert changes.created_values(create("band", "b1", LEGACY))["issued_on"] is None


def test_utc_date_of_a_clock_reading() -> None:
    assert changes.utc_date_of("0000000000000-00000-X") == "1970-01-01"
    assert changes.utc_date_of("1764028799999-00007-X") == "2025-11-24"
    assert changes.utc_date_of("1764028800000-00000-X") == "2025-11-25"
