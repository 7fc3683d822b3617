"""Station hardening (issue 15), accounts: each attack by a person at the desk who can read and edit
every file of the data directory, run against the real services, then its refusal, its audit record,
and that nothing changed."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import services
from app.domain.errors import ValidationError
from app.security import recovery
from app.security.lockout import AccountLocked
from app.security.passphrase import WeakPassphrase
from app.security.roles import NotPermitted
from app.store import audit_log, keyslots, paths, schema
from app.store import engine as store_engine
from tests.conftest import ADMIN, AGENT, FAST_KDF, PASSPHRASES, SUPERVISOR

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _slots(station: Path) -> dict[str, Any]:
    return dict(json.loads(paths.keyslot_path(station).read_text()))


def _write_slots(station: Path, body: dict[str, Any]) -> None:
    paths.keyslot_path(station).write_text(json.dumps(body))


def _slot(body: dict[str, Any], user: str) -> dict[str, Any]:
    return dict(next(s for s in body["slots"] if s["id"] == f"user:{user}"))


def _store(station: Path, user: str = ADMIN, passphrase: str = PASSPHRASES[ADMIN]) -> tuple[Any, ...]:
    """The store's users and changes, read with the data key (the attacker never had it)."""
    key = keyslots.load(paths.keyslot_path(station)).unwrap(user, passphrase)
    engine = store_engine.open_engine(paths.store_path(station), key)
    try:
        with engine.connect() as conn:
            users = [tuple(r) for r in conn.execute(select(schema.users).order_by(schema.users.c.name))]
            changes = conn.execute(select(schema.change.c.id)).all()
            trail = [(r["user"], r["action"], r["outcome"], r["detail"]) for r in audit_log.rows(conn)]
        return users, changes, trail
    finally:
        engine.dispose()


def _trail(session: services.Session) -> list[tuple[str, str, str, dict[str, Any]]]:
    with session.engine.connect() as conn:
        return [(r["user"], r["action"], r["outcome"], json.loads(r["detail"])) for r in audit_log.rows(conn)]


# --- 1. becoming another user ------------------------------------------------------------------

@pytest.mark.parametrize("relabel", ["user field", "user field and id"])
def test_a_slot_relabelled_as_the_supervisors_does_not_sign_in_as_the_supervisor(station: Path,
                                                                                 relabel: str) -> None:
    body = _slots(station)
    mine = _slot(body, AGENT)
    mine["user"] = SUPERVISOR
    body["slots"] = [s for s in body["slots"] if s["id"] != f"user:{AGENT}"]
    if relabel == "user field and id":
        mine["id"] = f"user:{SUPERVISOR}"
        body["slots"] = [s for s in body["slots"] if s["id"] != f"user:{SUPERVISOR}"]
    body["slots"].insert(0, mine)
    _write_slots(station, body)
    before = _store(station)[:2]
    with pytest.raises(keyslots.WrongPassphrase):
        services.sign_in(data_dir=station, user=SUPERVISOR, passphrase=PASSPHRASES[AGENT])
    assert _store(station)[:2] == before
    admin = services.sign_in(data_dir=station, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    try:
        assert (SUPERVISOR, "logon", "failed", {"reason": "wrong passphrase"}) in _trail(admin), \
            "the attempt is on record as a failed logon of the supervisor"
        assert not [t for t in _trail(admin) if t[:3] == (SUPERVISOR, "logon", "ok")]
    finally:
        admin.close()


def test_a_slot_pasted_back_after_a_reset_is_refused_and_audited(station: Path) -> None:
    old = _slot(_slots(station), AGENT)
    admin = services.sign_in(data_dir=station, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    services.reset_passphrase(session=admin, name=AGENT, new="a brand new agent phrase")
    admin.close()
    body = _slots(station)
    body["slots"] = [old if s["id"] == old["id"] else s for s in body["slots"]]
    _write_slots(station, body)
    before = _store(station)[:2]
    with pytest.raises(services.SlotNotCurrent, match="not the one this station last gave"):
        services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])
    users, changes, trail = _store(station)
    assert (users, changes) == before
    assert trail[-1][:3] == (AGENT, "logon", "denied")
    assert json.loads(trail[-1][3]) == {"reason": "key slot not current"}


