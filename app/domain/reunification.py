"""The reunification board (docs/reunification.md): for every child separated from an adult they
arrived with, each such adult, the court's deadlines, the last contact, both sides' custody, and
alerts, most urgent first.

Pure: it reads family units as every reader shows them (``views.FamilyDocument``), so the station
and the registry build the same board from the same records, whatever order they arrived in.

The rules, by default those of the 2018 court order (Ms. L. v. ICE): reunify within 14 days of the
separation when the child was under 5 then (or its age is unknown), within 30 days otherwise; first
contact within 10 days. Times are UTC. A pair leaves the board when it is reunified or closed by a
supervisor with a reason; a child released to a sponsor while an adult is still separated stays.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypedDict

from . import custody
from .custody import StationPlace
from .policy import DEFAULT_POLICY, Policy
from .views import FamilyDocument, LinkView, PersonView

UNDER = 5  # years: the younger children's deadline applies below this age at separation
CONTACT_STATES = ("in_contact", "contact")  # events that are a contact between the two
ENDING_STATES = ("reunified", "closed")  # events that take a pair off the board
AWAY_KINDS = ("released_to_sponsor", "removed")  # custody that has left the agencies


class Custody(TypedDict):
    kind: str  # station, ice, hhs_orr, released_to_sponsor, removed, unknown
    station: str | None
    agency: str | None
    facility: str | None
    since: str | None


class Alert(TypedDict):
    code: str
    text: str


class AdultEntry(TypedDict):
    id: str
    band: str | None
    given_names: str | None
    family_names: str | None
    relationship: str
    link_state: str
    separated_at: str | None
    deadline: str | None
    contact_deadline: str | None
    last_contact_at: str | None
    overdue: bool
    custody: Custody


class ChildSummary(TypedDict):
    id: str
    band: str | None
    given_names: str | None
    family_names: str | None
    age: float | None
    custody: Custody


class ChildEntry(TypedDict):
    child: ChildSummary
    family: str  # the family unit's id, to open it
    deadline: str | None
    overdue: bool
    alerts: list[Alert]
    adults: list[AdultEntry]


class Board(TypedDict):
    as_of: str
    policy: dict[str, int]
    children: list[ChildEntry]


def board(families: Iterable[FamilyDocument], *, as_of: datetime, policy: Policy = DEFAULT_POLICY,
          stations: Mapping[str, StationPlace] | None = None, versions: Mapping[int, Policy] | None = None) -> Board:
    """The board of these family units at ``as_of``. ``stations``: what is known of each station's
    agency and facility, by code. ``policy`` is the one in force; a separation that recorded the
    version it was judged by keeps that version's deadlines (``versions``, every policy known by
    version; the current one for a version not known here)."""
    known = stations or {}
    judges = _Judges(policy, versions or {})
    children = [entry for family in families for entry in _family_entries(family, as_of, judges, known)]
    children.sort(key=_urgency)
    return {"as_of": _iso(as_of), "policy": policy.as_dict(), "children": children}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the board is built: it makes some hundred thousand
    short-lived dicts (no cycles; reference counting frees them), and a full collection in the
    middle doubled the time of one reading in three (measured at a station and at the registry:
    tests/bench/bench_reunification.py)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def select(children: Iterable[ChildEntry], *, overdue: bool = False, agency: str | None = None,
           facility: str | None = None, under_5: bool | None = None) -> list[ChildEntry]:
    """The board's rows a filter keeps: overdue only; a child or one of its adults in this agency's or
    facility's custody; children under 5 (True) or 5 and over (False) today."""
    def keeps(entry: ChildEntry) -> bool:
        places = [entry["child"]["custody"], *(a["custody"] for a in entry["adults"])]
        age = entry["child"]["age"]
        return ((not overdue or entry["overdue"])
                and (agency is None or any(c["agency"] == agency for c in places))
                and (facility is None or any(_same_text(c["facility"], facility) for c in places))
                and (under_5 is None or (age is None or age < UNDER) == under_5))
    return [e for e in children if keeps(e)]


def counts(children: list[ChildEntry]) -> dict[str, int]:
    """What the top of the board says: children, pairs apart, overdue children, children with alerts."""
    return {"children": len(children),
            "pairs": sum(len(e["adults"]) for e in children),
            "overdue": sum(1 for e in children if e["overdue"]),
            "alerts": sum(1 for e in children if e["alerts"])}


