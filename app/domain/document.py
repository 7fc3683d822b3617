"""The encounter document, version 1: the input of ``kinlink family add`` (see docs/encounter-document.md).

``parse_document`` turns raw bytes into a validated ``EncounterDraft`` or raises ``ValidationError``
listing every problem with its place in the document. Unknown keys are errors, not ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from . import fields as f
from . import jsontext, plausibility
from .errors import Problem, ValidationError
from .rules import Member, family_problems

MAX_DOCUMENT_BYTES = 1_000_000
MAX_PEOPLE_PER_DOCUMENT = 200
MAX_REF_LENGTH = 40

ENCOUNTER_KEYS = {"occurred_at", "place"}, {"latitude", "longitude"}
FAMILY_KEYS = {"people"}, {"links"}
PERSON_KEYS = {"ref", "role", "given_names", "family_names", "sex"}, {
    "birth_date", "age_estimate_years", "nationality", "languages", "preverbal", "description",
    "documents", "arrived_without_adult"}
LINK_KEYS: tuple[set[str], set[str]] = {"from", "to", "relationship", "provenance"}, set()
DOCUMENT_ID_KEYS = {"type", "number"}, {"country"}


@dataclass
class PersonDraft:
    ref: str
    values: dict[str, Any]

    @property
    def role(self) -> str:
        return str(self.values["role"])


@dataclass
class LinkDraft:
    from_ref: str
    to_ref: str
    relationship: str
    provenance: str


@dataclass
class FamilyDraft:
    people: list[PersonDraft] = field(default_factory=list)
    links: list[LinkDraft] = field(default_factory=list)


@dataclass
class EncounterDraft:
    encounter: dict[str, Any]
    families: list[FamilyDraft]


class _Collector:
    """Reads JSON values, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def obj(self, value: Any, where: str, keys: tuple[set[str], set[str]]) -> dict[str, Any] | None:
        required, optional = keys
        if not isinstance(value, dict):
            self.fail(where, "must be an object { ... }")
            return None
        for key in sorted(set(value) - required - optional):
            self.fail(where, f"unknown key {key!r} (allowed: {', '.join(sorted(required | optional))})")
        for key in sorted(required - set(value)):
            self.fail(where, f"missing key {key!r}")
        return value

    def value(self, data: Mapping[str, Any], key: str, where: str, check: Callable[[Any], Any],
              *, required: bool = False) -> Any:
        if required and key not in data:
            return None  # already reported as a missing key
        try:
            return check(data.get(key))
        except f.FieldError as error:
            self.fail(f"{where}.{key}", str(error))
            return None

    def items(self, value: Any, where: str, *, required: bool) -> list[Any]:
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.fail(where, "must be a list [ ... ]")
            return []
        if required and not value:
            self.fail(where, "must not be empty")
        return value


class _Reader(_Collector):
    """Walks an encounter document."""

    def __init__(self, today: date, now: datetime) -> None:
        super().__init__()
        # Families with a person that could not be read (no ref, no role): invariant 1 is checked
        # only once they are fixed, so that no false "has no link" / "has no adult" is reported.
        self.incomplete: set[str] = set()
        self.today = today
        self.now = now


