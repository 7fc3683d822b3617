"""Domain commands: each validates against the current records and returns the mutations to write.

Commands never read or write storage; the caller passes in what they need (current rows, id and
number allocators) and writes the returned mutations with their change records in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from . import custody
from . import fields as f
from .bandnumber import format_band_number
from .changes import Mutation, create, record_value, update
from .custody import StationPlace
from .document import EncounterDraft
from .errors import InvariantViolation, NotFound, ValidationError
from .model import (
    CONTACT,
    LINK_TRANSITIONS,
    BandStatus,
    ContactKind,
    FamilyStatus,
    LinkState,
    PhotoSource,
    Provenance,
    Relationship,
    Role,
)
from .records import FIELD_RULES, Rule
from .rules import family_problems, members_from_rows

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Allocators:
    """Where new ids and numbers come from (the store allocates them inside the transaction)."""

    new_id: Callable[[], str]
    family_number: Callable[[], str]
    band_number: Callable[[], str]


@dataclass(frozen=True)
class Registration:
    mutations: list[Mutation]
    answer: dict[str, Any]


def register(draft: EncounterDraft, *, alloc: Allocators, agent: str, station: str,
             recorded_at: str, place: StationPlace | None = None) -> Registration:
    """Every record of one encounter document: encounter, families, people, links, custody, bands."""
    encounter_id = alloc.new_id()
    issued_on = datetime.fromisoformat(recorded_at).astimezone(UTC).date().isoformat()  # bands: UTC date
    out = [create("encounter", encounter_id, {**draft.encounter, "agent": agent, "station": station,
                                              "recorded_at": recorded_at})]
    ids: dict[str, str] = {}
    answer_families = []
    for fam in draft.families:
        family_id, number = alloc.new_id(), alloc.family_number()
        out.append(create("family", family_id, {"encounter_id": encounter_id, "number": number,
                                                "status": FamilyStatus.OPEN.value}))
        people = []
        for person in fam.people:
            person_id = ids[person.ref] = alloc.new_id()
            band = alloc.band_number()
            out.append(create("person", person_id, {**person.values, "family_id": family_id}))
            out.append(custody.at_station(person_id, custody_id=alloc.new_id(), since=draft.encounter["occurred_at"],
                                          place=place if place is not None else StationPlace(station)))
            out.append(create("band", alloc.new_id(), {"person_id": person_id, "number": band,
                                                       "status": BandStatus.ISSUED.value, "reprints": 0,
                                                       "issued_on": issued_on}))
            people.append({"ref": person.ref, "id": person_id, "band": format_band_number(band)})
        answer_families.append({"id": family_id, "number": number, "people": people})
    for fam in draft.families:
        for link in fam.links:
            out.append(create("link", alloc.new_id(), {
                "from_person": ids[link.from_ref], "to_person": ids[link.to_ref],
                "relationship": link.relationship, "provenance": link.provenance,
                "state": LinkState.TOGETHER.value}))
    return Registration(out, {"encounter": encounter_id, "families": answer_families})


def change_link_state(link_id: str, link: Row, *, state: str, reason: str, officer: str,
                      from_side: str | None, to_side: str | None, occurred_at: str,
                      event_id: str, policy_version: int | None = None) -> list[Mutation]:
    """A state change of a link, as a record of its own. A separation must say where each side went."""
    problems: list[str] = []
    target = _checked(problems, "state", state, f.choice(LinkState))
    reason = _checked(problems, "reason", reason, f.text)
    officer = _checked(problems, "officer", officer, f.text)
    required = target == LinkState.SEPARATED.value
    from_side = _checked(problems, "from_side", from_side, lambda v: f.text(v, required=required))
    to_side = _checked(problems, "to_side", to_side, lambda v: f.text(v, required=required))
    if problems:
        raise ValidationError.one("", "; ".join(problems))
    current = LinkState(link["state"])
    if LinkState(target) not in LINK_TRANSITIONS[current]:
        raise InvariantViolation(f"a link that is {current.value} cannot become {target}")
    return [
        create("link_event", event_id, {"link_id": link_id, "state": target, "reason": reason,
                                        "officer": officer, "from_side": from_side, "to_side": to_side,
                                        "occurred_at": occurred_at,
                                        "policy_version": policy_version if target == "separated" else None}),
        update("link", link_id, link, {"state": target}),
    ]


def record_contact(link_id: str, link: Row, *, kind: str, note: str | None, by: str, occurred_at: str,
                   event_id: str) -> list[Mutation]:
    """A contact between the two sides of a separated link (a call, a video call, a visit): an event of
    its own that may repeat; the link's state does not change."""
    problems: list[str] = []
    kind = _checked(problems, "kind", kind, f.choice(ContactKind))
    text = _checked(problems, "note", note, lambda v: f.text(v, required=False))
    by = _checked(problems, "by", by, f.text)
    if problems:
        raise ValidationError.one("", "; ".join(problems))
    if link["state"] not in (LinkState.SEPARATED.value, LinkState.IN_CONTACT.value):
        raise InvariantViolation(f"a contact is recorded between a separated pair; this link is {link['state']}")
    return [create("link_event", event_id, {"link_id": link_id, "state": CONTACT, "kind": kind,
                                            "reason": text or f"{kind} contact", "officer": by,
                                            "from_side": None, "to_side": None, "occurred_at": occurred_at})]


