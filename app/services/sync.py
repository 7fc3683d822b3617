"""Sync with the central registry: enrol the station once, then push and pull whenever there is a
network. The desktop app runs ``sync_now`` in the background; ``kinlink sync`` runs it directly.

Following a family unit held elsewhere is a scan of one of its bands (the signed payload; the
person is in front of the agent), or, for a lost band, its number with a reason. Either waits here
until the registry has answered it, so one made offline is made at the next sync.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app import bugreport
from app.bands import payload as band_payload
from app.domain import bandnumber
from app.domain import fields as f
from app.domain.errors import NotFound, ValidationError
from app.security import audit
from app.security.identity import verify
from app.security.roles import Permission
from app.store import syncing
from sync import client as sync_client
from sync import protocol

from . import sync_engine
from .answers import FollowAnswer, RefusedEntry, RefusedQueue, SyncAnswer, SyncCounts, SyncStatus
from .conflicts import record_context
from .session import Session, now_iso
from .users import set_recovery_key

if TYPE_CHECKING:
    import httpx

SyncFailure = sync_client.SyncFailure


class NotEnrolled(Exception):
    """The station has no registry yet."""

    def __init__(self) -> None:
        super().__init__("this station is not enrolled with a registry yet (an admin runs `kinlink enroll URL CODE`)")


def enroll_station(*, session: Session, url: str, code: str,
                   transport: httpx.BaseTransport | None = None) -> dict[str, Any]:
    """Register this station's key with a registry using a one-time code; keep the registry's keys."""
    session.require(Permission.ENROL, action="sync.enroll", target=url)
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValidationError.one("registry address", "must start with http:// or https:// "
                                                      "(for example https://registry.example:8443)")
    if len(protocol.normalise_code(code)) != 16:
        raise ValidationError.one("enrolment code", "must be the 16 letters and digits the registry printed "
                                                    "(for example ABCD-EFGH-JKLM-NPQR)")
    with sync_client.RegistryClient(url, session.identity, None, transport=transport) as client:
        try:
            answer = client.enroll(code)
        except SyncFailure as exc:
            with session.engine.begin() as conn:
                session.audit(conn, "sync.enroll", url, audit.Outcome.FAILED, {"error": str(exc)})
            raise
    registry = answer["registry"]
    key = protocol.unb64(registry["public_key"], "the registry's public key")
    with session.engine.begin() as conn:
        syncing.save_enrolment(conn, url=url, name=registry["name"], key=key, at=now_iso())
        session.audit(conn, "sync.enroll", url, detail={"registry": registry["name"]})
    recovery = registry.get("recovery_public_key")
    if recovery:  # the operators' key is the station's: it replaces one set before (audited, old and new)
        set_recovery_key(session=session, public_key=recovery, replace=True)
    with sync_client.RegistryClient(url, session.identity, key, transport=transport) as client:
        report = sync_engine.Report()
        sync_engine.refresh_keys(session.engine, client, report)  # the other stations' keys, at once
        sync_engine.refresh_policies(session.engine, client)
    with session.engine.connect() as conn:
        place = session.place(conn)  # the agency and facility the enrolment code said
    return {"station": session.identity.code, "registry": registry["name"], "url": url,
            "recovery_slot": bool(recovery), "stations": report.new_stations, "agency": place.agency,
            "facility": place.facility}


def sync_now(*, session: Session, follow: Sequence[str] = (), progress: sync_engine.Progress | None = None,
             transport: httpx.BaseTransport | None = None) -> SyncAnswer:
    """Push every pending change, make the follows waiting (and those of ``follow``: scanned band
    payloads), then pull what is new for the families this station holds. Raises ``SyncFailure``
    with the reason; what completed stays, and the failure is counted whatever went wrong."""
    session.require(Permission.SYNC, action="sync")
    with session.engine.connect() as conn:
        state = syncing.enrolment(conn)
    if state is None:
        raise NotEnrolled()
    if follow:
        follow_bands(session=session, payloads=follow)
    started = now_iso()
    try:
        with sync_client.RegistryClient(state["registry_url"], session.identity, bytes(state["registry_key"]),
                                        transport=transport) as client:
            report = sync_engine.run(session.engine, client, progress=progress)
    except SyncFailure as exc:
        _failed(session, state["registry_url"], started, str(exc))
        raise
    except Exception as exc:  # a bug: counted and said too, so that the status never claims all is well
        reference = bugreport.record(exc, session.data_dir / "logs")
        _failed(session, state["registry_url"], started, f"something went wrong (reference {reference})")
        raise
    with session.engine.begin() as conn:
        syncing.record_outcome(conn, at=started, error=None)
        session.audit(conn, "sync", state["registry_url"], detail=report.as_dict())
    status = sync_status(session=session)
    if not status["enrolled"]:  # it was a moment ago: only a store replaced under the app could get here
        raise NotEnrolled()
    return {**report.as_dict(), **status}


def _failed(session: Session, url: str, started: str, error: str) -> None:
    with session.engine.begin() as conn:
        syncing.record_outcome(conn, at=started, error=error)
        session.audit(conn, "sync", url, audit.Outcome.FAILED, {"error": error})


def sync_status(*, session: Session) -> SyncStatus:
    """What the status bar shows: enrolled where, last success, pending changes, the last error,
    conflicts, and what waits for a supervisor (refused transactions, records set aside)."""
    with session.engine.connect() as conn:
        state = syncing.enrolment(conn)
        counts: SyncCounts = {
            "pending": syncing.pending_count(conn), "conflicts": syncing.conflict_count(conn),
            "refused": syncing.refused_count(conn), "quarantined": syncing.quarantine_count(conn),
            "follows_waiting": len(syncing.pending_follows(conn))}
    if state is None:
        return {"enrolled": False, **counts}
    retry = None
    if state["last_error"] and state["last_attempt"]:
        wait = sync_engine.backoff_seconds(int(state["failures"]), jitter=0)
        retry = (datetime.fromisoformat(state["last_attempt"]) + timedelta(seconds=wait)).isoformat(
            timespec="seconds")
    return {"enrolled": True, "registry": state["registry_name"], "url": state["registry_url"],
            "last_success": state["last_success"], "last_attempt": state["last_attempt"],
            "last_error": state["last_error"], "failures": int(state["failures"]), "retry_after": retry,
            "cursor": int(state["cursor"]), **counts}


def backoff_seconds(failures: int) -> float:
    """How long the app waits before it tries again after ``failures`` failed syncs in a row."""
    return sync_engine.backoff_seconds(failures)


BACKOFF_MAX = sync_engine.BACKOFF_MAX


# --- following a family unit held elsewhere ----------------------------------------------------

def follow_bands(*, session: Session, payloads: Sequence[str]) -> FollowAnswer:
    """Hold the family units of scanned bands from the next sync on (their whole history comes then).
    Each payload must read as a band payload; its signature is checked here when this station knows
    the issuing station's key (and again by the registry). A bare band number is not a scan: it is
    refused, naming the way for a lost band (``follow_number``)."""
    session.require(Permission.SYNC, action="sync.follow")
    scanned: list[tuple[str, str]] = []
    for text in payloads:  # kept as scanned: a space is a character of the payload's alphabet
        if bandnumber.looks_like_band_number(text.strip()):
            raise ValidationError.one("follow", f"{text.strip()} is a band number, not a scanned band: scan its QR "
                                                "code, or for a lost band give its number with a reason (kinlink "
                                                "sync --follow-number BAND --reason TEXT)")
        try:
            parsed, signature = band_payload.parse(text)
        except band_payload.PayloadError as error:
            raise ValidationError.one("follow", f"not a band payload: {error}") from None
        with session.engine.connect() as conn:
            key = syncing.station_keys(conn).get(parsed.station)
        if key is not None and not verify(key, signature, parsed.message()):
            raise ValidationError.one("follow", f"band {bandnumber.format_band_number(parsed.band)}: the payload's "
                                                "signature does not check out (altered, or not a real band)")
        scanned.append((text, parsed.band))
    with session.engine.begin() as conn:
        for text, _ in scanned:
            syncing.add_follow(conn, kind="payload", value=text, reason=None, by=session.user, at=now_iso())
        session.audit(conn, "sync.follow", detail={"bands": [b for _, b in scanned]})
    return {"waiting": [bandnumber.format_band_number(b) for _, b in scanned]}


def follow_number(*, session: Session, band: str, reason: str) -> FollowAnswer:
    """A lost band: hold its family unit by the number, with a reason (the registry allows a few a day
    per station, and its operators review each one)."""
    session.require(Permission.SYNC, action="sync.follow-number", target=band)
    try:
        number = bandnumber.parse_band_number(band).canonical
    except bandnumber.InvalidBandNumber as error:
        raise ValidationError.one("band", str(error)) from None
    try:
        why = f.text(reason, limit=500)
    except f.FieldError as error:
        raise ValidationError.one("reason", f"{error} (say why the band cannot be scanned)") from None
    with session.engine.begin() as conn:
        syncing.add_follow(conn, kind="number", value=number, reason=why, by=session.user, at=now_iso())
        session.audit(conn, "sync.follow-number", number)
    return {"waiting": [bandnumber.format_band_number(number)]}


# --- what waits for a supervisor --------------------------------------------------------------------

def refused_queue(*, session: Session) -> RefusedQueue:
    """Transactions the registry refused (each with its reason, its records, whom they are about and
    their family units) and pulled records set aside: a supervisor's to settle. Reading it is audited."""
    session.require(Permission.RESOLVE_CONFLICTS, action="sync.refused.view")
    with session.engine.begin() as conn:
        refused: list[RefusedEntry] = []
        for entry in syncing.refused_transactions(conn):
            # whom each is about, as this station knows them (the registry's reason names ids)
            context = [record_context(conn, r["entity"], r["entity_id"]) for r in entry["records"]]
            refused.append({**entry, "about": sorted({label for label, _ in context if label}),
                            "families": sorted({number for _, number in context if number})})
        quarantined = syncing.quarantined(conn)
        session.audit(conn, "sync.refused.view", detail={"refused": len(refused), "quarantined": len(quarantined)})
    return {"refused": refused, "quarantined": quarantined}


