"""The reunification policy (docs/reunification.md): the deadlines a separation is judged by.

By default those of the 2018 court order (Ms. L. v. ICE): reunify within 14 days of the separation
when the child was under 5 then (or its age is unknown), within 30 days otherwise; first contact
within 10 days. The registry's operators may set another, which the registry numbers (versions 1,
2, …) and signs; stations receive every version by sync and verify its signature. Each separation
records the version in force when it was recorded, and is judged by that version ever after: a new
policy does not move a deadline already given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import fields as f
from .errors import Problem, ValidationError

MAX_DAYS = 365
DAY_FIELDS = ("under_5_days", "other_days", "contact_days")


@dataclass(frozen=True)
class Policy:
    """The deadlines a separation is judged by. Version 0 is the built-in default."""

    version: int = 0
    under_5_days: int = 14
    other_days: int = 30
    contact_days: int = 10

    def as_dict(self) -> dict[str, int]:
        return {"version": self.version, "under_5_days": self.under_5_days, "other_days": self.other_days,
                "contact_days": self.contact_days}


DEFAULT_POLICY = Policy()


def proposed(document: Any) -> dict[str, int]:
    """The days of a policy an operator proposes (a JSON object with ``under_5_days``, ``other_days``
    and ``contact_days``; nothing else), checked to be sensible: whole days from 1 to 365, children
    under 5 no later than older ones, first contact no later than either deadline."""
    if not isinstance(document, Mapping):
        raise ValidationError.one("policy", f"must be a JSON object of {', '.join(DAY_FIELDS)}, not "
                                            f"{f.describe(document)}")
    problems = [Problem(f"policy.{k}", "is not a field of a policy (known: " + ", ".join(DAY_FIELDS) + ")")
                for k in sorted(set(document) - set(DAY_FIELDS), key=str)]
    days: dict[str, int] = {}
    for name in DAY_FIELDS:
        value = document.get(name)
        if name not in document:
            problems.append(Problem(f"policy.{name}", "is missing"))
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
            said = value if isinstance(value, (int, float)) and not isinstance(value, bool) else f.describe(value)
            problems.append(Problem(f"policy.{name}", f"must be a whole number of days from 1 to {MAX_DAYS}, "
                                                      f"not {said}"))
        else:
            days[name] = value
    if len(days) == len(DAY_FIELDS):
        if days["under_5_days"] > days["other_days"]:
            problems.append(Problem("policy.under_5_days", "is later than other_days: children under 5 are "
                                                           "reunified first"))
        if days["contact_days"] > min(days["under_5_days"], days["other_days"]):
            problems.append(Problem("policy.contact_days", "is later than a reunification deadline"))
    if problems:
        raise ValidationError(problems)
    return days


def in_force(versions: Mapping[int, Policy]) -> Policy:
    """The policy in force among ``versions`` (by version): the latest, else the built-in default."""
    return versions[max(versions)] if versions else DEFAULT_POLICY


def signed_bytes(policy: Policy) -> bytes:
    """What the registry signs: the policy's fields as canonical JSON (sorted keys, no spaces)."""
    return json.dumps(policy.as_dict(), sort_keys=True, separators=(",", ":")).encode("ascii")


def from_signed(document: str) -> Policy:
    """A policy from the document the registry signed (already verified by the caller)."""
    data = json.loads(document)
    if not isinstance(data, dict) or not isinstance(data.get("version"), int) or data["version"] < 1:
        raise ValidationError.one("policy", "a signed policy names its version (1 or more)")
    days = proposed({k: v for k, v in data.items() if k != "version"})
    return Policy(version=int(data["version"]), **days)
