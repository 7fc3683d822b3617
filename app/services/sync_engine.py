"""The station's side of a sync (no Qt: the app runs it in a worker thread, the command line
directly), over the wire of ``sync.client``.

Named stages, each resumable after a failure: make the follows waiting (scanned bands, lost bands
by number), push the outbox in chunks of whole transactions (a change is sent until the registry's
signed answer acknowledges it; a transaction it refuses leaves the outbox for a supervisor; one it
cannot take yet, because this station's clock is ahead, waits), refresh the other stations' keys,
pull pages (first the whole history of newly held units, then what is new; each page and
its cursor in one transaction; a record that fails the checks is set aside, the rest merged), and
last send the audit records the registry lacks. A failure leaves the station as it was after the
last completed step, so the next attempt carries on.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from app.domain import bandnumber, clock, records
from app.domain.changes import Change
from app.security.identity import StationIdentity
from app.store import audit_log, policies, queries, syncing
from sync import protocol
from sync.client import RegistryClient, SyncFailure

from . import events
from .answers import SyncReport

Progress = Callable[[str, int, int], None]  # phase ("push" / "pull"), done, total
AUDIT_CHUNK = 1000  # audit records per request (the registry takes up to 2,000)
BACKOFF_FIRST, BACKOFF_MAX = 15.0, 15 * 60.0  # seconds
PULL_TOLERANCE = timedelta(days=1)  # a pulled record's times are checked against its own clock and this
FOLLOW_BATCH = 100  # scanned payloads per follow request (the registry takes up to 100)


@dataclass
class Report:
    pushed: int = 0
    pulled: int = 0
    new_stations: int = 0
    followed: dict[str, str] = field(default_factory=dict)
    unknown_bands: list[str] = field(default_factory=list)
    cursor: int = 0
    audit_sent: int = 0  # audit records the registry now holds a copy of
    refused: int = 0  # transactions the registry refused in this sync (they wait for a supervisor)
    quarantined: int = 0  # pulled records set aside in this sync
    waiting: str | None = None  # why records wait (this station's clock is ahead of the registry's)
    follow_errors: list[str] = field(default_factory=list)

    def as_dict(self) -> SyncReport:
        return {"pushed": self.pushed, "pulled": self.pulled, "new_stations": self.new_stations,
                "followed": self.followed, "unknown_bands": self.unknown_bands, "cursor": self.cursor,
                "audit_sent": self.audit_sent, "refused": self.refused, "quarantined": self.quarantined,
                "waiting": self.waiting, "follow_errors": self.follow_errors}


def backoff_seconds(failures: int, *, jitter: float | None = None) -> float:
    """How long to wait after ``failures`` failed attempts in a row: 15 s doubling to 15 min, ±20 %."""
    if failures <= 0:
        return 0.0
    base = float(min(BACKOFF_FIRST * 2 ** (failures - 1), BACKOFF_MAX))
    return base * (1 + (random.uniform(-0.2, 0.2) if jitter is None else jitter))


def run(engine: Engine, client: RegistryClient, *, progress: Progress | None = None) -> Report:
    """Follow what waits, push everything pending, then pull everything new. Raises ``SyncFailure``
    (what was done before the failure stays done); records that wait are said at the end."""
    report = Report()
    tell = progress or (lambda _phase, _done, _total: None)
    _follow(engine, client, report)  # first: what this station writes may need the units it follows
    _push(engine, client, report, tell)
    keys = refresh_keys(engine, client, report)
    refresh_policies(engine, client)
    _pull(engine, client, keys, report, tell)
    _send_audit(engine, client, report)
    if report.waiting:
        raise SyncFailure(f"records of this station wait at the registry: {report.waiting}. Set this computer's date "
                          "and time right; the records are sent once the registry's time has caught up with them")
    return report


# --- push ----------------------------------------------------------------------------------------

def _push(engine: Engine, client: RegistryClient, report: Report, tell: Progress) -> None:
    with engine.connect() as conn:
        total = syncing.pending_count(conn)
    tell("push", 0, total)
    while True:
        with engine.connect() as conn:
            chunk = syncing.outbox(conn, limit=protocol.CHUNK_CHANGES, max_bytes=protocol.CHUNK_BYTES)
        if not chunk:
            return
        answer = client.call("POST", f"{protocol.API}/push", {"changes": [
            protocol.encode_change(body, sig) | {"tx": tx} for _, body, sig, tx in chunk]})
        acknowledged = {a["id"]: int(a["seq"]) for a in answer.get("acknowledged", [])}
        refused = {r["tx"]: str(r["reason"]) for r in answer.get("refused", [])}
        waiting = {w["tx"]: str(w["reason"]) for w in answer.get("waiting", [])}
        unanswered = [cid for cid, _, _, tx in chunk if cid not in acknowledged and tx not in refused
                      and tx not in waiting]
        if unanswered:
            raise SyncFailure(f"the registry did not answer for {len(unanswered)} change record(s); they stay pending")
        with engine.begin() as conn:
            syncing.mark_sent(conn, {cid: acknowledged[cid] for cid, _, _, _ in chunk if cid in acknowledged})
            syncing.mark_refused(conn, [(cid, tx, refused[tx]) for cid, _, _, tx in chunk
                                        if tx in refused and cid not in acknowledged], _now())
        report.pushed += sum(1 for cid, *_ in chunk if cid in acknowledged)
        report.refused += len(refused)
        tell("push", report.pushed, max(total, report.pushed))
        if waiting:
            report.waiting = next(iter(waiting.values()))
            return


def refresh_keys(engine: Engine, client: RegistryClient, report: Report) -> dict[str, bytes]:
    answer = client.call("GET", f"{protocol.API}/stations")
    checked: dict[str, bytes] = {}
    for entry in answer.get("stations", []):
        key = protocol.unb64(entry.get("public_key"), "a station's public key")
        if len(key) == 32 and bandnumber.station_code_from_key(key) == entry.get("station"):
            checked[entry["station"]] = key  # a key that does not hash to its code is ignored
    with engine.begin() as conn:
        report.new_stations = syncing.trust_registry_stations(
            conn, [e for e in answer.get("stations", []) if e.get("station") in checked], checked, _now())
        return syncing.station_keys(conn)


def refresh_policies(engine: Engine, client: RegistryClient) -> None:
    """Every version of the reunification policy the registry signed (app.store.policies keeps those
    whose signature verifies)."""
    answer = client.call("GET", f"{protocol.API}/policy")
    entries = []
    for entry in answer.get("policies", []):
        try:
            entries.append({"document": entry.get("document"),
                            "signature": protocol.unb64(entry.get("signature"), "a policy's signature")})
        except protocol.ProtocolError:
            continue  # not signed as it should be: ignored, as a bad signature is
    with engine.begin() as conn:
        state = syncing.enrolment(conn)
        if state is not None:
            policies.save(conn, entries, bytes(state["registry_key"]), _now())


# --- follows -------------------------------------------------------------------------------------

def _follow(engine: Engine, client: RegistryClient, report: Report) -> None:
    """The follows waiting here, made at the registry: each is kept until the registry has answered it
    (a refusal that another try cannot change drops it, with the reason in the report)."""
    with engine.connect() as conn:
        waiting = syncing.pending_follows(conn)
    payloads = [f for f in waiting if f["kind"] == "payload"]
    for first in range(0, len(payloads), FOLLOW_BATCH):
        _follow_payloads(engine, client, payloads[first:first + FOLLOW_BATCH], report)
    for entry in (f for f in waiting if f["kind"] == "number"):
        try:
            answer = client.call("POST", f"{protocol.API}/follow-number",
                                 {"band": entry["value"], "reason": entry["reason"]})
        except SyncFailure as failure:
            if failure.status not in (404, 422):
                raise  # the network, a limit for today: tried again at the next sync
            report.unknown_bands.append(bandnumber.format_band_number(entry["value"]))
            report.follow_errors.append(str(failure))
            with engine.begin() as conn:
                syncing.follow_done(conn, entry["id"])
            continue
        report.followed.update(answer.get("families", {}))
        with engine.begin() as conn:
            syncing.follow_done(conn, entry["id"])


def _follow_payloads(engine: Engine, client: RegistryClient, batch: list[dict[str, Any]], report: Report) -> None:
    answer = client.call("POST", f"{protocol.API}/follow", {"payloads": [f["value"] for f in batch]})
    report.followed.update(answer.get("families", {}))
    refused = {int(r["payload"]): (str(r["reason"]), bool(r.get("retry"))) for r in answer.get("refused", [])}
    with engine.begin() as conn:
        for at, entry in enumerate(batch):
            reason, retry = refused.get(at, ("", False))
            if reason:
                report.follow_errors.append(reason)
            if retry:
                syncing.follow_failed(conn, entry["id"], reason)
            else:
                syncing.follow_done(conn, entry["id"])


# --- pull ----------------------------------------------------------------------------------------

def _pull(engine: Engine, client: RegistryClient, keys: dict[str, bytes], report: Report, tell: Progress) -> None:
    with engine.connect() as conn:
        state = syncing.enrolment(conn)
    assert state is not None
    cursor, done = int(state["cursor"]), 0
    while True:
        with engine.connect() as conn:
            acks = syncing.backfill_acks(conn)
        answer = client.call("POST", f"{protocol.API}/pull",
                             {"cursor": cursor, "limit": protocol.PULL_LIMIT, "received": acks})
        page = answer.get("backfill")
        items = list(answer.get("changes", [])) + (list(page["changes"]) if page else [])
        next_cursor = int(answer["cursor"])
        with engine.begin() as conn:
            syncing.forget_backfill_acks(conn, acks)
            merged = _apply(conn, client.identity, items, keys, report)
            syncing.set_cursor(conn, next_cursor)
            for unit in (page or {}).get("units", []):
                syncing.note_backfill(conn, str(unit["family"]), int(unit["to"]))
            touched = [(c.entity, c.entity_id) for c in merged]
            families = queries.families_of(conn, touched) if merged else set()
        report.pulled += len(merged)
        events.announce(families, touched, source="sync")
        done += len(items)
        tell("pull", done, done + int(answer.get("remaining", 0)))
        cursor = next_cursor
        report.cursor = cursor
        if not answer.get("more"):
            return


def _apply(conn: Any, identity: StationIdentity, items: list[Any], keys: dict[str, bytes],
           report: Report) -> list[Change]:
    """Merge the records that check out; set aside, with the reason, those that do not. The records
    new here."""
    decoded: list[tuple[Any, Any, Change]] = []
    bad: list[dict[str, Any]] = []
    for item in items:
        seq = item.get("seq") if isinstance(item, dict) else None
        try:
            decoded.append((item, seq, protocol.decode_change(item, keys)[0]))
        except protocol.ProtocolError as exc:
            bad.append(_aside(item, seq, f"does not check out: {exc}"))
    creations = syncing.creations(conn, [c.entity_id for _, _, c in decoded])
    good: list[tuple[Change, int | None]] = []
    for item, seq, change in decoded:
        problem = screen(change, creations)
        if problem:
            bad.append(_aside(item, seq, problem, change.id))
        else:
            good.append((change, seq))
            if change.created:
                creations.setdefault(change.entity_id, (change.entity, change.id))
    if bad:
        syncing.set_aside(conn, bad, _now())
        report.quarantined += len(bad)
    return syncing.apply_pulled(conn, good, identity.code)


def screen(change: Change, creations: dict[str, tuple[str, str]]) -> str | None:
    """Why a pulled record cannot be merged here (the domain's checks, as the registry should have
    made them), or None. Its times are checked against its own clock (a day's leeway): this
    station's clock may be behind. ``creations``: per record id held here, its kind and the change
    that created it."""
    try:
        wall = clock.Hlc.parse(change.hlc).wall_ms
    except ValueError as error:
        return str(error)
    if wall < clock.EARLIEST_MS:
        return f"its clock reading {change.hlc} is before 2020"
    moment = max(datetime.now(UTC), datetime.fromtimestamp(wall / 1000, UTC)) + PULL_TOLERANCE
    problems = records.record_problems(change.entity, {n: new for n, (_, new) in change.fields.items()},
                                       created=change.created, station=change.station, now=moment)
    if problems:
        return "; ".join(problems)
    held = creations.get(change.entity_id)
    if held is not None and held[0] != change.entity:
        kind, said = held[0].replace("_", " "), change.entity.replace("_", " ")
        return f"it names {change.entity_id}, a {kind} here, as a {said}"
    if held is not None and change.created and held[1] != change.id:
        return (f"it creates {change.entity.replace('_', ' ')} {change.entity_id} again (created already by another "
                "record): a record is created once")
    return None


def _aside(item: Any, seq: Any, reason: str, change_id: str | None = None) -> dict[str, Any]:
    given = item.get("body") if isinstance(item, dict) else None
    body = given if isinstance(given, str) else json.dumps(item)
    try:
        signature = protocol.unb64(item.get("signature"), "signature") if isinstance(item, dict) else b""
    except protocol.ProtocolError:
        signature = b""
    return {"change_id": change_id or f"seq-{seq}", "body": body[:100_000], "signature": signature,
            "registry_seq": seq if isinstance(seq, int) else None, "reason": reason[:1000]}


# --- audit ---------------------------------------------------------------------------------------

def _send_audit(engine: Engine, client: RegistryClient, report: Report) -> None:
    """Send the audit records the registry has no copy of yet, starting again from the last one it
    holds: the registry checks each link, so a log rewritten on this station after it was sent
    (which the chain alone cannot show) is found there. Last in a sync: records and pulls go first."""
    held = int(client.call("GET", f"{protocol.API}/audit").get("seq", 0))
    while True:
        with engine.connect() as conn:
            last = audit_log.last_seq(conn)
            rows = audit_log.chain_rows(conn, first=max(1, min(held, last)), limit=AUDIT_CHUNK)
        if not rows:
            return
        # Sent even when nothing is new: the registry checks that its last record is still this one.
        held_now = int(client.call("POST", f"{protocol.API}/audit", {"records": rows}).get("held", held))
        report.audit_sent += max(0, held_now - held)
        if held_now <= held or held_now >= last:
            return
        held = held_now


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
