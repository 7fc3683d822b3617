"""Crash safety: a registering process killed with SIGKILL at random points loses nothing it reported
and leaves no half-written registration (invariant 3: a change and its effect land in one transaction).

The worker (crash_worker.py) is the real code in a real process: ``services.sign_in`` and then
``services.register_family`` in a loop, printing each family after its transaction committed. The
test kills it at a random moment, reopens the store with ``services.sign_in`` and checks the pages
(SQLite and SQLCipher integrity), every reported family, the whole store's consistency, the change
signatures and the audit chain.

Each kill checks the newly reported families whole and the whole store's consistency; at the end every
reported family and every signature are checked once more.

The random delays and the worker's documents come from one seed, printed on failure; rerun with
``KINLINK_CRASH_SEED=<seed>`` (kill timing against the worker's progress still varies a little).
"""

from __future__ import annotations

import json
import os
import random
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select

from app import services
from app.domain import names
from app.domain.rules import family_problems, members_from_rows
from app.security.identity import verify
from app.store import audit_log, schema
from tests.conftest import ADMIN, AGENT, FAST_KDF, PASSPHRASES

WORKER = Path(__file__).with_name("crash_worker.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
MAX_DELAY_S = 0.8  # after the worker is ready; it registers a family every ~25-30 ms
READY_TIMEOUT_S = 30


def _new_station(data_dir: Path) -> None:
    services.init_station(data_dir=data_dir, station_name="Crash Test Station", admin=ADMIN,
                          passphrase=PASSPHRASES[ADMIN], kdf=FAST_KDF)
    admin = services.sign_in(data_dir=data_dir, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    try:
        services.add_user(session=admin, name=AGENT, role="agent", passphrase=PASSPHRASES[AGENT], kdf=FAST_KDF)
    finally:
        admin.close()


def _run_and_kill(data_dir: Path, worker_seed: int, delay: float) -> list[dict[str, Any]]:
    """Start the worker, SIGKILL it ``delay`` seconds after it is ready; the families it reported."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINLINK_")}
    env["KINLINK_PASSPHRASE"] = PASSPHRASES[AGENT]
    proc = subprocess.Popen([sys.executable, str(WORKER), str(data_dir), AGENT, str(worker_seed)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        started = time.monotonic()
        first = proc.stdout.readline() if proc.stdout else b""  # blocks until "ready" or the worker dies
        if first != b"ready\n":
            proc.kill()
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"the worker did not get ready (said {first!r}, exit {proc.returncode}):\n{err.decode()}")
        assert time.monotonic() - started < READY_TIMEOUT_S
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, (
        f"the worker ended by itself (exit {proc.returncode}) before the kill:\n{err.decode()}")
    # A line without its newline was cut by the kill; its family committed anyway (it is printed
    # after the commit), so it is only left out of what must be found, not a failure.
    lines = out.decode("utf-8").split("\n")[:-1]
    return [json.loads(line) for line in lines]


def _check_pages(conn: Connection) -> None:
    assert conn.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
    failures = conn.exec_driver_sql("PRAGMA cipher_integrity_check").all()
    assert failures == [], f"SQLCipher page HMAC failures: {failures}"


def _check_reported_family(session: services.Session, reported: dict[str, Any]) -> None:
    shown = services.show_family(session=session, ident=reported["id"])
    assert shown["id"] == reported["id"] and shown["number"] == reported["number"]
    people = {p["id"]: p for p in shown["people"]}
    assert set(people) == {p["id"] for p in reported["people"]}, f"family {reported['number']} lost people"
    for person in reported["people"]:
        assert people[person["id"]]["band"] == person["band"]
        assert people[person["id"]]["custody"] is not None
    assert len(shown["links"]) == reported["links"]
    # one created change per record: family, encounter, and per person its row, custody and band; links
    expected = 2 + 3 * len(people) + len(shown["links"])
    assert len(shown["history"]) == expected and all(h["created"] for h in shown["history"])


def _rows(conn: Connection, table: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(table)).mappings()]


def _check_store(conn: Connection, public_key: bytes, verified_seq: int) -> dict[str, int]:
    """Whole-store consistency: every registration present is complete, and nothing else is there.

    Signatures are verified for the changes after ``verified_seq`` (the earlier ones were verified
    after an earlier kill; the change table is append-only and every page's HMAC is checked)."""
    encounters = {r["id"] for r in _rows(conn, schema.encounter)}
    families = _rows(conn, schema.family)
    people = _rows(conn, schema.person)
    bands = _rows(conn, schema.band)
    custody = _rows(conn, schema.custody)
    links = _rows(conn, schema.link)
    family_ids = {f["id"] for f in families}
    person_ids = {p["id"] for p in people}

    # one family per document in this test: an encounter without its family is a half registration
    assert {f["encounter_id"] for f in families} == encounters and len(families) == len(encounters)
    assert {p["family_id"] for p in people} == family_ids, "a family unit without people, or people without one"
    assert Counter(b["person_id"] for b in bands) == Counter(person_ids), "a person without exactly one band"
    assert Counter(c["person_id"] for c in custody) == Counter(person_ids), "a person without custody"
    assert {x["from_person"] for x in links} | {x["to_person"] for x in links} <= person_ids
    by_family: dict[str, list[dict[str, Any]]] = {}
    for p in people:
        by_family.setdefault(p["family_id"], []).append(p)
    family_of = {p["id"]: p["family_id"] for p in people}
    links_by_family: dict[str, list[tuple[str, str]]] = {}
    for x in links:
        assert family_of[x["from_person"]] == family_of[x["to_person"]], "a link across families"
        links_by_family.setdefault(family_of[x["from_person"]], []).append((x["from_person"], x["to_person"]))
    for family_id, members in by_family.items():
        problems = family_problems(members_from_rows(members), links_by_family.get(family_id, []))
        assert not problems, f"invariant 1 broken by a crash: {problems}"

    # the derived name index is complete for every person present
    tokens = conn.exec_driver_sql("SELECT person_id, token FROM name_token").all()
    assert sorted(tuple(t) for t in tokens) == sorted(
        (p["id"], t) for p in people for t in names.search_tokens(p["given_names"], p["family_names"]))

    # the change log: exactly one signed, created change per row, and no change without its row
    entity_ids = encounters | family_ids | person_ids | {r["id"] for r in (*bands, *custody, *links)}
    changes = conn.execute(select(schema.change.c.seq, schema.change.c.entity_id, schema.change.c.body,
                                  schema.change.c.signature, schema.change.c.hlc)
                           .order_by(schema.change.c.seq)).all()
    assert len(changes) == len(entity_ids), "the change log does not match the records present"
    assert Counter(c.entity_id for c in changes) == Counter(entity_ids)
    for change in changes:
        if change.seq <= verified_seq:
            continue
        assert verify(public_key, change.signature, change.body.encode("utf-8")), \
            f"change {change.seq} fails its signature"
        body = json.loads(change.body)
        assert body["created"] and body["entity_id"] == change.entity_id
    # the audit chain is intact, and holds one registration record for each family present
    chain = audit_log.verify(conn)
    assert chain.intact, f"audit chain broken by a crash: {chain.as_dict()}"
    registered = Counter(r["target"] for r in audit_log.rows(conn) if r["action"] == "family.register")
    assert registered == Counter(family_ids), "audit records of registrations do not match the families"
    station = conn.execute(select(schema.station)).mappings().one()
    assert station["family_seq"] == len(families) and station["band_seq"] == len(bands)
    assert station["last_hlc"] == (changes[-1].hlc if changes else None)
    return {"families": len(families), "people": len(people), "changes": len(changes),
            "last_seq": changes[-1].seq if changes else 0}


def _check_after_kill(data_dir: Path, verified_seq: int, reported: list[dict[str, Any]],
                      show: list[dict[str, Any]]) -> dict[str, int]:
    """Reopen the store as the app does and check it; ``show`` are the families to open whole."""
    session = services.sign_in(data_dir=data_dir, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        with session.engine.begin() as conn:
            _check_pages(conn)
            counts = _check_store(conn, session.identity.public_key, verified_seq)
            present = set(conn.execute(select(schema.family.c.id)).scalars())
        missing = [f["number"] for f in reported if f["id"] not in present]
        assert not missing, f"reported families lost: {missing}"
        for family in show:
            _check_reported_family(session, family)
    finally:
        session.close()
    return counts


@pytest.mark.slow
def test_sigkill_during_registration_loses_nothing_reported(tmp_path: Path) -> None:
    seed = int(os.environ.get("KINLINK_CRASH_SEED") or secrets.randbits(32))
    print(f"crash test seed: {seed} (rerun with KINLINK_CRASH_SEED={seed})")
    rng = random.Random(seed)
    data_dir = tmp_path / "station"
    _new_station(data_dir)
    reported: list[dict[str, Any]] = []
    verified_seq = 0
    try:
        for kill in range(KILLS):
            # small delays hit the first transactions after sign-in; larger ones a running loop
            delay = rng.uniform(0, MAX_DELAY_S)
            new = _run_and_kill(data_dir, rng.randrange(2**32), delay)
            reported.extend(new)
            # every family this worker reported, opened whole; the earlier ones must still be there
            counts = _check_after_kill(data_dir, verified_seq, reported, show=new)
            verified_seq = counts["last_seq"]
            print(f"kill {kill + 1}: after {delay:.3f} s, {len(new)} reported; store now {counts}")
        assert reported, "the worker never got to report a family: the kills came too early to test anything"
        # at the end, once more in full: every signature and every family ever reported
        counts = _check_after_kill(data_dir, 0, reported, show=reported)
        assert counts["families"] >= len(reported)
    except BaseException as error:
        error.add_note(f"crash test seed: {seed} (rerun with KINLINK_CRASH_SEED={seed})")
        raise