@dataclass(frozen=True)
class PhotoRecord:
    """A processed photo (re-encoded JPEG, no metadata) to keep for a person."""

    id: str
    taken_at: str
    source: str
    width: int
    height: int
    sha256: str
    data: bytes


def add_identity_bundle(person: Row, *, family_people: Sequence[Row], carried_by: str | None,
                        photos: Sequence[PhotoRecord]) -> list[Mutation]:
    """A pre-verbal child's identity bundle: who carried the child (an adult of the same family unit)
    and photos. ``person`` is the child's row, ``family_people`` the rows of its unit."""
    if person["role"] != Role.CHILD.value or not person.get("preverbal"):
        raise ValidationError.one("person", "an identity bundle (who carried the child, photos) is only for a "
                                            "pre-verbal child")
    out: list[Mutation] = []
    if carried_by is not None:
        adults = {p["id"] for p in family_people if p["role"] == Role.ADULT.value and p["id"] != person["id"]}
        if carried_by not in adults:
            raise ValidationError.one("carried_by", "must be an adult of the child's own family unit")
        if person.get("carried_by") not in (None, carried_by):
            raise ValidationError.one("carried_by", "is already recorded for this child; a supervisor corrects it")
        mutation = update("person", str(person["id"]), person, {"carried_by": carried_by})
        if mutation.fields:
            out.append(mutation)
    for photo in photos:
        if photo.source not in {s.value for s in PhotoSource}:
            raise ValidationError.one("source", "must be file or camera")
        out.append(create("photo", photo.id, {
            "person_id": person["id"], "taken_at": photo.taken_at, "source": photo.source, "width": photo.width,
            "height": photo.height, "sha256": photo.sha256, "data": record_value(photo.data)}))
    if carried_by is None and not photos:
        raise ValidationError.one("person", "nothing to add: give the adult who carried the child, or a photo")
    return out


def _on_day(rule: Rule) -> Callable[[Any, date], Any]:
    """A record rule as a correction of a person applies it: on a day (at its first moment, UTC)."""
    return lambda value, today: rule(value, datetime.combine(today, time(), UTC))


# The fields of a person a supervisor may correct, each checked by its rule for change records.
CORRECTABLE_PERSON_FIELDS: dict[str, Callable[[Any, date], Any]] = {
    name: _on_day(FIELD_RULES["person"][name])
    for name in ("given_names", "family_names", "sex", "role", "birth_date", "age_estimate_years", "nationality",
                 "languages", "preverbal", "description", "arrived_without_adult")
}


def correct_person(person_id: str, field: str, value: Any, *, family_people: Sequence[Row],
                   family_links: Sequence[tuple[str, str]], today: date) -> Mutation:
    """A correction of one field of a person; refused when it would break invariant 1."""
    check = CORRECTABLE_PERSON_FIELDS.get(field)
    if check is None:
        raise ValidationError.one(field, f"cannot be corrected this way (correctable: "
                                         f"{', '.join(CORRECTABLE_PERSON_FIELDS)})")
    try:
        clean = check(value, today)
    except f.FieldError as error:
        raise ValidationError.one(field, str(error)) from None
    current = next((p for p in family_people if p["id"] == person_id), None)
    if current is None:
        raise NotFound(f"person {person_id!r} is not among the people of its family unit")
    _require_invariant_one((_with_value(family_people, person_id, field, clean), family_links))
    return update("person", person_id, current, {field: clean})


