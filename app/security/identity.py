"""The station's identity: an Ed25519 key pair made at ``kinlink init``; the private key lives
only inside the encrypted store. Change records and band payloads are signed with it."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.domain.bandnumber import station_code_from_key


@dataclass(frozen=True)
class StationIdentity:
    code: str
    name: str
    private_key: bytes
    public_key: bytes

    @classmethod
    def generate(cls, name: str) -> StationIdentity:
        key = Ed25519PrivateKey.generate()
        public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        private = key.private_bytes_raw()
        return cls(station_code_from_key(public), name, private, public)

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.private_key).sign(message)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
