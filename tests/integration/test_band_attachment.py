"""A band's life at the desk, through the services: the first print a printer takes is recorded,
printing again is a reprint that needs a reason, and each band scanned as it goes on a wrist is
confirmed for its person only: a band of someone else, of another family, forged, voided or typed
by hand is told apart and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from app import services
from app.bands import base45
from app.domain.errors import ValidationError
from app.store import audit_log, schema
from tests.band_images import band_family_document
from tests.conftest import adult, child, document, link
from tests.integration.test_print_zpl import FakeZebra, _serve


@pytest.fixture
def printer() -> Iterator[FakeZebra]:
    yield from _serve(FakeZebra())


@pytest.fixture
def family(agent: services.Session) -> dict[str, Any]:
    answer = services.register_family(session=agent, document=band_family_document())["families"][0]
    return services.show_family(session=agent, ident=answer["number"])


def _bands(session: services.Session) -> dict[str, dict[str, Any]]:
    with session.engine.connect() as conn:
        return {row["number"]: dict(row) for row in conn.execute(select(schema.band)).mappings()}


def _scan(session: services.Session, band: str) -> str:
    return services.band_payload(session=session, band=band)


def _send(session: services.Session, family: dict[str, Any], printer: FakeZebra, **kwargs: Any) -> dict[str, Any]:
    return services.send_family_zpl(session=session, family=family["number"], host="127.0.0.1", port=printer.port,
                                    status_timeout=2, **kwargs)


def test_the_first_print_is_recorded_and_a_second_needs_a_reason(agent: services.Session, family: dict[str, Any],
                                                                  printer: FakeZebra) -> None:
    assert all(row["printed_at"] is None for row in _bands(agent).values())
    _send(agent, family, printer)
    first = _bands(agent)
    assert all(row["printed_at"] and row["reprints"] == 0 for row in first.values())
    job = services.band_job(session=agent, family=family["number"])
    assert sorted(services.reprints(session=agent, job=job)) == sorted(p["band"] for p in family["people"])

    with pytest.raises(ValidationError, match="printed before: say why"):
        _send(agent, family, printer)
    assert len(printer.jobs) == 1, "a refused reprint never reaches the printer"
    assert _bands(agent) == first

    _send(agent, family, printer, reason="bands torn by the rain")
    again = _bands(agent)
    assert all(row["reprints"] == 1 and row["printed_at"] == first[n]["printed_at"] for n, row in again.items())
    history = services.show_family(session=agent, ident=family["number"])["history"]
    assert "bands torn by the rain" in json.dumps(history)


def test_a_print_the_printer_did_not_take_records_nothing(agent: services.Session, family: dict[str, Any]) -> None:
    silent = FakeZebra()
    silent.server_close()  # nobody listens on that port any more
    with pytest.raises(services.PrinterError):
        services.send_family_zpl(session=agent, family=family["number"], host="127.0.0.1", port=silent.port,
                                 status_timeout=0.5)
    assert all(row["printed_at"] is None for row in _bands(agent).values())


def test_each_band_is_confirmed_on_its_own_person(agent: services.Session, family: dict[str, Any]) -> None:
    people = family["people"]
    for person in people:
        answer = services.confirm_attachment(session=agent, person=person["id"], scan=_scan(agent, person["band"]))
        assert (answer["outcome"], answer["band"]) == ("attached", person["band"])
    rows = _bands(agent)
    assert all(row["attached_at"] and row["printed_at"] for row in rows.values())
    again = services.confirm_attachment(session=agent, person=people[0]["id"], scan=_scan(agent, people[0]["band"]))
    assert again["outcome"] == "already_attached"
    assert _bands(agent) == rows, "a second scan changes nothing"


def test_a_band_of_someone_else_in_the_family_is_flagged(agent: services.Session, family: dict[str, Any]) -> None:
    adult_, child_ = family["people"][0], family["people"][1]
    before = _bands(agent)
    answer = services.confirm_attachment(session=agent, person=child_["id"], scan=_scan(agent, adult_["band"]))
    assert (answer["outcome"], answer["belongs_to"]) == ("wrong_person", adult_["id"])
    assert _bands(agent) == before
    audit = _last_audit(agent)
    detail = json.loads(audit["detail"]) if isinstance(audit["detail"], str) else audit["detail"]
    assert (audit["action"], audit["outcome"], detail["outcome"]) == ("band.attach", "negative", "wrong_person")


def test_a_band_of_another_family_forged_voided_or_typed_is_refused(agent: services.Session,
                                                                    supervisor: services.Session,
                                                                    family: dict[str, Any]) -> None:
    other = services.register_family(session=agent, document=document({
        "people": [adult("a1", given="Quetzaly", family="Noj"), child("c1", given="Ixmukané", family="Noj")],
        "links": [link("a1", "c1", "mother")]}))["families"][0]
    person = family["people"][0]
    before = _bands(agent)

    stranger = services.confirm_attachment(session=agent, person=person["id"],
                                           scan=_scan(agent, other["people"][0]["band"]))
    assert stranger["outcome"] == "other_family" and other["number"] in stranger["reason"]

    genuine = base45.decode(_scan(agent, person["band"]))
    forged = base45.encode(genuine[:-1] + bytes([genuine[-1] ^ 1]))
    assert services.confirm_attachment(session=agent, person=person["id"], scan=forged)["problem"] == "bad_signature"

    typed = services.confirm_attachment(session=agent, person=person["id"], scan=person["band"])
    assert typed["outcome"] == "not_a_scan" and "scan the band" in typed["reason"]
    assert _bands(agent) == before

    payload_before_void = _scan(agent, person["band"])
    services.void_band(session=supervisor, band=person["band"], reason="printed with a smudged code")
    voided = services.confirm_attachment(session=agent, person=person["id"], scan=payload_before_void)
    assert (voided["outcome"], voided["problem"]) == ("invalid", "voided")


def test_a_scan_with_caps_lock_on_is_confirmed(agent: services.Session, family: dict[str, Any]) -> None:
    person = family["people"][1]
    answer = services.confirm_attachment(session=agent, person=person["id"],
                                         scan=_scan(agent, person["band"]).lower() + "\r")
    assert answer["outcome"] == "attached"


def test_an_admin_may_not_confirm_bands(admin: services.Session, agent: services.Session,
                                        family: dict[str, Any]) -> None:
    person = family["people"][0]
    with pytest.raises(services.NotPermitted):
        services.confirm_attachment(session=admin, person=person["id"], scan=_scan(agent, person["band"]))


def _last_audit(session: services.Session) -> dict[str, Any]:
    with session.engine.connect() as conn:
        return list(audit_log.rows(conn))[-1]