def _with_value(people: Sequence[Row], person_id: str, field: str, value: Any) -> list[Row]:
    """The family unit's people as they would be with ``field`` of ``person_id`` set to ``value``."""
    return [dict(p, **{field: value}) if p["id"] == person_id else p for p in people]


def _require_invariant_one(*units: tuple[Sequence[Row], Sequence[tuple[str, str]]]) -> None:
    """Refuse (InvariantViolation, every problem named) unless each family unit, given as its people
    and its (from, to) link pairs, keeps invariant 1."""
    problems = [problem for people, links in units for problem in family_problems(members_from_rows(people), links)]
    if problems:
        raise InvariantViolation("; ".join(str(p) for p in problems))


def _on_date(check: Callable[[Any, date], Any]) -> Callable[[Any, datetime], Any]:
    return lambda value, now: check(value, now.date())


# What a supervisor may correct on the other kinds of record (a person: CORRECTABLE_PERSON_FIELDS), each
# checked by its rule for change records. Link states change through link events, never by correction;
# fixed fields never change.
_CORRECTABLE_OTHER = {"link": ("relationship", "provenance"),
                      "custody": ("location", "receiving_party", "reference", "since", "agency"),
                      "encounter": ("occurred_at", "place", "latitude", "longitude")}
CORRECTABLE_FIELDS: dict[str, dict[str, Rule]] = {
    "person": {name: _on_date(check) for name, check in CORRECTABLE_PERSON_FIELDS.items()},
    **{entity: {name: FIELD_RULES[entity][name] for name in names} for entity, names in _CORRECTABLE_OTHER.items()},
}

# What kind of value each correctable field takes beyond plain text, for whoever reads it from what a
# person typed (the command line as JSON, the app's form): "number", "list" (of codes) or "flag".
CORRECTION_KINDS: dict[str, str] = {"age_estimate_years": "number", "latitude": "number", "longitude": "number",
                                    "languages": "list", "preverbal": "flag", "arrived_without_adult": "flag"}


def correction_kind(field: str) -> str:
    """"number", "list", "flag", or "text" (every other correctable field)."""
    return CORRECTION_KINDS.get(field, "text")


def correct(entity: str, current: Row, field: str, value: Any, *, now: datetime,
            family_people: Sequence[Row] = (), family_links: Sequence[tuple[str, str]] = ()) -> Mutation:
    """A supervisor's correction of one field of a person, link, custody record or encounter (the
    reason goes with the change record). Refused when the value is not valid for the field, when
    nothing would change, and for a person when it would break invariant 1."""
    correctable = CORRECTABLE_FIELDS.get(entity)
    if correctable is None:
        raise ValidationError.one("record", f"a {entity.replace('_', ' ')} cannot be corrected (correctable: "
                                            f"{', '.join(CORRECTABLE_FIELDS)})")
    if field not in correctable:
        raise ValidationError.one(field, f"cannot be corrected on a {entity} (correctable: "
                                         f"{', '.join(correctable)})")
    if entity == "person":
        mutation = correct_person(current["id"], field, value, family_people=family_people,
                                  family_links=family_links, today=now.date())
    else:
        try:
            clean = correctable[field](value, now)
        except f.FieldError as error:
            raise ValidationError.one(field, str(error)) from None
        mutation = update(entity, current["id"], current, {field: clean})
    if field not in mutation.fields:
        raise ValidationError.one(field, f"is {current.get(field)!r} already; nothing to correct")
    return mutation


def resolve_conflict(entity: str, current: Row, field: str, value: Any, *, entered: bool, now: datetime,
                     family_people: Sequence[Row] = (), family_links: Sequence[tuple[str, str]] = ()) -> Mutation:
    """The write that settles a conflict on ``field``: the value kept (one of the conflicting writes'),
    or a value the supervisor ``entered``, checked as a correction would be. Written even when the
    record already shows that value, so that the resolution reaches every replica."""
    if entered:
        check = CORRECTABLE_FIELDS.get(entity, {}).get(field)
        if check is None:
            raise ValidationError.one(field, f"a new value cannot be entered for a {entity}'s {field}; keep one of "
                                             "the values instead")
        try:
            value = check(value, now)
        except f.FieldError as error:
            raise ValidationError.one(field, str(error)) from None
    if entity == "person":
        _require_invariant_one((_with_value(family_people, current["id"], field, value), family_links))
    return Mutation(entity, current["id"], {field: (current.get(field), value)})


