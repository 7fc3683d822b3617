"""Bands after registration: the signed QR payload of a band, scan-to-verify (one band, or two
for "same family?"), reprint, void and reissue. Every check and every change is audited; changes
are signed change records like any other."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from app.bands import payload as band_payload_format
from app.domain import bandnumber, views
from app.domain import bands as band_rules
from app.domain.errors import NotFound, ValidationError
from app.security import identity
from app.security.roles import Permission
from app.store import accounts, queries
from app.store.changelog import ChangeWriter, load_row

from .answers import Attachment, BandCheck, BandHolder, BandStatement, Match, ValidCheck, Verification
from .families import allocators
from .session import Session


def band_payload(*, session: Session, band: str) -> str:
    """The signed Base45 text for the QR code of one of this station's issued bands."""
    session.require(Permission.PRINT, action="band.payload", target=band)
    with session.engine.connect() as conn:
        row = _band(conn, band)
        if row["status"] != "issued":
            raise ValidationError.one("band", f"{bandnumber.format_band_number(row['number'])} is voided "
                                              f"({row['void_reason']}); issue a new band instead")
        statement = _statement(conn, row)
    if statement.station != session.identity.code:
        raise ValidationError.one("band", "was issued by another station; only that station signs it")
    return band_payload_format.encode(statement, session.identity.sign(statement.message()))


def verify_bands(*, session: Session, payloads: list[str]) -> Verification:
    """One scan: is it a valid band (and whose)? Two scans: MATCH when both are valid bands of the
    same family unit, else NO MATCH with the reasons. The check is audited (ids, never names)."""
    session.require(Permission.READ, action="band.verify")
    if len(payloads) not in (1, 2):
        raise ValidationError.one("payloads", f"give one or two scanned bands, not {len(payloads)}")
    with session.engine.begin() as conn:
        checks = [check_scan(conn, session, text) for text in payloads]
        answer: Verification = {"bands": checks}
        problems = [c["problem"] for c in checks]
        if len(checks) == 2:
            valid = [c for c in checks if c["valid"]]
            pair = _pair_problem(*valid) if len(valid) == 2 else None
            answer = {"bands": checks, **_match(checks, valid, pair)}
            problems += [pair[0]] if pair else []
        # Problem codes, not reasons: a void reason is free text and may name someone.
        session.audit(conn, "band.verify", outcome="ok" if _positive(answer) else "negative",
                      detail={"bands": [c.get("band") for c in checks], "result": answer.get("result"),
                              "problems": problems})
    return answer


def record_reprint(*, session: Session, band: str, reason: str) -> dict[str, Any]:
    session.require(Permission.PRINT, action="band.reprint", target=band)
    text = band_rules.reason_text(reason)
    with session.writing() as (conn, writer):
        row = _band(conn, band)
        writer.write([band_rules.reprint(row)], reason=text)
        session.audit(conn, "band.reprint", row["id"])
    return {"band": bandnumber.format_band_number(row["number"]), "reprints": int(row["reprints"] or 0) + 1}


def void_band(*, session: Session, band: str, reason: str) -> dict[str, Any]:
    session.require(Permission.VOID_BAND, action="band.void", target=band)
    text = band_rules.reason_text(reason)
    with session.writing() as (conn, writer):
        row = _band(conn, band)
        writer.write([band_rules.void(row, text)], reason=text)
        session.audit(conn, "band.void", row["id"])
    return {"band": bandnumber.format_band_number(row["number"]), "status": "voided", "reason": text}


def reissue_band(*, session: Session, person: str, reason: str) -> dict[str, Any]:
    """A new band number for a person whose band was voided (lost, damaged, wrong person)."""
    session.require(Permission.VOID_BAND, action="band.reissue", target=person)
    text = band_rules.reason_text(reason)
    with session.writing() as (conn, writer):
        row = queries.person_for_band(conn, person) or load_row(conn, "person", person)
        if row is None:
            raise NotFound(f"no person or band {person!r} in this station's records")
        issued = queries.issued_band(conn, row["id"])
        if issued:
            raise ValidationError.one("band", f"{bandnumber.format_band_number(issued)} is still valid: "
                                              "void it first (with the reason), then issue a new one")
        alloc = allocators(conn, session.identity.code)
        number = alloc.band_number()
        writer.write(
            [band_rules.reissue(row["id"], alloc.new_id(), number, datetime.now(UTC).date())], reason=text)
        session.audit(conn, "band.reissue", row["id"])
    return {"person": row["id"], "band": bandnumber.format_band_number(number)}


