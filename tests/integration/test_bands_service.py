"""Bands through the services: payloads verify, two bands answer MATCH or NO MATCH with the
reason, voided and foreign bands are told apart, reprint / void / reissue are signed changes,
roles are enforced and every check is audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from app import services
from app.bands import base45, payload
from app.domain import bandnumber
from app.store import audit_log, schema
from tests.conftest import adult, child, document, link


@pytest.fixture
def bands(agent: services.Session, example_document: bytes) -> dict[str, Any]:
    first = services.register_family(session=agent, document=example_document)["families"][0]
    other = services.register_family(session=agent, document=document({
        "people": [adult("a1", given="Rosmérix", family="Tepéxol"), child("c1", given="Ánxelo", family="Tepéxol")],
        "links": [link("a1", "c1", "father")]}))["families"][0]
    mother, baby = (p["band"] for p in first["people"])
    return {"mother": mother, "baby": baby, "stranger": other["people"][1]["band"], "family": first["number"]}


def _payload(session: services.Session, band: str) -> str:
    return services.band_payload(session=session, band=band)


def _last_audit(session: services.Session) -> dict[str, Any]:
    with session.engine.connect() as conn:
        return list(audit_log.rows(conn))[-1]


def test_one_band_is_valid_and_names_its_person(agent: services.Session, bands: dict[str, Any]) -> None:
    answer = services.verify_bands(session=agent, payloads=[_payload(agent, bands["baby"])])
    (check,) = answer["bands"]
    assert check["valid"] and check["band"] == bands["baby"] and check["family"] == bands["family"]
    assert check["role"] == "child" and check["person"]["given_names"] is None and check["person"]["preverbal"]
    audit = _last_audit(agent)
    assert audit["action"] == "band.verify" and audit["outcome"] == "ok"
    assert "García" not in json.dumps(audit["detail"]), "the audit holds ids, not names"


def test_mother_and_baby_match(agent: services.Session, bands: dict[str, Any]) -> None:
    answer = services.verify_bands(session=agent, payloads=[_payload(agent, bands["mother"]),
                                                            _payload(agent, bands["baby"])])
    assert (answer["result"], answer["reasons"], answer["family"]) == ("MATCH", [], bands["family"])


def test_bands_of_different_families_do_not_match(agent: services.Session, bands: dict[str, Any]) -> None:
    answer = services.verify_bands(session=agent, payloads=[_payload(agent, bands["mother"]),
                                                            _payload(agent, bands["stranger"])])
    assert answer["result"] == "NO MATCH" and "different family units" in answer["reasons"][0]
    assert json.loads(_last_audit(agent)["detail"])["problems"] == [None, None, "different_families"]
    assert _last_audit(agent)["outcome"] == "negative"


def test_the_same_band_twice_is_not_a_match(agent: services.Session, bands: dict[str, Any]) -> None:
    text = _payload(agent, bands["baby"])
    assert services.verify_bands(session=agent, payloads=[text, text])["reasons"] == [
        "the same band was scanned twice"]


def test_a_forged_band_fails_its_signature(agent: services.Session, bands: dict[str, Any]) -> None:
    raw = bytearray(base45.decode(_payload(agent, bands["stranger"])))
    statement, _ = payload.parse(base45.encode(bytes(raw)))
    forged = payload.BandPayload(band=statement.band, family=bands["family"], role=statement.role,
                                 issued=statement.issued)  # claims the other family, keeps the old signature
    text = payload.encode(forged, bytes(raw[payload.DATA_BYTES:]))
    answer = services.verify_bands(session=agent, payloads=[_payload(agent, bands["mother"]), text])
    assert answer["result"] == "NO MATCH" and "band 2: bad signature" in answer["reasons"][0]
    assert answer["bands"][1]["problem"] == "bad_signature"


def test_garbage_is_malformed(agent: services.Session, bands: dict[str, Any]) -> None:
    (check,) = services.verify_bands(session=agent, payloads=["HELLO WORLD"])["bands"]
    assert not check["valid"] and check["reason"].startswith("not a Kinlink band")


def test_a_voided_band_fails_with_its_reason(agent: services.Session, supervisor: services.Session,
                                             bands: dict[str, Any]) -> None:
    text = _payload(agent, bands["baby"])
    services.void_band(session=supervisor, band=bands["baby"], reason="cut off by mistake")
    answer = services.verify_bands(session=agent, payloads=[_payload(agent, bands["mother"]), text])
    assert answer["result"] == "NO MATCH" and answer["reasons"] == ["band 2: voided: cut off by mistake"]
    assert answer["bands"][1]["problem"] == "voided"
    assert json.loads(_last_audit(agent)["detail"])["problems"] == [None, "voided"]
    assert "cut off" not in _last_audit(agent)["detail"], "a void reason is free text: not in the audit"
    with pytest.raises(services.ValidationError, match="voided"):
        _payload(agent, bands["baby"])
    with pytest.raises(services.InvariantViolation, match="cannot be reprinted"):
        services.record_reprint(session=agent, band=bands["baby"], reason="smudged")


def test_reissue_gives_a_new_number_and_the_old_one_stays_voided(supervisor: services.Session,
                                                                 agent: services.Session,
                                                                 bands: dict[str, Any]) -> None:
    with pytest.raises(services.ValidationError, match="still valid: void it first"):
        services.reissue_band(session=supervisor, person=bands["baby"], reason="lost")
    services.void_band(session=supervisor, band=bands["baby"], reason="lost in transport")
    new = services.reissue_band(session=supervisor, person=bands["baby"], reason="replacement")["band"]
    assert new != bands["baby"]
    family = services.show_family(session=agent, ident=new)
    baby = next(p for p in family["people"] if p["role"] == "child")
    assert baby["band"] == new
    assert {(b["number"], b["status"]) for b in baby["bands"]} == {(bands["baby"], "voided"), (new, "issued")}
    match = services.verify_bands(session=agent, payloads=[_payload(agent, bands["mother"]), _payload(agent, new)])
    assert match["result"] == "MATCH"


def test_a_reprint_keeps_the_number_and_is_counted_in_the_history(agent: services.Session,
                                                                  bands: dict[str, Any]) -> None:
    before = _payload(agent, bands["mother"])
    assert services.record_reprint(session=agent, band=bands["mother"], reason="smudged")["reprints"] == 1
    assert services.record_reprint(session=agent, band=bands["mother"], reason="torn")["reprints"] == 2
    assert _payload(agent, bands["mother"]) == before, "a reprint prints the very same band"
    history = services.show_family(session=agent, ident=bands["mother"])["history"]
    assert [h["reason"] for h in history if h["entity"] == "band" and not h["created"]] == ["smudged", "torn"]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501, None])
def test_void_needs_a_reason(supervisor: services.Session, bands: dict[str, Any], reason: Any) -> None:
    with pytest.raises(services.ValidationError, match="reason"):
        services.void_band(session=supervisor, band=bands["baby"], reason=reason)


def test_an_agent_may_not_void_or_reissue(agent: services.Session, bands: dict[str, Any]) -> None:
    with pytest.raises(services.NotPermitted):
        services.void_band(session=agent, band=bands["baby"], reason="mistake")
    with pytest.raises(services.NotPermitted):
        services.reissue_band(session=agent, person=bands["baby"], reason="mistake")
    assert _last_audit(agent)["outcome"] == "denied"


def test_an_admin_may_not_verify_or_print(admin: services.Session, agent: services.Session,
                                          bands: dict[str, Any]) -> None:
    text = _payload(agent, bands["baby"])
    with pytest.raises(services.NotPermitted):
        services.verify_bands(session=admin, payloads=[text])
    with pytest.raises(services.NotPermitted):
        services.band_payload(session=admin, band=bands["baby"])


@pytest.fixture
def other_station(tmp_path: Path) -> Iterator[services.Session]:
    services.init_station(data_dir=tmp_path / "other", station_name="Other", admin="boss",
                          passphrase="other boss passphrase")
    boss = services.sign_in(data_dir=tmp_path / "other", user="boss", passphrase="other boss passphrase")
    services.add_user(session=boss, name="eva", role="agent", passphrase="eva passphrase 12")
    eva = services.sign_in(data_dir=tmp_path / "other", user="eva", passphrase="eva passphrase 12")
    yield eva
    eva.close()
    boss.close()


def test_another_stations_band_verifies_once_its_key_is_trusted(
        agent: services.Session, admin: services.Session, other_station: services.Session,
        example_document: bytes) -> None:
    band = services.register_family(session=other_station, document=example_document)["families"][0]["people"][1]
    text = services.band_payload(session=other_station, band=band["band"])
    (check,) = services.verify_bands(session=agent, payloads=[text])["bands"]
    assert not check["valid"] and "whose key this station does not have" in check["reason"]
    assert check["problem"] == "unknown_station"

    services.trust_station(session=admin, exported=json.dumps(services.station_key(session=other_station)))
    (check,) = services.verify_bands(session=agent, payloads=[text])["bands"]
    assert check["valid"] and check["person"] is None, "valid, but this station does not hold the person"

    with admin.engine.begin() as conn:
        conn.execute(update(schema.trusted_key).values(revoked_at="2026-11-25T00:00:00+00:00"))
    (check,) = services.verify_bands(session=agent, payloads=[text])["bands"]
    assert not check["valid"] and "revoked" in check["reason"] and check["problem"] == "revoked_station"


def test_three_payloads_are_refused(agent: services.Session, bands: dict[str, Any]) -> None:
    text = _payload(agent, bands["baby"])
    with pytest.raises(services.ValidationError, match="one or two"):
        services.verify_bands(session=agent, payloads=[text, text, text])


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_the_payload_carries_the_issue_date_of_the_band(agent: services.Session, supervisor: services.Session,
                                                        bands: dict[str, Any]) -> None:
    (check,) = services.verify_bands(session=agent, payloads=[_payload(agent, bands["baby"])])["bands"]
    assert check["issued"] == _today(), "registered today (UTC)"
    services.void_band(session=supervisor, band=bands["baby"], reason="torn")
    new = services.reissue_band(session=supervisor, person=bands["baby"], reason="replacement")["band"]
    statement, _ = payload.parse(_payload(agent, new))
    assert statement.issued.isoformat() == _today() and statement.band == new.replace("-", "")


def test_a_band_number_is_never_reused(supervisor: services.Session, agent: services.Session,
                                       bands: dict[str, Any]) -> None:
    services.void_band(session=supervisor, band=bands["baby"], reason="wrong wrist")
    new = services.reissue_band(session=supervisor, person=bands["baby"], reason="replacement")["band"]
    with agent.engine.connect() as conn:
        numbers = [bandnumber.parse_band_number(n).sequence for n in conn.execute(select(schema.band.c.number))
                   .scalars()]
    assert len(numbers) == len(set(numbers)) == 5, "four registered, one reissued; the voided one stays"
    assert bandnumber.parse_band_number(new).sequence == max(numbers)
    with pytest.raises(services.InvariantViolation, match="cannot be voided again"):
        services.void_band(session=supervisor, band=bands["baby"], reason="again")
    with pytest.raises(services.NotFound):
        services.void_band(session=supervisor, band="XXXXX-2222-2", reason="no such band")


def test_a_trusted_station_cannot_vouch_for_another_stations_family(
        agent: services.Session, admin: services.Session, other_station: services.Session,
        bands: dict[str, Any]) -> None:
    """Station B signs a band claiming station A's family unit: each band verifies on its own,
    but the pair is NO MATCH, because the bands of one family come from one station."""
    services.trust_station(session=admin, exported=json.dumps(services.station_key(session=other_station)))
    claim = payload.BandPayload(band=bandnumber.make_band_number(other_station.identity.code, 2222),
                                family=bands["family"], role="child", issued=date(2026, 11, 25))
    text = payload.encode(claim, other_station.identity.sign(claim.message()))
    answer = services.verify_bands(session=agent, payloads=[_payload(agent, bands["mother"]), text])
    assert [c["valid"] for c in answer["bands"]] == [True, True]
    assert answer["result"] == "NO MATCH" and answer["reasons"][0].startswith("issued by different stations")


def test_every_check_is_audited_without_names(agent: services.Session, bands: dict[str, Any]) -> None:
    mother, baby = _payload(agent, bands["mother"]), _payload(agent, bands["baby"])
    with agent.engine.connect() as conn:
        before = len(list(audit_log.rows(conn)))
    for scans in ([baby], ["NOT A BAND"], [mother, baby], [mother, "NOT A BAND"]):
        services.verify_bands(session=agent, payloads=scans)
    with agent.engine.connect() as conn:
        records = [r for r in list(audit_log.rows(conn))[before:] if r["action"] == "band.verify"]
    assert [r["outcome"] for r in records] == ["ok", "negative", "ok", "negative"]
    details = [json.loads(r["detail"]) for r in records]
    assert [(d["result"], d["problems"]) for d in details] == [
        (None, [None]), (None, ["malformed"]), ("MATCH", [None, None]), ("NO MATCH", [None, "malformed"])]
    text = json.dumps(details, ensure_ascii=False)
    assert not any(name in text for name in ("María", "García", "José", "López")), "ids, never names"


def test_a_scan_typed_with_caps_lock_on_still_verifies(agent: services.Session, bands: dict[str, Any]) -> None:
    (check,) = services.verify_bands(session=agent, payloads=[_payload(agent, bands["baby"]).lower() + "\r\n"])[
        "bands"]
    assert check["valid"] and check["band"] == bands["baby"]
