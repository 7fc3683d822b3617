"""The reunification policies this station received from its registry (app.domain.policy): every
version, kept with the registry's signature and verified again whenever read, so that a policy
edited into the store by hand is not believed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, insert, select

from app.domain import policy as domain_policy
from app.domain.errors import ValidationError
from app.domain.policy import Policy
from app.security.identity import verify

from . import schema


def save(conn: Connection, entries: Iterable[Mapping[str, Any]], registry_key: bytes, at: str) -> int:
    """Keep the versions not held yet whose signature verifies (``entries``: ``version``,
    ``document``, ``signature`` as bytes); returns how many were new. Others are ignored."""
    held = set(conn.execute(select(schema.policy.c.version)).scalars())
    added = 0
    for entry in entries:
        checked = _checked(str(entry.get("document")), entry.get("signature"), registry_key)
        if checked is not None and checked.version not in held:
            conn.execute(insert(schema.policy).values(version=checked.version, document=entry["document"],
                                                      signature=entry["signature"], received_at=at))
            held.add(checked.version)
            added += 1
    return added


def known(conn: Connection, registry_key: bytes | None) -> dict[int, Policy]:
    """Every version held whose signature verifies, by version (none before enrolment)."""
    if registry_key is None:
        return {}
    rows = conn.execute(select(schema.policy.c.document, schema.policy.c.signature))
    checked = (_checked(document, bytes(signature), registry_key) for document, signature in rows)
    return {p.version: p for p in checked if p is not None}


def _checked(document: str, signature: Any, registry_key: bytes) -> Policy | None:
    if not isinstance(signature, bytes) or not verify(registry_key, signature, document.encode("utf-8")):
        return None
    try:
        found = domain_policy.from_signed(document)
    except (ValueError, ValidationError):
        return None
    return found if domain_policy.signed_bytes(found) == document.encode("utf-8") else None
