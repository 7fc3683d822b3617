"""The logon state attacked as a person at the desk would (issue 15, findings 2 and 3): wrong
passphrases guessed from many processes at once, records forged into ``logon-state.json``, a
symbolic link planted at the lock file. Each attack runs the real code against real files."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import pytest

from app import services
from app.security.lockout import STATE_FILE, AccountLocked
from app.store import audit_log, keyslots
from app.store import engine as store_engine
from tests.conftest import ADMIN, AGENT, PASSPHRASES, SUPERVISOR

PROCESSES, ATTEMPTS_EACH = 8, 3
# The guessed user's slot costs about 0.1 s to try (the tests' usual cost is next to nothing), so that
# the guesses overlap: a process reads the state, derives, writes while the others do the same.
RACE_KDF = keyslots.KdfParams(iterations=3, memory_kib=32 * 1024)
GUESSED, GUESSED_PASSPHRASE = "rosa", "rosa knows the river road"
FORGED_NAME = "Xiadani Tlacuilo"  # invented; must never be stored


def _guess(data_dir: str, start: Any, answers: Any) -> None:
    """One attacking process: waits for the others, then tries wrong passphrases with the real sign-in."""
    start.wait()
    for attempt in range(ATTEMPTS_EACH):
        try:
            services.sign_in(data_dir=Path(data_dir), user=GUESSED, passphrase=f"guess {os.getpid()} {attempt}")
            answers.put("signed in")
        except AccountLocked as locked:
            answers.put("failed and locked" if "within 15 minutes" in str(locked) else "locked")
        except keyslots.WrongPassphrase:
            answers.put("wrong")


def _trail(data_dir: Path, user: str) -> list[dict[str, Any]]:
    admin = services.sign_in(data_dir=data_dir, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    try:
        with admin.engine.connect() as conn:
            return [r for r in audit_log.rows(conn) if r["user"] == user]
    finally:
        admin.close()


def test_parallel_guesses_lock_the_account_after_five_and_every_guess_is_audited(admin: services.Session) -> None:
    services.add_user(session=admin, name=GUESSED, role="agent", passphrase=GUESSED_PASSPHRASE, kdf=RACE_KDF)
    # Forked: real processes with their own files and locks that start at once (spawned ones import
    # everything anew: 10 s here instead of 1).
    context = multiprocessing.get_context("fork")
    start, answers = context.Barrier(PROCESSES), context.Queue()
    workers = [context.Process(target=_guess, args=(str(admin.data_dir), start, answers)) for _ in range(PROCESSES)]
    began = time.monotonic()
    for worker in workers:
        worker.start()
    outcomes = [answers.get(timeout=60) for _ in range(PROCESSES * ATTEMPTS_EACH)]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    print(f"race of {PROCESSES} processes: {time.monotonic() - began:.1f} s")

    assert outcomes.count("wrong") == 4 and outcomes.count("failed and locked") == 1, \
        "no more guesses than the lockout allows were tried"
    assert outcomes.count("locked") == PROCESSES * ATTEMPTS_EACH - 5
    with pytest.raises(AccountLocked, match="a supervisor or admin must release it"):
        services.sign_in(data_dir=admin.data_dir, user=GUESSED, passphrase=GUESSED_PASSPHRASE)

    services.release_user(session=admin, name=GUESSED)
    services.sign_in(data_dir=admin.data_dir, user=GUESSED, passphrase=GUESSED_PASSPHRASE).close()
    trail = [(r["action"], r["outcome"], json.loads(r["detail"])) for r in _trail(admin.data_dir, GUESSED)]
    attempts = PROCESSES * ATTEMPTS_EACH + 1  # and the right passphrase while locked
    assert trail.count(("logon", "failed", {"reason": "wrong passphrase"})) == 5
    assert trail.count(("logon", "denied", {"reason": "account locked"})) == attempts - 5, \
        "every guess is in the audit chain, as a failure or as a refusal while locked"
    assert trail.count(("account.locked", "ok", {"failures": 5})) == 1
    assert trail[-1][:2] == ("logon", "ok")


def _append_to_pending(data_dir: Path, *events: dict[str, Any]) -> None:
    state = json.loads((data_dir / STATE_FILE).read_text())
    state["pending_audit"].extend(events)
    (data_dir / STATE_FILE).write_text(json.dumps(state))


def test_records_forged_into_the_pending_audit_are_refused_counted_and_not_stored(station: Path) -> None:
    with pytest.raises(keyslots.WrongPassphrase):  # a real failure, queued for the chain
        services.sign_in(data_dir=station, user=AGENT, passphrase="not my passphrase")
    failure = json.loads((station / STATE_FILE).read_text())["pending_audit"][0]
    _append_to_pending(
        station,
        {"at": "2026-01-03T10:00:00.00Z", "user": SUPERVISOR, "action": "band.void", "outcome": "ok",
         "detail": {"band": "K-00017", "reason": f"{FORGED_NAME} left"}, "target": "K-00017"},
        {**failure, "detail": {"reason": "wrong passphrase", "name": FORGED_NAME}},
        {**failure, "user": "Xiadani T"},
        {**failure, "at": "2020-01-01T00:00:00.00Z"},  # back-dated before the chain's last logon
        {**failure, "at": "2999-01-01T00:00:00.00Z"},  # from the future
        {**failure, "outcome": "ok"},
        "a line of text",
    )
    services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT]).close()

    supervisor = services.sign_in(data_dir=station, user=SUPERVISOR, passphrase=PASSPHRASES[SUPERVISOR])
    try:
        with supervisor.engine.connect() as conn:
            rows = list(audit_log.rows(conn))
        assert services.verify_audit(session=supervisor)["intact"]
    finally:
        supervisor.close()
    assert not [r for r in rows if r["action"] == "band.void"]
    assert not [r for r in rows if FORGED_NAME.split()[0] in json.dumps(r)], "nothing of the forged text is stored"
    assert [(r["user"], r["outcome"], json.loads(r["detail"])) for r in rows
            if r["action"] == "logon-state.rejected"] == [("", "failed", {"refused": 7})]
    assert [(r["user"], r["at"]) for r in rows if (r["action"], r["outcome"]) == ("logon", "failed")] == \
        [(AGENT, failure["at"])], "the real failure is taken in"
    assert json.loads((station / STATE_FILE).read_text())["pending_audit"] == []
    assert not [p for p in station.iterdir() if p.is_file() and FORGED_NAME.encode() in p.read_bytes()]


def test_a_link_planted_at_the_lock_file_is_not_followed(station: Path, tmp_path: Path) -> None:
    target = tmp_path / "planter-owns-this"
    target.write_text("the planter's file\n")
    os.chmod(target, 0o644)
    lock_file = station / "logon-state.lock"
    lock_file.unlink(missing_ok=True)
    lock_file.symlink_to(target)
    with pytest.raises(keyslots.WrongPassphrase):
        services.sign_in(data_dir=station, user=AGENT, passphrase="not my passphrase")
    services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT]).close()
    assert target.read_text() == "the planter's file\n" and (target.stat().st_mode & 0o777) == 0o644
    assert not lock_file.is_symlink() and (lock_file.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("users", [{AGENT: {"failures": "many", "locked_at": None}},
                                   {AGENT: {"failures": ["not a time"], "locked_at": None}},
                                   {AGENT: {"failures": [], "locked_at": 5}}, {AGENT: []}, []])
def test_a_file_edited_into_nonsense_is_recorded_as_damaged_not_a_crash(station: Path, users: Any) -> None:
    (station / STATE_FILE).write_text(json.dumps({"version": 1, "users": users, "pending_audit": []}))
    with pytest.raises(keyslots.WrongPassphrase):
        services.sign_in(data_dir=station, user=AGENT, passphrase="not my passphrase")
    services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT]).close()
    assert [(r["action"], r["outcome"]) for r in _trail(station, "")] == [("logon-state.damaged", "failed")]


def test_a_name_typed_as_the_user_is_refused_before_it_is_counted_or_kept(station: Path) -> None:
    from app.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="is not a valid user name"):
        services.sign_in(data_dir=station, user=FORGED_NAME, passphrase="not my passphrase")
    assert not (station / STATE_FILE).exists() or FORGED_NAME not in (station / STATE_FILE).read_text()


def test_the_right_passphrase_on_a_damaged_store_is_not_counted_as_a_guess(station: Path) -> None:
    """A store emptied by someone at the desk is named each time; the agent's right passphrase is
    never counted towards the lockout, and once the store is put back they sign in."""
    store = station / "station.db"
    kept = store.read_bytes()
    store.write_bytes(b"")
    for _ in range(6):
        with pytest.raises(store_engine.StoreDamaged, match="station.db"):
            services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])
    store.write_bytes(kept)
    services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT]).close()