def confirm_attachment(*, session: Session, person: str, scan: str) -> Attachment:
    """A band scanned as it goes on ``person``'s wrist (a person id). The answer's ``outcome``:
    ``attached`` (recorded now), ``already_attached``, ``wrong_person`` (a band of this family unit
    for someone else: ``belongs_to`` names them), ``other_family``, ``invalid`` (``problem`` and
    ``reason`` as in verify) or ``not_a_scan`` (typed text: only the printed QR proves the band
    reads). Only ``attached`` changes anything. Every scan is audited, by ids."""
    session.require(Permission.PRINT, action="band.attach", target=person)
    with session.writing() as (conn, writer):
        wearer = load_row(conn, "person", person)
        if wearer is None:
            raise NotFound(f"no person {person!r} in this station's records")
        answer = _attachment(writer, session, wearer, scan)
        session.audit(conn, "band.attach", person, outcome="ok" if answer["outcome"] == "attached" else "negative",
                      detail={"band": answer.get("band"), "outcome": answer["outcome"]})
    return answer


def _attachment(writer: ChangeWriter, session: Session, wearer: dict[str, Any], scan: str) -> Attachment:
    conn = writer.conn
    if not band_payload_format.looks_like_payload(scan):
        return {"outcome": "not_a_scan", "band": None,
                "reason": "this is not a band's QR code: scan the band (a typed number does not prove it reads)"}
    check = check_scan(conn, session, scan)
    if not check["valid"]:
        return {"outcome": "invalid", "band": check["band"], "problem": check["problem"], "reason": check["reason"]}
    band, owner = check["band"], check["person"]
    family = load_row(conn, "family", wearer["family_id"])
    if owner is None or family is None or owner["family_id"] != wearer["family_id"]:
        return {"outcome": "other_family", "band": band, "family": check["family"],
                "reason": f"this band belongs to family unit {check['family']}, not {family and family['number']}"}
    if owner["id"] != wearer["id"]:
        return {"outcome": "wrong_person", "band": band, "belongs_to": owner["id"],
                "reason": "this band is for someone else in the family unit"}
    row = _band(conn, band)
    mutation = band_rules.attached(row, datetime.now(UTC).isoformat(timespec="seconds"))
    if mutation is None:
        return {"outcome": "already_attached", "band": band, "attached_at": row["attached_at"]}
    writer.write([mutation])
    return {"outcome": "attached", "band": band}


def record_printed(writer: ChangeWriter, bands: list[str], *, reason: str | None) -> None:
    """After a job a printer took, in its transaction: each band's first print, or a reprint
    (counted, with ``reason``) of a band printed before."""
    mutations = []
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for number in bands:
        row = _band(writer.conn, number)
        first = band_rules.printed(row, now)
        mutations.append(first if first is not None else band_rules.reprint(row))
    writer.write(mutations, reason=reason)


def printed_before(conn: Connection, bands: list[str]) -> list[str]:
    """Those of ``bands`` (numbers) that were printed before: printing them again is a reprint."""
    return [number for number in bands if _band(conn, number)["printed_at"]]


# --- helpers -------------------------------------------------------------------------------------

def _band(conn: Connection, text: str) -> dict[str, Any]:
    found = queries.band_row(conn, text)
    if found is None:
        raise NotFound(f"no band {text!r} in this station's records")
    return found


