"""Key slots: the store's random data key, wrapped once per user (like LUKS).

Each slot holds the data key encrypted with AES-256-GCM under a key derived from the user's
passphrase with Argon2id. The associated data binds a slot to its store, its slot id (``user:NAME``,
by which it is looked up) and (slot version 2) its user name, so a slot cannot be moved or relabelled
to another user or another store. Version 1 files (Kinlink before schema 14) are read as they are;
a slot is rewritten as version 2 at its next passphrase change. The file is small JSON, written
atomically with mode 0600. Changing a passphrase rewraps one slot; the data key never changes.

The store keeps the digest of each user's current slot (``Slot.digest``), so that a slot pasted
back from a copy (an old passphrase, a disabled account) is refused at sign-in by the services.
"""

from __future__ import annotations

import base64
import hashlib
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
VERSION = 2  # of the file; version 1 files are read too (their slots are all of slot version 1)
READABLE = (1, 2)
DATA_KEY_BYTES = 32
SALT_BYTES, NONCE_BYTES, WRAPPED_BYTES = 16, 12, DATA_KEY_BYTES + 16  # what Kinlink writes; AES-GCM's tag: 16


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
    version: int = VERSION  # 1: the associated data binds the slot id only; 2: the user name too

    def to_json(self) -> dict[str, Any]:
        return {"id": self.slot_id, "user": self.user, "kind": "passphrase", "version": self.version,
                "kdf": {"name": "argon2id", "salt": _b64(self.salt), "iterations": self.kdf.iterations,
                        "memory_kib": self.kdf.memory_kib, "lanes": self.kdf.lanes},
                "nonce": _b64(self.nonce), "wrapped_key": _b64(self.wrapped)}

    def digest(self) -> str:
        """What the store keeps of the user's current slot: a slot pasted from a copy differs."""
        return hashlib.sha256(self.salt + self.nonce + self.wrapped).hexdigest()

    @classmethod
    def from_json(cls, data: dict[str, Any], file_version: int) -> Slot:
        """A slot as the file holds it; anything Kinlink never writes raises ValueError (damaged)."""
        kdf = data["kdf"]
        if kdf["name"] != "argon2id":
            raise KeyError(f"unknown key derivation {kdf['name']!r}")
        slot_id, user = data["id"], data["user"]
        version = data.get("version", 1) if file_version > 1 else 1  # a slot pasted from a version 1 file: 1
        if not (isinstance(slot_id, str) and isinstance(user, str) and slot_id.startswith("user:")):
            raise ValueError("a slot's id is not user:NAME")  # its user label is not trusted: see ``slot``
        if version not in READABLE or isinstance(version, bool):
            raise ValueError("unknown slot version")
        slot = cls(slot_id, user, _unb64(kdf["salt"]), _unb64(data["nonce"]), _unb64(data["wrapped_key"]),
                   _params(kdf), version)
        if (len(slot.salt), len(slot.nonce), len(slot.wrapped)) != (SALT_BYTES, NONCE_BYTES, WRAPPED_BYTES):
            raise ValueError("a slot's salt, nonce or wrapped key has a length Kinlink never writes")
        return slot


@dataclass
class KeySlots:
    store_id: str
    slots: list[Slot] = field(default_factory=list)
    recovery: dict[str, Any] | None = None

    def _aad(self, slot_id: str, version: int = 1, user: str = "") -> bytes:
        if version == 1:  # as Kinlink wrote slots (and writes the recovery slot): the slot id only
            return f"{FORMAT}/1|{self.store_id}|{slot_id}".encode()
        return f"{FORMAT}/{version}|{self.store_id}|{slot_id}|{user}".encode()

    def add_user(self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None) -> Slot:
        """Wrap the data key for ``user`` (replacing the user's slot if there is one); the new slot."""
        params = kdf or DEFAULT_KDF
        salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
        slot_id = _slot_id(user)
        wrapped = AESGCM(_derive(passphrase, salt, params)).encrypt(nonce, data_key,
                                                                    self._aad(slot_id, VERSION, user))
        slot = Slot(slot_id, user, salt, nonce, wrapped, params, VERSION)
        self.slots = [s for s in self.slots if s.slot_id != slot_id]
        self.slots.append(slot)
        return slot

    def slot(self, user: str) -> Slot | None:
        """The user's slot, found by its id (never by the ``user`` label, which the file could lie about)."""
        return next((s for s in self.slots if s.slot_id == _slot_id(user)), None)

    def unwrap(self, user: str, passphrase: str) -> bytes:
        slot = self.slot(user)
        if slot is None:
            raise WrongPassphrase(user)
        try:
            key = AESGCM(_derive(passphrase, slot.salt, slot.kdf)).decrypt(
                slot.nonce, slot.wrapped, self._aad(slot.slot_id, slot.version, user))
        except InvalidTag:
            raise WrongPassphrase(user) from None
        return key

    def users(self) -> list[str]:
        return [s.slot_id.removeprefix("user:") for s in self.slots]

    def remove_user(self, user: str) -> None:
        self.slots = [s for s in self.slots if s.slot_id != _slot_id(user)]

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
        version = data.get("version")
        if version not in READABLE or isinstance(version, bool):
            raise KeySlotError(f"the key-slot file {path} has version {version}; this Kinlink "
                               f"reads versions up to {VERSION}: update Kinlink")
        slots = [Slot.from_json(s, version) for s in data["slots"]]
        if len({s.slot_id for s in slots}) != len(slots):
            raise ValueError("two slots of one user")
        return KeySlots(str(data["store_id"]), slots, _recovery(data.get("recovery")))
    except KeySlotError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeySlotError(f"the key-slot file {path} is damaged ({type(error).__name__}): restore it "
                           "from a backup, or recover the station with its recovery key") from None


def _slot_id(user: str) -> str:
    return f"user:{user}"


def _recovery(sealed: Any) -> dict[str, Any] | None:
    """The recovery slot as the file holds it: None, or four base64 texts of the lengths Kinlink writes."""
    if sealed is None:
        return None
    lengths = {"public_key": 32, "ephemeral": 32, "nonce": NONCE_BYTES, "wrapped_key": WRAPPED_BYTES}
    if not isinstance(sealed, dict) or set(sealed) != set(lengths) or \
            any(len(_unb64(sealed[name])) != size for name, size in lengths.items()):
        raise ValueError("the recovery slot is not of the form Kinlink writes")
    return dict(sealed)


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