def test_an_old_slot_pasted_back_does_not_unlock_a_locked_session(station: Path) -> None:
    """The agent's session is locked at the desk; their passphrase was reset meanwhile (say, because
    it was seen): the old slot pasted back, with the old passphrase, does not unlock it."""
    old = _slot(_slots(station), AGENT)
    agent = services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        services.lock_session(session=agent)
        admin = services.sign_in(data_dir=station, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
        services.reset_passphrase(session=admin, name=AGENT, new="a brand new agent phrase")
        admin.close()
        body = _slots(station)
        _write_slots(station, {**body, "slots": [old if s["id"] == old["id"] else s for s in body["slots"]]})
        with pytest.raises(services.SlotNotCurrent, match="not the one this station last gave"):
            services.unlock_session(session=agent, passphrase=PASSPHRASES[AGENT])
        trail = _trail(agent)
    finally:
        agent.close()
    assert trail[-1][:3] == (AGENT, "session.unlock", "failed")
    assert trail[-1][3] == {"reason": "key slot not current"}


def test_a_disabled_agents_old_slot_pasted_as_the_supervisors_is_refused(station: Path) -> None:
    old = _slot(_slots(station), AGENT)
    admin = services.sign_in(data_dir=station, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    services.disable_user(session=admin, name=AGENT)
    admin.close()
    body = _slots(station)
    _write_slots(station, {**body, "slots": [{**old, "user": SUPERVISOR}, *body["slots"]]})
    with pytest.raises(keyslots.WrongPassphrase):
        services.sign_in(data_dir=station, user=SUPERVISOR, passphrase=PASSPHRASES[AGENT])
    _write_slots(station, {**body, "slots": [*body["slots"], old]})
    with pytest.raises(services.AccountDisabled):
        services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])


def test_a_store_from_before_records_each_users_slot_at_their_first_sign_in(tmp_path: Path) -> None:
    from tests.fixtures.make_store import PASSPHRASE

    data_dir = tmp_path / "station"
    shutil.copytree(FIXTURES / "store-v13", data_dir)
    old = _slot(_slots(data_dir), "agent")
    services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE).close()
    admin = services.sign_in(data_dir=data_dir, user="admin", passphrase=PASSPHRASE)
    services.reset_passphrase(session=admin, name="agent", new="the agent's new phrase")
    admin.close()
    body = _slots(data_dir)
    body["slots"] = [old if s["id"] == old["id"] else s for s in body["slots"]]
    _write_slots(data_dir, body)
    with pytest.raises(services.SlotNotCurrent):
        services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)


# --- 8 (part). out-of-range slot values ---------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [("salt", "YWJj"), ("nonce", "YWJj"), ("wrapped_key", "YWJj"),
                                              ("id", "agent"), ("id", 7), ("version", 3)])
def test_an_out_of_range_slot_value_is_a_damaged_key_slot_file(station: Path, field: str, value: Any) -> None:
    body = _slots(station)
    slot = _slot(body, AGENT)
    if field == "salt":
        slot["kdf"]["salt"] = value
    else:
        slot[field] = value
    body["slots"] = [slot if s["id"] == f"user:{AGENT}" else s for s in body["slots"]]
    _write_slots(station, body)
    with pytest.raises(keyslots.KeySlotError, match="is damaged"):
        services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])


def test_slots_written_by_an_earlier_kinlink_still_open(station: Path) -> None:
    """The fixture stores' files are version 1; a slot of this version binds its user name too."""
    old = keyslots.load(FIXTURES / "store-v13" / "keyslots.json")
    assert [s.version for s in old.slots] == [1, 1]
    assert [s["version"] for s in _slots(station)["slots"]] == [2, 2, 2]


# --- 4. recovery ---------------------------------------------------------------------------------