def _family_entries(family: FamilyDocument, as_of: datetime, judges: _Judges,
                    stations: Mapping[str, StationPlace]) -> list[ChildEntry]:
    people = {p["id"]: p for p in family["people"] if not p["merged_into"]}
    arrived = _moment(family["encounter"].get("occurred_at"))
    pairs: dict[str, list[tuple[PersonView, LinkView]]] = {}
    for link in family["links"]:
        ends = [people.get(link["from"]), people.get(link["to"])]
        child = next((p for p in ends if p is not None and p["role"] == "child"), None)
        adult = next((p for p in ends if p is not None and p["role"] == "adult"), None)
        if child is not None and adult is not None:
            pairs.setdefault(child["id"], []).append((adult, link))
    entries = []
    for child_id, adults in sorted(pairs.items()):
        entry = _child_entry(family, people[child_id], adults, arrived, as_of, judges, stations)
        if entry is not None:
            entries.append(entry)
    return entries


def _child_entry(family: FamilyDocument, child: PersonView, adults: list[tuple[PersonView, LinkView]],
                 arrived: datetime | None, as_of: datetime, judges: _Judges,
                 stations: Mapping[str, StationPlace]) -> ChildEntry | None:
    child_custody = custody_of(child["custody"], stations)
    rows: list[AdultEntry] = []
    alerts: list[Alert] = []
    for adult, link in sorted(adults, key=lambda pair: pair[0]["id"]):
        row = _adult_entry(child, adult, link, child_custody, arrived, as_of, judges, stations)
        if row is not None:
            rows.append(row)
            alerts.extend(_alerts(row, child_custody, as_of))
    if not rows:
        return None
    rows.sort(key=lambda r: (r["deadline"] is None, r["deadline"] or "", r["id"]))
    deadlines = [r["deadline"] for r in rows if r["deadline"] is not None]
    return {
        "child": {"id": child["id"], "band": child["band"], "given_names": child["given_names"],
                  "family_names": child["family_names"], "age": _age(child, arrived, as_of),
                  "custody": child_custody},
        "family": family["id"],
        "deadline": min(deadlines) if deadlines else None,
        "overdue": any(r["overdue"] for r in rows),
        "alerts": alerts,
        "adults": rows,
    }


def _adult_entry(child: PersonView, adult: PersonView, link: LinkView, child_custody: Custody,
                 arrived: datetime | None, as_of: datetime, judges: _Judges,
                 stations: Mapping[str, StationPlace]) -> AdultEntry | None:
    adult_custody = custody_of(adult["custody"], stations)
    separated, version, contacts, ended = _since_separation(link)
    if ended:
        return None
    base: AdultEntry = {
        "id": adult["id"], "band": adult["band"], "given_names": adult["given_names"],
        "family_names": adult["family_names"], "relationship": link["relationship"],
        "link_state": link["state"], "separated_at": None, "deadline": None, "contact_deadline": None,
        "last_contact_at": None, "overdue": False, "custody": adult_custody,
    }
    if separated is None:
        # Never separated on record: on the board only when the two are no longer in the same place.
        return base if _diverged(child_custody, adult_custody) else None
    age = _age(child, arrived, separated)
    policy = judges.of(version)
    days = policy.under_5_days if age is None or age < UNDER else policy.other_days
    deadline = separated + timedelta(days=days)
    base.update({
        "separated_at": _iso(separated), "deadline": _iso(deadline),
        "contact_deadline": _iso(separated + timedelta(days=policy.contact_days)),
        "last_contact_at": _iso(max(contacts)) if contacts else None,
        "overdue": as_of > deadline,
    })
    return base


