"""Station hardening (issue 15), accounts, through the real `kinlink` process: a relabelled or damaged
key slot, the recovery key replaced only when asked, a disabled admin's recovery refused, an admin
released by an admin only, and who added each account in `user list`."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from app import services
from app.security import recovery
from app.store import paths
from tests.conftest import ADMIN, AGENT, PASSPHRASES, SUPERVISOR


def _edit_slots(station: Path, edit) -> None:  # noqa: ANN001
    path = paths.keyslot_path(station)
    body = json.loads(path.read_text())
    edit(body)
    path.write_text(json.dumps(body))


def test_a_relabelled_slot_or_a_three_byte_salt_is_refused(cli, station: Path) -> None:  # noqa: ANN001
    def relabel(body: dict) -> None:  # noqa: ANN001 - the agent's own slot, labelled as the supervisor's, first
        mine = next(s for s in body["slots"] if s["id"] == f"user:{AGENT}")
        body["slots"] = [{**mine, "user": SUPERVISOR}] + [s for s in body["slots"] if s is not mine]

    _edit_slots(station, relabel)
    done = cli("audit", "verify", user=SUPERVISOR, passphrase=PASSPHRASES[AGENT])
    assert (done.code, done.stdout) == (3, "") and "wrong user name or passphrase" in done.stderr

    def short_salt(body: dict) -> None:  # noqa: ANN001
        body["slots"][0]["kdf"]["salt"] = base64.b64encode(b"abc").decode()

    _edit_slots(station, short_salt)
    done = cli("audit", "verify", user=SUPERVISOR)
    assert done.code == 2 and "keyslots.json is damaged" in done.stderr and "Traceback" not in done.stderr


def test_recovery_key_replaced_only_when_asked_and_a_disabled_admin_cannot_recover(
        cli, station: Path, tmp_path: Path) -> None:  # noqa: ANN001
    pem, public = recovery.new_key_pair()
    (tmp_path / "own.pub").write_text(public)
    admin = services.sign_in(data_dir=station, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    services.set_recovery_key(session=admin, public_key=recovery.new_key_pair()[1])  # the operators'
    services.add_user(session=admin, name="boss", role="admin", passphrase="the boss passphrase")
    admin.close()
    refused = cli("recovery-key", "set", str(tmp_path / "own.pub"), user=ADMIN)
    assert refused.code == 2 and "already has a recovery key" in refused.stderr and "--replace" in refused.stderr
    replaced = cli("recovery-key", "set", str(tmp_path / "own.pub"), "--replace", user=ADMIN)
    assert replaced.code == 0, replaced.stderr
    assert replaced.json["fingerprint"] == recovery.fingerprint(public) and replaced.json["replaced"]

    boss = services.sign_in(data_dir=station, user="boss", passphrase="the boss passphrase")
    assert "disabled" in services.disable_user(session=boss, name=ADMIN)["warning"]
    boss.close()
    (tmp_path / "own.pem").write_bytes(pem)
    taken = cli("recover", "--key", str(tmp_path / "own.pem"), "--admin", ADMIN, new_passphrase="mine again now")
    assert taken.code == 2 and "'admin' is disabled" in taken.stderr and "an active admin" in taken.stderr
    listed = cli("user", "list", user="boss", passphrase="the boss passphrase")
    assert "warning: the recovery key was set by 'admin', whose account is disabled" in listed.stderr
    assert listed.json["recovery"]["set_by"] == ADMIN and listed.json["users"][0]["disabled"]


def test_only_an_admin_releases_an_admin_and_the_list_says_who_added_whom(cli, station: Path) -> None:  # noqa: ANN001
    admin = services.sign_in(data_dir=station, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    services.add_user(session=admin, name="boss", role="admin", passphrase="the boss passphrase")
    admin.close()
    for _ in range(5):
        with pytest.raises((services.WrongPassphrase, services.AccountLocked)):
            services.sign_in(data_dir=station, user="boss", passphrase="not the passphrase")
    refused = cli("user", "release", "boss", user=SUPERVISOR)
    assert refused.code == 3 and "not permitted to release locked admins" in refused.stderr
    listed = cli("user", "list", user=ADMIN)
    assert {u["name"]: (u["added_by"], u["locked"]) for u in listed.json["users"]} == {
        ADMIN: (None, False), AGENT: (ADMIN, False), SUPERVISOR: (ADMIN, False), "boss": (ADMIN, True)}
    assert listed.json["recovery"] is None
    released = cli("user", "release", "boss", user=ADMIN)
    assert (released.code, released.json) == (0, {"user": "boss", "released": True})