def resend_refused(*, session: Session, tx: str) -> dict[str, Any]:
    """Put a refused transaction back in the outbox (after what the registry said was put right: the
    station got the family unit back, the registry was updated, ...)."""
    session.require(Permission.RESOLVE_CONFLICTS, action="sync.resend", target=tx)
    with session.engine.begin() as conn:
        count = syncing.resend(conn, tx)
        if not count:
            raise NotFound(f"no refused transaction {tx!r} (see kinlink conflicts)")
        session.audit(conn, "sync.resend", tx, detail={"records": count})
    return {"tx": tx, "resent": count}


def withdraw_refused(*, session: Session, tx: str, reason: str) -> dict[str, Any]:
    """Never send a refused transaction again. Its records stay in this station's history, marked
    withdrawn; what they recorded is not at the registry or any other station."""
    session.require(Permission.RESOLVE_CONFLICTS, action="sync.withdraw", target=tx)
    try:
        why = f.text(reason, limit=500)
    except f.FieldError as error:
        raise ValidationError.one("reason", f"{error} (say why it is withdrawn)") from None
    with session.engine.begin() as conn:
        count = syncing.withdraw(conn, tx, by=session.user, at=now_iso(), reason=str(why))
        if not count:
            raise NotFound(f"no refused transaction {tx!r} (see kinlink conflicts)")
        session.audit(conn, "sync.withdraw", tx, detail={"records": count})
    return {"tx": tx, "withdrawn": count}