def _since_separation(link: LinkView) -> tuple[datetime | None, int | None, list[datetime], bool]:
    """The time of the link's latest separation and the policy version it recorded, the contacts
    since, and whether the pair has been reunified or closed since. Events are read by the time they
    happened, not the order they came."""
    timed = sorted((t, str(e.get("state")), str(e.get("id")), e.get("policy_version")) for e in link["events"]
                   if (t := _moment(e.get("occurred_at"))) is not None)
    separated: datetime | None = None
    version: int | None = None
    contacts: list[datetime] = []
    ended = False
    for moment, state, _, recorded in timed:
        if state == "separated":
            separated, contacts, ended = moment, [], False
            version = recorded if isinstance(recorded, int) and not isinstance(recorded, bool) else None
        elif separated is not None and state in CONTACT_STATES:
            contacts.append(moment)
        elif separated is not None and state in ENDING_STATES:
            ended = True
    return separated, version, contacts, ended


@dataclass(frozen=True)
class _Judges:
    """The policy in force, and every version known, to judge each separation by its own."""

    current: Policy
    versions: Mapping[int, Policy]

    def of(self, version: int | None) -> Policy:
        return self.versions.get(version, self.current) if version is not None else self.current


def _alerts(row: AdultEntry, child_custody: Custody, as_of: datetime) -> list[Alert]:
    who = _who(row)
    out: list[Alert] = []
    if row["separated_at"] is None:
        return [{"code": "custody_diverged",
                 "text": f"in a different place from {who} with no separation on record"}]
    if row["overdue"]:
        out.append({"code": "overdue", "text": f"not reunified with {who} by {row['deadline']}"})
    if row["last_contact_at"] is None and row["contact_deadline"] and as_of > _parse(row["contact_deadline"]):
        out.append({"code": "no_contact", "text": f"no contact with {who} by {row['contact_deadline']}"})
    kind = row["custody"]["kind"]
    if kind == "removed" and child_custody["kind"] not in AWAY_KINDS:
        out.append({"code": "adult_removed", "text": f"{who} was removed from the country; the child is in custody"})
    if kind == "unknown":
        out.append({"code": "adult_custody_unknown", "text": f"where {who} is now is not known"})
    if child_custody["kind"] == "released_to_sponsor":
        out.append({"code": "released_while_separated",
                    "text": f"released to a sponsor while still separated from {who}"})
    return out


def custody_of(row: Mapping[str, Any] | None, stations: Mapping[str, StationPlace]) -> Custody:
    """A custody record as the board shows it (``app.domain.custody``: legacy records read as custody at
    a station). The agency and facility are the record's, else what is known of the station holding."""
    if not row:
        return {"kind": "unknown", "station": None, "agency": None, "facility": None, "since": None}
    current = custody.normalized(row)
    kind = str(current.get("location") or "unknown")
    station = current.get("station") if kind == custody.STATION else None
    info = stations.get(station) if isinstance(station, str) else None
    return {"kind": kind,
            "station": station if isinstance(station, str) else None,
            "agency": current.get("agency") or (info.agency if info else custody.AGENCY_OF_KIND.get(kind)),
            "facility": current.get("receiving_party") or (info.facility if info else None),
            "since": current.get("since")}


def _diverged(child: Custody, adult: Custody) -> bool:
    if "unknown" in (child["kind"], adult["kind"]):
        return False
    return (child["kind"], child["station"]) != (adult["kind"], adult["station"])


def _age(person: PersonView, arrived: datetime | None, at: datetime) -> float | None:
    """Age in years at ``at``: from the birth date, else the estimate made at the encounter."""
    born = person["birth_date"]
    if isinstance(born, str):
        try:
            birth = date.fromisoformat(born)
        except ValueError:
            birth = None
        if birth is not None:
            day = at.astimezone(UTC).date()
            return float(day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day)))
    estimate = person["age_estimate_years"]
    if isinstance(estimate, (int, float)) and not isinstance(estimate, bool):
        elapsed = max((at - arrived).days, 0) / 365.25 if arrived is not None else 0.0
        return round(float(estimate) + elapsed, 1)
    return None


def _who(row: AdultEntry) -> str:
    relation = row["relationship"].replace("_", " ")
    return f"the {relation} (band {row['band']})" if row["band"] else f"the {relation}"


def _urgency(entry: ChildEntry) -> tuple[bool, bool, str, int, str]:
    return (not entry["overdue"], entry["deadline"] is None, entry["deadline"] or "", -len(entry["alerts"]),
            entry["child"]["id"])


def _same_text(a: str | None, b: str) -> bool:
    return a is not None and a.casefold() == b.casefold()


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else None


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
