"""The audit chain: each record holds the hash of the one before, so a changed, removed or
reordered record breaks the chain at that point. Pure functions; the store keeps the rows.

What it does not do alone: someone holding the data key can rewrite the whole tail consistently.
Each sync sends the registry a copy of the chain (``sync.registry.auditing``), which shows such a rewrite there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
FIELDS = ("seq", "at", "station", "user", "action", "target", "outcome", "detail")
# How a chain record is stored, here and at the registry (app/store/schema.py, sync/registry/tables.py):
# the hashed fields, then the links of the chain; every column is text but ``seq``.
COLUMNS = (*FIELDS, "prev_hash", "hash")


class Outcome:
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


def timestamp(moment: datetime | None = None) -> str:
    """UTC to the hundredth of a second, e.g. 2026-11-25T03:10:22.45Z."""
    now = (moment or datetime.now(UTC)).astimezone(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 10_000:02d}Z"


def record_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    body = json.dumps({k: record[k] for k in FIELDS}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}|{body}".encode()).hexdigest()


def next_record(last: tuple[int, str] | None, *, station: str, user: str, action: str, target: str = "",
                outcome: str = Outcome.OK, detail: Mapping[str, Any] | None = None,
                at: str | None = None) -> dict[str, Any]:
    """The record that follows ``last`` (its seq and hash; None for the first): numbered, linked to it
    and hashed. ``detail`` holds ids and counts only, never names or other personal data."""
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    row: dict[str, Any] = {"seq": seq, "at": at or timestamp(), "station": station, "user": user, "action": action,
                           "target": target, "outcome": outcome,
                           "detail": json.dumps(dict(detail or {}), sort_keys=True, separators=(",", ":"))}
    row["prev_hash"] = prev
    row["hash"] = record_hash(prev, row)
    return row


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    records: int
    broken_at: int | None = None
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"intact": self.intact, "records": self.records, "broken_at": self.broken_at, "reason": self.reason}


def verify_chain(rows: Iterable[Mapping[str, Any]]) -> ChainReport:
    """Walk the records in storage order; report the first one whose link or content is wrong."""
    prev, expected_seq, count = GENESIS, 1, 0
    for row in rows:
        count += 1
        if row["seq"] != expected_seq:
            reason = (f"record {expected_seq} is missing" if row["seq"] > expected_seq
                      else f"record {row['seq']} is out of order")
            return ChainReport(False, count, expected_seq, reason)
        if row["prev_hash"] != prev:
            return ChainReport(False, count, row["seq"], f"record {row['seq']} does not follow record "
                                                          f"{row['seq'] - 1} (removed, reordered or changed)")
        if record_hash(prev, row) != row["hash"]:
            return ChainReport(False, count, row["seq"], f"record {row['seq']} was changed after it was written")
        prev, expected_seq = row["hash"], expected_seq + 1
    return ChainReport(True, count)