def decode(raw: bytes) -> Any:
    """Bytes to JSON, with the size, encoding and syntax problems named."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ValidationError.one("document", f"is {len(raw) / 1e6:.1f} MB; an encounter document is at most "
                                              f"{MAX_DOCUMENT_BYTES / 1e6:.0f} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError.one("document",
                                  f"is not UTF-8 text (bad byte at position {error.start})") from None
    if not text.strip():
        raise ValidationError.one("document", "is empty")
    try:
        return jsontext.loads(text)
    except jsontext.JSONRefused as error:
        raise ValidationError.one("document", str(error)) from None


def parse_document(raw: bytes, *, now: datetime) -> EncounterDraft:
    reader = _Reader(now.date(), now)
    data = reader.obj(decode(raw), "document", ({"encounter", "families"}, set()))
    if data is None:
        raise ValidationError(reader.problems)
    # A missing required key is reported once (by ``obj``), not again as "must be an object/list".
    encounter = _encounter(reader, data["encounter"]) if "encounter" in data else None
    families_in = reader.items(data["families"], "families", required=True) if "families" in data else []
    families = [_family(reader, fam, f"families[{i}]") for i, fam in enumerate(families_in)]
    _check_refs(reader, families)
    on = plausibility.day_of((encounter or {}).get("occurred_at"), reader.today)
    for finding in plausibility.draft_findings(families, on):  # what cannot be; the unusual is the caller's
        if finding.impossible:
            reader.fail(finding.where, finding.message)
    if reader.problems:
        raise ValidationError(reader.problems)
    return EncounterDraft(encounter or {}, [fam for fam in families if fam is not None])


def _encounter(reader: _Reader, value: Any) -> dict[str, Any] | None:
    data = reader.obj(value, "encounter", ENCOUNTER_KEYS)
    if data is None:
        return None
    result = {
        "occurred_at": reader.value(data, "occurred_at", "encounter",
                                    lambda v: f.occurred_at(v, now=reader.now), required=True),
        "place": reader.value(data, "place", "encounter", lambda v: f.text(v, limit=f.MAX_PLACE_LENGTH), required=True),
        "latitude": reader.value(data, "latitude", "encounter", lambda v: f.coordinate(v, limit=90)),
        "longitude": reader.value(data, "longitude", "encounter", lambda v: f.coordinate(v, limit=180)),
    }
    if (data.get("latitude") is None) != (data.get("longitude") is None):
        reader.fail("encounter", "give both latitude and longitude, or neither")
    return result


def _family(reader: _Reader, value: Any, where: str) -> FamilyDraft | None:
    data = reader.obj(value, where, FAMILY_KEYS)
    if data is None:
        return None
    people_in = reader.items(data["people"], f"{where}.people", required=True) if "people" in data else []
    if len(people_in) > MAX_PEOPLE_PER_DOCUMENT:
        reader.fail(f"{where}.people", f"lists {len(people_in)} people; at most {MAX_PEOPLE_PER_DOCUMENT}")
        return None
    people = [_person(reader, p, f"{where}.people[{i}]") for i, p in enumerate(people_in)]
    if any(p is None or p.values["role"] is None for p in people):
        reader.incomplete.add(where)
    links = [_link(reader, link, f"{where}.links[{i}]")
             for i, link in enumerate(reader.items(data.get("links"), f"{where}.links", required=False))]
    return FamilyDraft([p for p in people if p], [x for x in links if x])


def _person(reader: _Reader, value: Any, where: str) -> PersonDraft | None:
    data = reader.obj(value, where, PERSON_KEYS)
    if data is None:
        return None
    ref = reader.value(data, "ref", where, _ref, required=True)
    values = {
        "role": reader.value(data, "role", where, f.role, required=True),
        "given_names": reader.value(data, "given_names", where, f.name, required=True),
        "family_names": reader.value(data, "family_names", where, f.name, required=True),
        "sex": reader.value(data, "sex", where, f.sex, required=True),
        "birth_date": reader.value(data, "birth_date", where, lambda v: f.birth_date(v, today=reader.today)),
        "age_estimate_years": reader.value(data, "age_estimate_years", where, f.age_estimate),
        "nationality": reader.value(data, "nationality", where, f.nationality),
        "languages": reader.value(data, "languages", where, f.languages),
        "preverbal": reader.value(data, "preverbal", where, lambda v: False if v is None else f.flag(v)),
        "description": reader.value(data, "description", where,
                                    lambda v: f.text(v, limit=f.MAX_DESCRIPTION_LENGTH, required=False)),
        "documents": _documents(reader, data.get("documents"), f"{where}.documents"),
        "arrived_without_adult": reader.value(data, "arrived_without_adult", where,
                                              lambda v: False if v is None else f.flag(v)),
    }
    if data.get("birth_date") is not None and data.get("age_estimate_years") is not None:
        reader.fail(where, "give either birth_date or age_estimate_years, not both")
    if ref is None:
        return None
    return PersonDraft(ref, values)


def _ref(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise f.FieldError("must be a non-empty text that names this person inside the document")
    if len(value) > MAX_REF_LENGTH:
        raise f.FieldError(f"is longer than {MAX_REF_LENGTH} characters")
    return value


def read_document_ids(value: Any, where: str = "") -> tuple[list[dict[str, Any]], list[Problem]]:
    """A person's identity documents (a list of {type, number, country}, or null for none), checked as
    the encounter document checks them: the clean list, and every problem with its place
    (``[1].type``, after ``where``). Change records carry ``person.documents`` in this form too."""
    collector = _Collector()
    return _documents(collector, value, where), collector.problems


def _documents(reader: _Collector, value: Any, where: str) -> list[dict[str, Any]]:
    result = []
    for i, item in enumerate(reader.items(value, where, required=False)):
        here = f"{where}[{i}]"
        data = reader.obj(item, here, DOCUMENT_ID_KEYS)
        if data is None:
            continue
        result.append({
            "type": reader.value(data, "type", here, f.document_type, required=True),
            "number": reader.value(data, "number", here, lambda v: f.text(v, limit=100), required=True),
            "country": reader.value(data, "country", here, f.nationality),
        })
    return result


def _link(reader: _Reader, value: Any, where: str) -> LinkDraft | None:
    data = reader.obj(value, where, LINK_KEYS)
    if data is None:
        return None
    rel = reader.value(data, "relationship", where, f.relationship, required=True)
    prov = reader.value(data, "provenance", where, f.provenance, required=True)
    ends = [data.get("from"), data.get("to")]
    for key, end in zip(("from", "to"), ends, strict=True):
        if key in data and not isinstance(end, str):
            reader.fail(f"{where}.{key}", "must be the ref of a person in this document")
    if not all(isinstance(e, str) for e in ends):
        return None
    # A link with a bad relationship or provenance still links its ends (for the checks of refs and
    # of invariant 1); the problem is reported, so the draft is never returned.
    return LinkDraft(str(ends[0]), str(ends[1]), rel or "", prov or "")


def _check_refs(reader: _Reader, families: list[FamilyDraft | None]) -> None:
    seen: dict[str, str] = {}
    for i, fam in enumerate(families):
        for j, person in enumerate(fam.people if fam else []):
            if person.ref in seen:
                reader.fail(f"families[{i}].people[{j}].ref", f"{person.ref!r} is used twice")
            seen[person.ref] = person.role
    for i, fam in enumerate(families):
        if fam is None:
            continue
        _check_links(reader, fam, seen, f"families[{i}]")
        if f"families[{i}]" in reader.incomplete:
            continue
        members = [Member(p.ref, repr(p.ref), p.role, bool(p.values["arrived_without_adult"]))
                   for p in fam.people]
        for problem in family_problems(members, [(x.from_ref, x.to_ref) for x in fam.links]):
            reader.fail(f"families[{i}]: {problem.where}", problem.message)


def _check_links(reader: _Reader, fam: FamilyDraft, refs: Mapping[str, str], where: str) -> None:
    pairs: set[frozenset[str]] = set()
    for k, link in enumerate(fam.links):
        here = f"{where}.links[{k}]"
        for key, end in (("from", link.from_ref), ("to", link.to_ref)):
            if end not in refs:
                reader.fail(f"{here}.{key}", f"{end!r} is not the ref of any person in this document")
        if link.from_ref == link.to_ref:
            reader.fail(here, "links a person to themselves")
        pair = frozenset({link.from_ref, link.to_ref})
        if pair in pairs:
            reader.fail(here, f"{link.from_ref!r} and {link.to_ref!r} are linked twice")
        pairs.add(pair)