@pytest.fixture
def two_admins(station: Path) -> tuple[Path, bytes]:
    """The station's admin set a recovery key of their own, then a second admin disabled them."""
    pem, public = recovery.new_key_pair()
    admin = services.sign_in(data_dir=station, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    services.set_recovery_key(session=admin, public_key=public)
    services.add_user(session=admin, name="boss", role="admin", passphrase="the boss passphrase 1")
    admin.close()
    boss = services.sign_in(data_dir=station, user="boss", passphrase="the boss passphrase 1")
    answer = services.disable_user(session=boss, name=ADMIN)
    assert "recovery key was set by 'admin'" in answer["warning"]
    listed = services.list_users(session=boss)
    boss.close()
    assert listed["recovery"]["set_by"] == ADMIN and "disabled" in listed["recovery"]["warning"]
    return station, pem


def test_recovery_never_gives_the_station_back_to_a_disabled_admin(two_admins: tuple[Path, bytes]) -> None:
    station, pem = two_admins
    files = {p.name: p.read_bytes() for p in station.iterdir() if p.name != paths.STORE_FILE and p.is_file()}
    boss = ("boss", "the boss passphrase 1")
    before = _store(station, *boss)[:2]
    with pytest.raises(ValidationError, match="'admin' is disabled.*an active admin"):
        services.recover(data_dir=station, private_key_pem=pem, admin=ADMIN, new_passphrase="take it back now")
    assert {p: (station / p).read_bytes() for p in files} == files
    users, changes, trail = _store(station, *boss)
    assert (users, changes) == before
    assert trail[-1][:3] == (ADMIN, "station.recover", "denied")
    services.sign_in(data_dir=station, user="boss", passphrase="the boss passphrase 1").close()


def test_recovery_refuses_the_stations_name_as_the_new_passphrase(two_admins: tuple[Path, bytes]) -> None:
    station, pem = two_admins
    keys = (station / "keyslots.json").read_bytes()
    with pytest.raises(WeakPassphrase, match="name"):
        services.recover(data_dir=station, private_key_pem=pem, admin="boss", new_passphrase="Test Station 2024")
    assert (station / "keyslots.json").read_bytes() == keys


def test_replacing_the_recovery_key_needs_to_be_asked_and_is_audited(admin: services.Session) -> None:
    first, second = recovery.new_key_pair()[1], recovery.new_key_pair()[1]
    services.set_recovery_key(session=admin, public_key=first)
    slot_before = _slots(admin.data_dir)["recovery"]
    with pytest.raises(ValidationError, match="already has a recovery key.*replace"):
        services.set_recovery_key(session=admin, public_key=second)
    assert _slots(admin.data_dir)["recovery"] == slot_before
    answer = services.set_recovery_key(session=admin, public_key=second, replace=True)
    assert answer["replaced"] == recovery.fingerprint(first)
    *_, last = _trail(admin)
    assert last[:3] == (ADMIN, "station.recovery_key", "ok")
    assert last[3] == {"old": recovery.fingerprint(first), "new": recovery.fingerprint(second)}


def test_a_recovery_slot_put_back_after_the_key_was_replaced_is_refused(admin: services.Session) -> None:
    own_pem, own = recovery.new_key_pair()
    services.set_recovery_key(session=admin, public_key=own)
    kept = _slots(admin.data_dir)["recovery"]
    services.set_recovery_key(session=admin, public_key=recovery.new_key_pair()[1], replace=True)
    _write_slots(admin.data_dir, {**_slots(admin.data_dir), "recovery": kept})
    with pytest.raises(ValidationError, match="not the one this station recorded"):
        services.recover(data_dir=admin.data_dir, private_key_pem=own_pem, admin=ADMIN,
                         new_passphrase="a station of my own")
    assert _trail(admin)[-1] == (ADMIN, "station.recover", "denied", {"reason": "recovery slot not current"})
    services.sign_in(data_dir=admin.data_dir, user=AGENT, passphrase=PASSPHRASES[AGENT]).close()


# --- 5. locked privileged accounts ---------------------------------------------------------------

def _lock(station: Path, user: str) -> None:
    for _ in range(5):
        with pytest.raises((keyslots.WrongPassphrase, AccountLocked)):
            services.sign_in(data_dir=station, user=user, passphrase="not my passphrase")


def test_an_admin_releases_another_admin_and_a_supervisor_may_not(admin: services.Session) -> None:
    station = admin.data_dir
    services.add_user(session=admin, name="boss", role="admin", passphrase="the boss passphrase 1", kdf=FAST_KDF)
    _lock(station, "boss")
    supervisor = services.sign_in(data_dir=station, user=SUPERVISOR, passphrase=PASSPHRASES[SUPERVISOR])
    try:
        assert services.locked_users(session=supervisor)["users"] == []
        with pytest.raises(NotPermitted, match="release locked admins"):
            services.release_user(session=supervisor, name="boss")
        assert _trail(supervisor)[-1][:3] == (SUPERVISOR, "user.release", "denied")
    finally:
        supervisor.close()
    with pytest.raises(AccountLocked):
        services.sign_in(data_dir=station, user="boss", passphrase="the boss passphrase 1")
    assert [u["name"] for u in services.list_users(session=admin)["users"] if u["locked"]] == ["boss"]
    assert services.release_user(session=admin, name="boss") == {"user": "boss", "released": True}
    services.sign_in(data_dir=station, user="boss", passphrase="the boss passphrase 1").close()


# --- 11. who created an account that reads personal data -----------------------------------------

def test_who_added_each_account_is_kept_shown_and_flagged_when_it_reads_personal_data(
        admin: services.Session) -> None:
    services.add_user(session=admin, name="shadow", role="supervisor", passphrase="shadow passphrase 1")
    services.add_user(session=admin, name="helper", role="admin", passphrase="helper passphrase 1")
    services.set_role(session=admin, name="helper", role="agent")
    listed = {u["name"]: u for u in services.list_users(session=admin)["users"]}
    assert listed["shadow"]["added_by"] == ADMIN and listed[AGENT]["added_by"] == ADMIN
    assert listed[ADMIN]["added_by"] is None, "the first admin was made with the station"
    trail = _trail(admin)
    add = next(t for t in trail if t[1] == "user.add" and t[3].get("role") == "supervisor")
    assert add[3] == {"role": "supervisor", "added_by": ADMIN, "reads_personal_data": True}
    assert next(t for t in trail if t[1] == "user.add" and t[3]["role"] == "admin")[3]["reads_personal_data"] \
        is False
    assert trail[-2][1:] == ("user.role", "ok", {"from": "admin", "to": "agent", "reads_personal_data": True})


def test_the_digest_of_each_slot_is_kept_in_the_store(admin: services.Session) -> None:
    with admin.engine.connect() as conn:
        stored = dict(conn.execute(select(schema.users.c.name, schema.users.c.slot_digest)).all())
    for slot in keyslots.load(paths.keyslot_path(admin.data_dir)).slots:
        assert stored[slot.user] == slot.digest() == hashlib.sha256(
            slot.salt + slot.nonce + slot.wrapped).hexdigest()


def test_the_schema_version_is_the_last_step_of_the_ladder() -> None:
    from app.store import migrations

    assert max(migrations.MIGRATIONS) == schema.SCHEMA_VERSION == 14


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("store-v*")), ids=lambda f: f.name)
def test_schema_14_keeps_who_added_whom_from_now_on_and_records_a_slot_at_its_first_sign_in(
        fixture: Path, tmp_path: Path) -> None:
    from tests.fixtures.make_store import PASSPHRASE

    data_dir = tmp_path / "station"
    shutil.copytree(fixture, data_dir)
    session = services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    try:
        with session.engine.connect() as conn:
            rows = {r["name"]: r for r in conn.execute(select(schema.users)).mappings()}
        slots = keyslots.load(paths.keyslot_path(data_dir))
        slot = slots.slot("agent")
        assert slot is not None and rows["agent"]["slot_digest"] == slot.digest()
        made_before = int(fixture.name.removeprefix("store-v")) < 14
        assert rows["agent"]["created_by"] == (None if made_before else "admin")
        assert rows["admin"]["created_by"] is None
        assert (rows["admin"]["slot_digest"] is None) is made_before, "recorded at the admin's own first sign-in"
    finally:
        session.close()
