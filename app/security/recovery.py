"""The recovery slot: the data key sealed to a recovery public key (X25519 + HKDF-SHA256 +
AES-256-GCM, an ECIES "sealed box"), so that a station whose passphrases are all lost can be
opened with the matching private key, held by the registry operators, never on the station."""

from __future__ import annotations

import base64
import hashlib
import os
from typing import Any

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

INFO = b"kinlink-recovery-slot-v1"


class RecoveryError(Exception):
    """The recovery key is not in a readable form, or does not open this station's recovery slot."""


class MalformedKey(RecoveryError):
    """A recovery key file that is not a key at all: bad input (exit 2), not a refused key (exit 3)."""


def new_key_pair() -> tuple[bytes, str]:
    """A private key (PEM bytes, to keep offline) and its public key (base64 text, to give to stations)."""
    private = X25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return pem, public_text(private.public_key())


def public_text(key: X25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


def load_public(text: str) -> X25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return X25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise MalformedKey("the recovery public key is not a base64 X25519 key (44 characters)") from None


def fingerprint(public_key: str) -> str:
    """A short name of a recovery public key (base64, as given or as the slot holds it), for the audit
    and the users list: the first 16 hex digits of the SHA-256 of its 32 bytes."""
    raw = base64.b64decode(public_key.strip(), validate=True)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_private(pem: bytes) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise MalformedKey("the recovery private key file is not a PEM private key") from None
    if not isinstance(key, X25519PrivateKey):
        raise MalformedKey("the recovery private key is not an X25519 key")
    return key


def _kek(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral + recipient, info=INFO).derive(shared)


def seal(data_key: bytes, public: X25519PublicKey, aad: bytes) -> dict[str, Any]:
    ephemeral = X25519PrivateKey.generate()
    eph_raw = ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    recipient = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    nonce = os.urandom(12)
    wrapped = AESGCM(_kek(ephemeral.exchange(public), eph_raw, recipient)).encrypt(nonce, data_key, aad)
    return {"public_key": _b64(recipient), "ephemeral": _b64(eph_raw), "nonce": _b64(nonce),
            "wrapped_key": _b64(wrapped)}


def unseal(sealed: dict[str, Any], private: X25519PrivateKey, aad: bytes) -> bytes:
    recipient = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if _b64(recipient) != sealed["public_key"]:
        raise RecoveryError("this recovery key is not the one this station's recovery slot was made for")
    eph_raw = base64.b64decode(sealed["ephemeral"])
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_raw))
    try:
        return AESGCM(_kek(shared, eph_raw, recipient)).decrypt(
            base64.b64decode(sealed["nonce"]), base64.b64decode(sealed["wrapped_key"]), aad)
    except InvalidTag:
        raise RecoveryError("the recovery slot does not open with this key (damaged or altered)") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
