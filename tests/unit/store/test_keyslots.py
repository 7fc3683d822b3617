"""Key slots: the data key wrapped per user, in a file that is written atomically."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from app.store import keyslots

KEY = bytes(range(32))


def _slots(tmp_path: Path) -> Path:
    slots = keyslots.KeySlots("store-1")
    slots.add_user("ana", "first passphrase", KEY)
    slots.add_user("luis", "second passphrase", KEY)
    path = tmp_path / "keyslots.json"
    slots.save(path)
    return path


def test_each_user_unwraps_the_same_data_key(tmp_path: Path) -> None:
    loaded = keyslots.load(_slots(tmp_path))
    assert loaded.unwrap("ana", "first passphrase") == KEY
    assert loaded.unwrap("luis", "second passphrase") == KEY
    assert KEY.hex() not in _slots(tmp_path).read_text()


@pytest.mark.parametrize(("user", "passphrase"), [("ana", "second passphrase"), ("nobody", "first passphrase"),
                                                  ("ana", "")])
def test_wrong_user_or_passphrase_is_refused(tmp_path: Path, user: str, passphrase: str) -> None:
    with pytest.raises(keyslots.WrongPassphrase):
        keyslots.load(_slots(tmp_path)).unwrap(user, passphrase)


def test_a_slot_moved_to_another_user_does_not_open(tmp_path: Path) -> None:
    path = _slots(tmp_path)
    data = json.loads(path.read_text())
    ana, luis = data["slots"]
    ana["user"], luis["user"] = "luis", "ana"  # ana's wrapped key under luis's name, and back
    ana["kdf"], luis["kdf"] = luis["kdf"], ana["kdf"]
    path.write_text(json.dumps(data))
    with pytest.raises(keyslots.WrongPassphrase):
        keyslots.load(path).unwrap("luis", "first passphrase")


def test_changing_a_passphrase_rewraps_the_slot_not_the_key(tmp_path: Path) -> None:
    slots = keyslots.load(_slots(tmp_path))
    slots.add_user("ana", "a brand new passphrase", slots.unwrap("ana", "first passphrase"))
    assert slots.unwrap("ana", "a brand new passphrase") == KEY
    with pytest.raises(keyslots.WrongPassphrase):
        slots.unwrap("ana", "first passphrase")
    assert slots.users() == ["luis", "ana"]


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(keyslots.KeySlotError, match="key-slot file .* is missing"):
        keyslots.load(tmp_path / "keyslots.json")


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: text.replace('"wrapped_key": "', '"wrapped_key": "!!'),
    lambda text: text.replace('"slots"', '"slotz"'),
    lambda text: "[]",
    lambda text: "",
    lambda text: re.sub(r'"memory_kib": \d+', '"memory_kib": 104857600', text),  # would ask for 100 GiB
    lambda text: re.sub(r'"iterations": \d+', '"iterations": 0', text),
])
def test_damaged_file_is_named(tmp_path: Path, damage) -> None:  # noqa: ANN001
    path = _slots(tmp_path)
    path.write_text(damage(path.read_text()))
    with pytest.raises(keyslots.KeySlotError, match="damaged|not a Kinlink key-slot file"):
        keyslots.load(path)


def test_newer_file_version_is_named(tmp_path: Path) -> None:
    path = _slots(tmp_path)
    path.write_text(path.read_text().replace('"version": 2', '"version": 3', 1))  # the file's, not a slot's
    with pytest.raises(keyslots.KeySlotError, match="version 3.*update Kinlink"):
        keyslots.load(path)


def test_a_failed_save_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _slots(tmp_path)
    before = path.read_bytes()
    slots = keyslots.load(path)
    slots.add_user("mario", "third passphrase", KEY)

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        slots.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keyslots.json"], "no temp file left behind"


def test_saved_file_is_private(tmp_path: Path) -> None:
    assert _slots(tmp_path).stat().st_mode & 0o077 == 0


def test_default_cost_meets_the_security_floor() -> None:
    # The time (>= 0.25 s on the reference machine) is measured by scripts/bench; here the
    # parameters that give it must not quietly shrink.
    params = keyslots.KdfParams()
    assert params.memory_kib >= 64 * 1024 and params.iterations >= 3
