"""Sync with the central registry: enrol the station once, then push and pull whenever there is a
network. The desktop app runs ``sync_now`` in the background; ``kinlink sync`` runs it directly."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx

from app.domain.errors import ValidationError
from app.security import audit
from app.security.roles import Permission
from app.store import syncing
from sync import client as sync_client
from sync import protocol

from .session import Session, now_iso
from .users import set_recovery_key

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
    if recovery:
        set_recovery_key(session=session, public_key=recovery)
    with sync_client.RegistryClient(url, session.identity, key, transport=transport) as client:
        report = sync_client.Report()
        sync_client.refresh_keys(session.engine, client, report)  # the other stations' keys, at once
    return {"station": session.identity.code, "registry": registry["name"], "url": url,
            "recovery_slot": bool(recovery), "stations": report.new_stations}


def sync_now(*, session: Session, follow: Sequence[str] = (), progress: sync_client.Progress | None = None,
             transport: httpx.BaseTransport | None = None) -> dict[str, Any]:
    """Push every pending change, then pull what is new for the families this station holds (and
    those of ``follow``: band numbers). Raises ``SyncFailure`` with the reason; what completed stays."""
    session.require(Permission.SYNC, action="sync")
    with session.engine.connect() as conn:
        state = syncing.enrolment(conn)
    if state is None:
        raise NotEnrolled()
    started = now_iso()
    try:
        with sync_client.RegistryClient(state["registry_url"], session.identity, bytes(state["registry_key"]),
                                        transport=transport) as client:
            report = sync_client.run(session.engine, client, follow=follow, progress=progress)
    except SyncFailure as exc:
        with session.engine.begin() as conn:
            syncing.record_outcome(conn, at=started, error=str(exc))
            session.audit(conn, "sync", state["registry_url"], audit.Outcome.FAILED, {"error": str(exc)})
        raise
    with session.engine.begin() as conn:
        syncing.record_outcome(conn, at=started, error=None)
        session.audit(conn, "sync", state["registry_url"], detail=report.as_dict())
    return {**report.as_dict(), **sync_status(session=session)}


def sync_status(*, session: Session) -> dict[str, Any]:
    """What the status bar shows: enrolled where, last success, pending changes, the last error, conflicts."""
    with session.engine.connect() as conn:
        state = syncing.enrolment(conn)
        pending = syncing.pending_count(conn)
        conflicts = syncing.conflict_count(conn)
    if state is None:
        return {"enrolled": False, "pending": pending, "conflicts": conflicts}
    retry = None
    if state["last_error"] and state["last_attempt"]:
        wait = sync_client.backoff_seconds(int(state["failures"]), jitter=0)
        retry = (datetime.fromisoformat(state["last_attempt"]) + timedelta(seconds=wait)).isoformat(
            timespec="seconds")
    return {"enrolled": True, "registry": state["registry_name"], "url": state["registry_url"],
            "last_success": state["last_success"], "last_attempt": state["last_attempt"],
            "last_error": state["last_error"], "failures": int(state["failures"]), "retry_after": retry,
            "pending": pending, "conflicts": conflicts, "cursor": int(state["cursor"])}
