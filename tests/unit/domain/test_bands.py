"""A band's life after registration, as mutations: reprint, void (with a reason), reissue."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.domain import bands
from app.domain.changes import update
from app.domain.errors import InvariantViolation, ValidationError

BAND: dict[str, Any] = {"id": "b1", "person_id": "p1", "number": "HT56F2224Q", "status": "issued",
                        "void_reason": None, "reprints": 0, "issued_on": "2026-11-24"}


def test_a_reprint_counts_and_keeps_everything_else() -> None:
    mutation = bands.reprint(BAND)
    assert (mutation.entity_id, mutation.fields) == ("b1", {"reprints": (0, 1)})
    assert bands.reprint({**BAND, "reprints": None}).fields == {"reprints": (None, 1)}


def test_a_void_records_the_reason() -> None:
    assert bands.void(BAND, "lost").fields == {"status": ("issued", "voided"), "void_reason": (None, "lost")}


@pytest.mark.parametrize("change", [bands.reprint, lambda band: bands.void(band, "again")])
def test_a_voided_band_is_neither_reprinted_nor_voided_again(change: Any) -> None:
    with pytest.raises(InvariantViolation, match=r"voided \(wrong wrist\).*issue a new band instead"):
        change({**BAND, "status": "voided", "void_reason": "wrong wrist"})


def test_a_reissue_is_a_new_band_dated_the_day_it_is_issued() -> None:
    mutation = bands.reissue("p1", "b2", "HT56F2225R", date(2026, 12, 1))
    assert mutation.created and mutation.entity_id == "b2"
    assert {k: new for k, (_, new) in mutation.fields.items()} == {
        "person_id": "p1", "number": "HT56F2225R", "status": "issued", "void_reason": None, "reprints": 0,
        "issued_on": "2026-12-01", "printed_at": None, "attached_at": None}


def test_the_first_print_is_recorded_once_and_later_prints_are_reprints() -> None:
    first = bands.printed(BAND, "2026-11-25T01:00:00+00:00")
    assert first is not None and first.fields == {"printed_at": (None, "2026-11-25T01:00:00+00:00")}
    assert bands.printed({**BAND, "printed_at": "2026-11-25T01:00:00+00:00"}, "2026-11-25T02:00:00+00:00") is None
    with pytest.raises(InvariantViolation, match="cannot be printed"):
        bands.printed({**BAND, "status": "voided", "void_reason": "torn"}, "2026-11-25T01:00:00+00:00")


def test_an_attachment_is_recorded_once_and_counts_as_a_print() -> None:
    at = "2026-11-25T01:05:00+00:00"
    unprinted = bands.attached(BAND, at)
    assert unprinted is not None and unprinted.fields == {"attached_at": (None, at), "printed_at": (None, at)}
    printed = bands.attached({**BAND, "printed_at": "2026-11-25T01:00:00+00:00"}, at)
    assert printed is not None and printed.fields == {"attached_at": (None, at)}
    assert bands.attached({**BAND, "printed_at": at, "attached_at": at}, "2026-11-25T03:00:00+00:00") is None
    with pytest.raises(InvariantViolation, match="cannot be attached"):
        bands.attached({**BAND, "status": "voided", "void_reason": "wrong wrist"}, at)


def test_number_person_and_issue_date_never_change() -> None:
    for name, value in (("number", "HT56F2226S"), ("person_id", "p2"), ("issued_on", "2026-11-25")):
        with pytest.raises(InvariantViolation, match="fixed when the record is created"):
            update("band", "b1", BAND, {name: value})


@pytest.mark.parametrize("reason", [None, "", "   ", "x" * (bands.MAX_REASON + 1), 7])
def test_a_reason_is_required_text(reason: Any) -> None:
    with pytest.raises(ValidationError, match="reason"):
        bands.reason_text(reason)


def test_a_reason_is_kept_as_given() -> None:
    assert bands.reason_text("  torn at the clasp ") == "torn at the clasp"
    assert bands.reason_text("x" * bands.MAX_REASON) == "x" * bands.MAX_REASON
