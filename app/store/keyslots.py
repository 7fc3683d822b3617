"""Key slots: the store's random data key, wrapped once per user (like LUKS).

Each slot holds the data key encrypted with AES-256-GCM under a key derived from the user's
passphrase with Argon2id. The associated data binds a slot to its store and its slot id, so a
slot cannot be moved to another user or another store. The file is small JSON, written
atomically with mode 0600. Changing a passphrase rewraps one slot; the data key never changes.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.files import atomic_write
from app.security import recovery

FORMAT = "kinlink-keyslots"
VERSION = 1
DATA_KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default (4 passes over 128 MiB, one lane) takes 0.33-0.46 s on the reference
    2-core machine (goal: >= 0.25 s; measured by ``scripts/bench --only unlock``). The cost is
    stored in each slot, so raising it later leaves old slots readable."""

    iterations: int = 4
    memory_kib: int = 128 * 1024
    lanes: int = 1

    def check(self) -> None:
        """Refuse costs no Kinlink writes (a damaged or hostile key file could ask for 100 GiB)."""
        if not (1 <= self.iterations <= 64 and 8 <= self.memory_kib <= 4 * 1024 * 1024 and 1 <= self.lanes <= 16):
            raise ValueError("key derivation cost out of range")


DEFAULT_KDF = KdfParams()


class KeySlotError(Exception):
    """The key-slot file is missing, damaged, or of a format this version does not read."""


class WrongPassphrase(Exception):
    """No slot for this user, or the passphrase does not open it (the two are not told apart)."""


@dataclass
class Slot:
    slot_id: str
    user: str
    salt: bytes
    nonce: bytes
    wrapped: bytes
    kdf: KdfParams

    def to_json(self) -> dict[str, Any]:
        return {"id": self.slot_id, "user": self.user, "kind": "passphrase",
                "kdf": {"name": "argon2id", "salt": _b64(self.salt), "iterations": self.kdf.iterations,
                        "memory_kib": self.kdf.memory_kib, "lanes": self.kdf.lanes},
                "nonce": _b64(self.nonce), "wrapped_key": _b64(self.wrapped)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        kdf = data["kdf"]
        if kdf["name"] != "argon2id":
            raise KeyError(f"unknown key derivation {kdf['name']!r}")
        return cls(data["id"], data["user"], _unb64(kdf["salt"]), _unb64(data["nonce"]),
                   _unb64(data["wrapped_key"]), _params(kdf))


@dataclass
class KeySlots:
    store_id: str
    slots: list[Slot] = field(default_factory=list)
    recovery: dict[str, Any] | None = None

    def _aad(self, slot_id: str) -> bytes:
        return f"{FORMAT}/{VERSION}|{self.store_id}|{slot_id}".encode()

    def add_user(self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None) -> None:
        """Wrap the data key for ``user`` (replacing the user's slot if there is one)."""
        params = kdf or DEFAULT_KDF
        salt, nonce = os.urandom(16), os.urandom(12)
        slot_id = f"user:{user}"
        wrapped = AESGCM(_derive(passphrase, salt, params)).encrypt(nonce, data_key, self._aad(slot_id))
        self.slots = [s for s in self.slots if s.slot_id != slot_id]
        self.slots.append(Slot(slot_id, user, salt, nonce, wrapped, params))

    def unwrap(self, user: str, passphrase: str) -> bytes:
        slot = next((s for s in self.slots if s.user == user), None)
        if slot is None:
            raise WrongPassphrase(user)
        try:
            key = AESGCM(_derive(passphrase, slot.salt, slot.kdf)).decrypt(
                slot.nonce, slot.wrapped, self._aad(slot.slot_id))
        except InvalidTag:
            raise WrongPassphrase(user) from None
        return key

    def users(self) -> list[str]:
        return [s.user for s in self.slots]

    def remove_user(self, user: str) -> None:
        self.slots = [s for s in self.slots if s.user != user]

    def set_recovery(self, public_key: str, data_key: bytes) -> None:
        """Seal the data key to the recovery public key (base64 X25519)."""
        self.recovery = recovery.seal(data_key, recovery.load_public(public_key), self._aad("recovery"))

    def unwrap_recovery(self, private_pem: bytes) -> bytes:
        if self.recovery is None:
            raise recovery.RecoveryError("this station has no recovery slot")
        return recovery.unseal(self.recovery, recovery.load_private(private_pem), self._aad("recovery"))

    def to_bytes(self) -> bytes:
        body = {"format": FORMAT, "version": VERSION, "store_id": self.store_id,
                "slots": [s.to_json() for s in self.slots], "recovery": self.recovery}
        return json.dumps(body, indent=1).encode()

    def save(self, path: Path) -> None:
        atomic_write(path, self.to_bytes())


def load(path: Path) -> KeySlots:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeySlotError(f"the key-slot file {path} is missing: without it the store cannot be opened. "
                           "Restore it from a backup, or recover the station with its recovery key") from None
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise KeySlotError(f"{path} is not a Kinlink key-slot file")
        if data.get("version") != VERSION:
            raise KeySlotError(f"the key-slot file {path} has version {data.get('version')}; this Kinlink "
                               f"reads version {VERSION}: update Kinlink")
        return KeySlots(str(data["store_id"]), [Slot.from_json(s) for s in data["slots"]], data.get("recovery"))
    except KeySlotError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeySlotError(f"the key-slot file {path} is damaged ({type(error).__name__}): restore it "
                           "from a backup, or recover the station with its recovery key") from None


def _params(kdf: dict[str, Any]) -> KdfParams:
    params = KdfParams(int(kdf["iterations"]), int(kdf["memory_kib"]), int(kdf["lanes"]))
    params.check()
    return params


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(salt=salt, length=32, iterations=params.iterations, lanes=params.lanes,
                   memory_cost=params.memory_kib)
    return kdf.derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