def move_person(person: Row, *, to_family: str, from_people: Sequence[Row], to_people: Sequence[Row],
                links: Sequence[tuple[str, str]], new_id: Callable[[], str]) -> list[Mutation]:
    """Move ``person`` into family unit ``to_family`` (a correction: the person was put in the wrong
    unit), keeping invariant 1 in both units. Every link the person has stays (a link is never
    removed); new links, relationship "unknown", join a moved child to each adult of its new unit,
    or a moved adult to each child there (whose "arrived without an adult" mark then no longer
    holds). Refused when the unit it leaves would keep children without an adult."""
    if person["family_id"] == to_family:
        raise ValidationError.one("family", "the person is in that family unit already")
    pid = person["id"]
    staying = [p for p in from_people if p["id"] != pid]
    if person["role"] == Role.ADULT.value and not [p for p in staying if p["role"] == Role.ADULT.value] and \
            [p for p in staying if p["role"] == Role.CHILD.value]:
        raise InvariantViolation("this is the only adult of its family unit, whose children would be left without "
                                 "an adult: move them too (first), or correct who is an adult")
    linked = {frozenset(pair) for pair in links}
    out = [update("person", pid, person, {"family_id": to_family})]
    moved = dict(person, family_id=to_family)
    adults = [p for p in to_people if p["role"] == Role.ADULT.value]
    children = [p for p in to_people if p["role"] == Role.CHILD.value]

    def link(adult: str, child: str) -> None:
        if frozenset((adult, child)) not in linked:
            linked.add(frozenset((adult, child)))
            out.append(create("link", new_id(), {"from_person": adult, "to_person": child,
                                                 "relationship": Relationship.UNKNOWN.value,
                                                 "provenance": Provenance.CLAIMED.value,
                                                 "state": LinkState.TOGETHER.value}))

    if person["role"] == Role.CHILD.value:
        for adult in adults:
            link(adult["id"], pid)
        if adults and person.get("arrived_without_adult"):
            out.append(update("person", pid, moved, {"arrived_without_adult": False}))
            moved["arrived_without_adult"] = False
    else:
        for child in children:
            link(pid, child["id"])
            if not adults and child.get("arrived_without_adult"):
                out.append(update("person", child["id"], child, {"arrived_without_adult": False}))
    after = [moved, *(dict(p, arrived_without_adult=False) if person["role"] == Role.ADULT.value and not adults
                      else p for p in to_people)]
    pairs = [(a, b) for a, b in (tuple(pair) for pair in linked if len(pair) == 2)]
    _require_invariant_one((after, pairs), (staying, pairs))
    return out


def merge_people(kept: Row, merged: Row) -> Mutation:
    """Record that ``merged`` is the same person as ``kept`` (registered twice). Nothing else of
    either record changes: their links, bands, custody and history stay, so a split restores both
    exactly and no merge can leave a child without its links."""
    if kept["id"] == merged["id"]:
        raise ValidationError.one("person", "a record cannot be merged with itself")
    if merged.get("merged_into"):
        raise ValidationError.one("person", f"{merged['id']} is merged into {merged['merged_into']} already; "
                                            "split it first")
    if kept.get("merged_into"):
        raise ValidationError.one("person", f"{kept['id']} is itself merged into {kept['merged_into']}: merge "
                                            "into that record instead")
    if kept.get("role") != merged.get("role"):
        roles = sorted(str(r) for r in (kept.get("role"), merged.get("role")))  # "adult", "child"
        raise ValidationError.one("role", f"an {roles[0]} and a {roles[1]} cannot be the same person: correct "
                                          "the role first")
    return update("person", merged["id"], merged, {"merged_into": kept["id"]})


def split_person(merged: Row) -> Mutation:
    """Undo a merge: the record stands on its own again, exactly as before."""
    if not merged.get("merged_into"):
        raise ValidationError.one("person", f"{merged['id']} is not merged into another record")
    return update("person", merged["id"], merged, {"merged_into": None})


def _checked(problems: list[str], name: str, value: Any, check: Callable[[Any], Any]) -> Any:
    try:
        return check(value)
    except f.FieldError as error:
        problems.append(f"{name} {error}")
        return None
