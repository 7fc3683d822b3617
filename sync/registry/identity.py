"""The registry's own identity: its name and Ed25519 key pair (made on first use), and the recovery
public key it hands to enrolling stations. Every answer to a signed request is signed with the key."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, insert, select, update

from . import auditing
from . import tables as t
from .database import Database, iso, now


@dataclass(frozen=True)
class Identity:
    name: str
    private_key: bytes
    public_key: bytes
    recovery_public_key: str | None

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.private_key).sign(message)


def ensure(conn: Connection, name: str) -> None:
    """The registry's key pair, made on first use."""
    if conn.execute(select(t.identity.c.id)).first() is None:
        key = Ed25519PrivateKey.generate()
        conn.execute(insert(t.identity).values(id=1, name=name, private_key=key.private_bytes_raw(),
                                               public_key=key.public_key().public_bytes_raw(),
                                               recovery_public_key=None, created_at=iso(now())))


def read(db: Database) -> Identity:
    """Read afresh each time: an operator's change (a new recovery key) reaches running processes."""
    with db.reading() as conn:
        row = conn.execute(select(t.identity)).mappings().one()
    return Identity(row["name"], bytes(row["private_key"]), bytes(row["public_key"]), row["recovery_public_key"])


def set_recovery_key(db: Database, public_text: str, *, who: str) -> None:
    with db.writing() as conn:
        conn.execute(update(t.identity).values(recovery_public_key=public_text))
        auditing.append(conn, user=who, action="recovery-key.set")