def _statement(conn: Connection, band: dict[str, Any]) -> band_payload_format.BandPayload:
    person = load_row(conn, "person", band["person_id"])
    family = load_row(conn, "family", person["family_id"]) if person else None
    if person is None or family is None:
        raise NotFound(f"band {band['number']!r} has no person or family unit here")
    if not band["issued_on"]:
        raise ValidationError.one("band", f"{bandnumber.format_band_number(band['number'])} has no issue date "
                                          "recorded, so no payload can be signed for it")
    return band_payload_format.BandPayload(band=band["number"], family=family["number"], role=person["role"],
                                           issued=date.fromisoformat(band["issued_on"]))


def _public_key(conn: Connection, session: Session, station: str) -> tuple[bytes | None, str, str]:
    """The issuing station's key, or the problem code and reason why there is none to trust."""
    if station == session.identity.code:
        return session.identity.public_key, "", ""
    row = accounts.trusted_key(conn, station)
    if row is None:
        return None, "unknown_station", f"issued by station {station}, whose key this station does not have"
    if row["revoked_at"]:
        return None, "revoked_station", f"issued by station {station}, whose key was revoked"
    return bytes(row["public_key"]), "", ""


def check_scan(conn: Connection, session: Session, text: str) -> BandCheck:
    """One scanned text: valid or not, why, and the person when this station knows them."""
    try:
        statement, signature = band_payload_format.parse(text)
    except band_payload_format.PayloadError as error:
        return {"valid": False, "problem": "malformed", "reason": str(error), "band": None}
    answer: BandStatement = {"band": bandnumber.format_band_number(statement.band), "family": statement.family,
                             "role": statement.role, "station": statement.station,
                             "issued": statement.issued.isoformat()}
    key, problem, reason = _public_key(conn, session, statement.station)
    if key is None:
        return {**answer, "valid": False, "problem": problem, "reason": reason}
    if not identity.verify(key, signature, statement.message()):
        return {**answer, "valid": False, "problem": "bad_signature",
                "reason": "bad signature: this band was not issued as it reads (altered or forged)"}
    row = queries.band_row(conn, statement.band)
    if row is not None and row["status"] == "voided":
        return {**answer, "valid": False, "problem": "voided", "reason": f"voided: {row['void_reason']}"}
    person = _person(conn, row["person_id"]) if row is not None else None
    if person is not None:
        session.audit(conn, "person.view", person["id"], detail={"via": "band.verify"})
    return {**answer, "valid": True, "problem": None, "reason": "", "person": person}


def _person(conn: Connection, person_id: str) -> BandHolder | None:
    person = load_row(conn, "person", person_id)
    if person is None:
        return None
    return {"id": person["id"], "role": person["role"], "given_names": person["given_names"],
            "family_names": person["family_names"], "birth_date": person["birth_date"],
            "age_estimate_years": person["age_estimate_years"], "preverbal": person["preverbal"],
            "family_id": person["family_id"], "description": person["description"],
            "photos": [views.photo_view(ph) for ph in queries.photos_of(conn, [person["id"]])]}


def _match(checks: list[BandCheck], valid: list[ValidCheck], pair: tuple[str, str] | None) -> Match:
    reasons = [f"band {i}: {c['reason']}" for i, c in enumerate(checks, start=1) if not c["valid"]]
    reasons += [pair[1]] if pair else []
    return {"result": "NO MATCH" if reasons else "MATCH", "reasons": reasons,
            "family": None if reasons else valid[0]["family"]}


def _pair_problem(first: ValidCheck, second: ValidCheck) -> tuple[str, str] | None:
    """Why two valid bands are not one family's, as (code, reason); None when they are."""
    if first["band"] == second["band"]:
        return "same_band", "the same band was scanned twice"
    if first["family"] != second["family"]:
        return "different_families", f"different family units ({first['family']} and {second['family']})"
    if first["station"] != second["station"]:
        return "different_stations", (f"issued by different stations ({first['station']} and "
                                      f"{second['station']}): the bands of one family unit come from one station")
    return None


def _positive(answer: Verification) -> bool:
    if "result" in answer:
        return bool(answer["result"] == "MATCH")
    return bool(answer["bands"][0]["valid"])
