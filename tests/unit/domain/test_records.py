"""The rules of change records' values (``app.domain.records``): every value an honest station writes
passes, by running the domain commands as the services do and by reading the fixture stores of every
released schema; bad values are refused with a message in plain words; no JSON makes the check fail."""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import json
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from app import photos, services
from app.domain import bandnumber, bands, clock, commands, custody, fields, names
from app.domain.changes import Change, Mutation, apply, empty_state
from app.domain.document import parse_document, read_document_ids
from app.domain.errors import DomainError
from app.domain.model import CUSTODY_KINDS, ENTITIES, LINK_TRANSITIONS, LinkState, Role
from app.domain.records import (
    FIELD_RULES,
    MAX_PHOTO_BYTES,
    PRESENT_ON_CREATION,
    REQUIRED_ON_CREATION,
    record_problems,
)
from app.store.changelog import load_changes
from tests.fixtures.make_store import PASSPHRASE
from tests.unit.domain.test_properties import document_json

STATION = "K7QXM"
OTHER = "HT56F"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FIXTURES = sorted((Path(__file__).parents[2] / "fixtures").glob("store-v*"))


def _photo() -> photos.Photo:
    """A photo as the station keeps it: made from a small invented picture by ``app.photos``."""
    image = Image.new("RGB", (40, 30), (230, 200, 60))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return photos.process(out.getvalue())


PHOTO = _photo()


def _new_values(mutation: Mutation | Change) -> dict[str, Any]:
    return {name: new for name, (_, new) in mutation.fields.items()}


def problems_of(mutation: Mutation, *, station: str = STATION, now: datetime = NOW) -> list[str]:
    return record_problems(mutation.entity, _new_values(mutation), created=mutation.created, station=station,
                           now=now)


# --- an honest station, in memory -------------------------------------------------------------------

class Station:
    """Runs the domain commands as the services do (same value formats) and keeps every mutation."""

    def __init__(self) -> None:
        self.state = empty_state()
        self.mutations: list[Mutation] = []
        ids, families, band_numbers = itertools.count(1), itertools.count(1), itertools.count(1)
        self.alloc = commands.Allocators(
            new_id=lambda: f"{next(ids):032x}", family_number=lambda: f"{STATION}-{next(families)}",
            band_number=lambda: bandnumber.make_band_number(STATION, next(band_numbers)))

    def write(self, mutations: list[Mutation] | Mutation | None) -> None:
        for mutation in mutations if isinstance(mutations, list) else [mutations]:
            if mutation is not None and mutation.fields:
                apply(self.state, mutation)
                self.mutations.append(mutation)

    def attempt(self, command: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Write what a command returns; a refusal (the command protects an invariant) writes nothing."""
        try:
            self.write(command(*args, **kwargs))
        except DomainError:
            pass

    def rows(self, entity: str) -> list[dict[str, Any]]:
        return [{"id": key, **row} for key, row in sorted(self.state[entity].items())]

    def row(self, entity: str, key: str) -> dict[str, Any]:
        return {"id": key, **self.state[entity][key]}

    def people_of(self, family_id: str) -> list[dict[str, Any]]:
        return [p for p in self.rows("person") if p["family_id"] == family_id]

    def link_pairs(self) -> list[tuple[str, str]]:
        return [(x["from_person"], x["to_person"]) for x in self.rows("link")]


def at_ms(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")  # services.session.now_iso


def at_s(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")  # a band's print and attachment (services.bands)


CORRECTIONS: dict[str, dict[str, list[Any]]] = {
    "person": {"given_names": ["Rosa Elvira", None], "family_names": ["Tzul", None], "sex": ["unknown"],
               "role": ["adult", "child"], "birth_date": ["2019-06-01", None], "age_estimate_years": [7.5, None],
               "nationality": ["hn", None], "languages": [["mam", "es"], []], "preverbal": [True, False],
               "description": ["scar on the chin\nsecond line", None], "arrived_without_adult": [True, False]},
    "link": {"relationship": ["aunt_uncle"], "provenance": ["document_verified"]},
    "custody": {"location": ["ice"], "receiving_party": ["ICE Florence", None], "reference": ["A-123", None],
                "since": ["2026-11-25T04:00:00-07:00"], "agency": ["ice"]},
    "encounter": {"occurred_at": ["2026-11-24T15:00:00-07:00"], "place": ["Lukeville", None],
                  "latitude": [32.0, None], "longitude": [-112.8, None]},
}


def live_through(station: Station, document: bytes) -> None:
    """Register ``document`` and do everything a station does with the records afterwards."""
    draft = parse_document(document, now=NOW)
    station.write(commands.register(draft, alloc=station.alloc, agent="ana", station=STATION,
                                    recorded_at=NOW.isoformat()).mutations)
    _links_change_state(station)
    _custody_moves(station)
    _bands_live(station)
    _identity_bundles(station)
    _corrections(station)
    _merges_and_moves(station)


def _links_change_state(station: Station) -> None:
    for link in station.rows("link"):
        state = LinkState(link["state"])
        for target in (LinkState.SEPARATED, LinkState.IN_CONTACT, LinkState.REUNIFIED):
            if target in LINK_TRANSITIONS[state]:
                sides = ("this station", "HHS/ORR shelter") if target == LinkState.SEPARATED else (None, None)
                station.write(commands.change_link_state(
                    link["id"], station.row("link", link["id"]), state=target.value, reason="medical transfer",
                    officer="Lt. Ramos #4411", from_side=sides[0], to_side=sides[1], occurred_at=at_ms(NOW),
                    event_id=station.alloc.new_id()))
                state = target


def _custody_moves(station: Station) -> None:
    for person in station.rows("person"):
        for kind in sorted(CUSTODY_KINDS, key=lambda k: k == "station"):  # a transfer away comes last
            code = "7QXKM" if kind == "station" else None
            party = "HHS/ORR shelter Tucson" if kind in custody.NAMES_A_FACILITY else None
            current = custody.latest(c for c in station.rows("custody") if c["person_id"] == person["id"])
            station.attempt(custody.transfer, person["id"], kind=kind, station=code, facility=party,
                            reference="A-123" if party else None, since=at_ms(NOW), custody_id=station.alloc.new_id(),
                            writer=custody.StationPlace(STATION, "cbp", "Lukeville"), receiver=None, current=current)


def _bands_live(station: Station) -> None:
    for band in station.rows("band"):
        if band["status"] != "issued":
            continue
        station.write(bands.printed(band, at_s(NOW)))
        station.write(bands.attached(station.row("band", band["id"]), at_s(NOW)))
        station.write(bands.reprint(station.row("band", band["id"])))
        station.write(bands.void(station.row("band", band["id"]), bands.reason_text("damaged by water")))
        station.write(bands.reissue(band["person_id"], station.alloc.new_id(), station.alloc.band_number(),
                                    NOW.date()))
    # A band issued without a print before its attachment counts as printed then.
    fresh = [b for b in station.rows("band") if b["status"] == "issued" and not b["printed_at"]]
    for band in fresh[:1]:
        station.write(bands.attached(band, at_s(NOW)))


def _identity_bundles(station: Station) -> None:
    for child in station.rows("person"):
        if child["role"] != Role.CHILD.value or not child["preverbal"]:
            continue
        unit = station.people_of(child["family_id"])
        adults = [p["id"] for p in unit if p["role"] == Role.ADULT.value]
        record = commands.PhotoRecord(id=station.alloc.new_id(), taken_at=at_ms(NOW), source="camera",
                                      width=PHOTO.width, height=PHOTO.height, sha256=PHOTO.sha256, data=PHOTO.jpeg)
        station.attempt(commands.add_identity_bundle, child, family_people=unit,
                        carried_by=adults[0] if adults else None, photos=[record])


def _corrections(station: Station) -> None:
    for entity, correctable in CORRECTIONS.items():
        for row in station.rows(entity):
            for field, values in correctable.items():
                for value in values:
                    station.attempt(_correction, station, entity, row["id"], field, value)


def _correction(station: Station, entity: str, key: str, field: str, value: Any) -> Mutation:
    row = station.row(entity, key)
    people = station.people_of(row["family_id"]) if entity == "person" else []
    ids = {p["id"] for p in people}
    links = [pair for pair in station.link_pairs() if ids & set(pair)]
    if field == "place":  # a conflict settled by a value the supervisor entered
        return commands.resolve_conflict(entity, row, field, value, entered=True, now=NOW, family_people=people,
                                         family_links=links)
    return commands.correct(entity, row, field, value, now=NOW, family_people=people, family_links=links)


def _merges_and_moves(station: Station) -> None:
    families = [f["id"] for f in station.rows("family")]
    for role in Role:
        same = [p for p in station.rows("person") if p["role"] == role.value]
        if len(same) >= 2:
            station.attempt(commands.merge_people, same[0], same[1])
            station.attempt(commands.split_person, station.row("person", same[1]["id"]))
    for key in sorted(station.state["person"]):
        person = station.row("person", key)
        others = [f for f in families if f != person["family_id"]]
        if others:
            station.attempt(commands.move_person, person, to_family=others[0],
                            from_people=station.people_of(person["family_id"]), to_people=station.people_of(others[0]),
                            links=station.link_pairs(), new_id=station.alloc.new_id)


# Two family units, two adults with a child, identity documents: merges and moves happen too.
SECOND_DOCUMENT = json.dumps({
    "encounter": {"occurred_at": "2026-11-25T03:30:00-07:00", "place": "Lukeville", "latitude": 31.88,
                  "longitude": -112.82},
    "families": [
        {"people": [{"ref": "a1", "role": "adult", "given_names": "José", "family_names": "Tzul", "sex": "male",
                     "documents": [{"type": "passport", "number": "G123456", "country": "GT"},
                                   {"type": "a_number", "number": "A-201-555-010"}]},
                    {"ref": "a2", "role": "adult", "given_names": "Ixchel", "family_names": "Tzul", "sex": "female",
                     "languages": ["quc", "es"], "nationality": "GT"},
                    {"ref": "c1", "role": "child", "given_names": None, "family_names": None, "sex": "unknown",
                     "age_estimate_years": 0.5, "preverbal": True}],
         "links": [{"from": "a1", "to": "c1", "relationship": "father", "provenance": "observed"},
                   {"from": "a2", "to": "c1", "relationship": "mother", "provenance": "document_verified"}]},
        {"people": [{"ref": "b1", "role": "adult", "given_names": "Rosa", "family_names": "Pérez", "sex": "female",
                     "birth_date": "1988-02-29"},
                    {"ref": "d1", "role": "child", "given_names": "Tomás", "family_names": "Pérez", "sex": "male",
                     "birth_date": "2018-07-01", "description": "blue jacket"}],
         "links": [{"from": "b1", "to": "d1", "relationship": "legal_guardian", "provenance": "claimed"}]}]},
    ensure_ascii=False).encode()


def test_every_record_an_honest_station_writes_passes(example_document: bytes) -> None:
    station = Station()
    live_through(station, example_document)
    live_through(station, SECOND_DOCUMENT)
    created = {(m.entity, name) for m in station.mutations if m.created for name in m.fields}
    assert created == {(e, name) for e, spec in ENTITIES.items() for name in spec.fields}  # every kind, every field
    updated = {(m.entity, name) for m in station.mutations if not m.created for name in m.fields}
    never_changed = {("person", "documents"), ("family", "status")}  # no command changes them (yet)
    assert updated == {(e, name) for e, spec in ENTITIES.items() for name in spec.fields
                       if name not in spec.immutable} - never_changed
    assert [(m, problems_of(m)) for m in station.mutations if problems_of(m)] == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_json("d"))
def test_records_of_any_document_and_what_follows_pass(document: bytes) -> None:
    station = Station()
    live_through(station, document)
    assert [(m, problems_of(m)) for m in station.mutations if problems_of(m)] == []


def _fixture_changes(fixture: Path, tmp_path: Path) -> list[Change]:
    data_dir = tmp_path / fixture.name
    shutil.copytree(fixture, data_dir)
    session = services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    try:
        with session.engine.connect() as conn:
            return load_changes(conn)
    finally:
        session.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_every_record_of_every_released_schema_passes(fixture: Path, tmp_path: Path) -> None:
    """Records written by older releases (fields added later are missing, not null) pass too."""
    log = _fixture_changes(fixture, tmp_path)
    assert log
    latest = max(clock.Hlc.parse(c.hlc).wall_ms for c in log)
    now = datetime.fromtimestamp(latest / 1000, UTC)  # the registry sees them right after they were written
    found = {c.id: record_problems(c.entity, _new_values(c), created=c.created, station=c.station, now=now)
             for c in log}
    assert {key: problems for key, problems in found.items() if problems} == {}
    assert all(clock.clock_problem(c.hlc, now_ms=latest) is None for c in log)


# --- single values --------------------------------------------------------------------------------------

def _jpeg_text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


BAD_VALUES: list[tuple[str, str, Any, str]] = [
    # text and names
    ("person", "given_names", 5, "must be text or null, not a number"),
    ("person", "given_names", "Baby Boy", "is a placeholder, not a name"),
    ("person", "given_names", "", "is empty: use null"),
    ("person", "family_names", "x" * 201, "at most 200 are allowed"),
    ("person", "description", ["a"], "must be text, not a list"),
    ("person", "description", "x" * 2001, "at most 2,000 are allowed"),
    ("link_event", "officer", "   ", "must not be empty"),
    ("link_event", "reason", None, "must be text, not null"),
    ("encounter", "agent", {"name": "ana"}, "must be text, not an object"),
    # choices and flags
    ("person", "role", "parent", "'parent' is not one of: adult, child"),
    ("person", "sex", "F", "'F' is not one of: female, male, other, unknown"),
    ("link", "relationship", "cousin", "is not one of: mother, father"),
    ("link", "provenance", 1, "a number is not one of: claimed"),
    ("link", "state", "lost", "is not one of: together, separated"),
    ("link_event", "state", None, "null is not one of"),
    ("custody", "location", "shelter", "is not one of: station, ice, hhs_orr"),
    ("band", "status", "lost", "is not one of: issued, voided"),
    ("family", "status", "closed", "is not one of: open"),
    ("photo", "source", "scanner", "is not one of: file, camera"),
    ("person", "preverbal", "yes", "must be true or false, not text"),
    ("person", "arrived_without_adult", None, "must be true or false, not null"),
    # numbers
    ("person", "age_estimate_years", 121, "out of range"),
    ("person", "age_estimate_years", True, "must be a number of years, not true/false"),
    ("encounter", "latitude", 91, "is out of range (-90 to 90)"),
    ("encounter", "longitude", "12", "must be a number, not text"),
    ("band", "reprints", -1, "-1 is out of range (0 to 1,000,000)"),
    ("band", "reprints", 1.0, "must be a whole number, not a number"),
    ("band", "reprints", None, "must be a whole number, not null"),
    ("photo", "width", 0, "is out of range (1 to 10,000)"),
    ("photo", "height", "32", "must be a whole number, not text"),
    # codes and lists
    ("person", "nationality", "GTM", "two-letter country code"),
    ("person", "languages", "es", "must be a list of language codes, not text"),
    ("person", "languages", ["ES"], "is not a language code"),
    ("person", "documents", "passport", "must be a list [ ... ]"),
    ("person", "documents", ["passport"], "[0]: must be an object { ... }"),
    ("person", "documents", [{"type": "visa", "number": "X1"}], "[0].type: 'visa' is not one of: passport"),
    ("person", "documents", [{"type": "passport"}], "[0]: missing key 'number'"),
    ("person", "documents", [{"type": "passport", "number": "X1", "issued": "2020"}], "[0]: unknown key 'issued'"),
    ("person", "documents", [{"type": "passport", "number": "X1", "country": "Guatemala"}],
     "[0].country: must be a two-letter country code"),
    # dates and times
    ("person", "birth_date", "2026-11-27", "2026-11-27 is in the future"),
    ("person", "birth_date", "1899-12-31", "before 1900; check the year"),
    ("person", "birth_date", "24/11/2026", "is not a date written YYYY-MM-DD"),
    ("band", "issued_on", "2026-11-26", "is in the future"),
    ("band", "issued_on", "1999-12-31", "1999-12-31 is before 2000; check the year"),
    ("band", "issued_on", "2026-11-25T10:00:00+00:00", "is not a date written YYYY-MM-DD"),
    ("band", "issued_on", None, "must be a date written YYYY-MM-DD, not null"),
    ("encounter", "occurred_at", "2026-11-25T12:00:00", "has no UTC offset"),
    ("encounter", "recorded_at", "2026-11-25T12:10:01+00:00", "is in the future"),
    ("custody", "since", "1999-12-31T10:00:00-07:00", "is before 2000; check the year"),
    ("link_event", "occurred_at", 1764072000, "must be a date and time such as"),
    ("band", "printed_at", "yesterday", "is not a date and time such as"),
    ("band", "attached_at", "2026-11-25T13:00:00+00:00", "is in the future"),
    ("photo", "taken_at", None, "must be a date and time such as"),
    # references
    ("person", "family_id", None, "must name a record (its id, as text), not null"),
    ("person", "carried_by", 7, "must name a record (its id, as text) or null, not a number"),
    ("person", "merged_into", "", "must not be empty"),
    ("link", "from_person", "p" * 65, "is 65 characters long; a record's id has at most 64"),
    ("link_event", "link_id", "l1\u202e", "contains invisible control characters"),
    ("custody", "person_id", ["p1"], "must name a record"),
    ("family", "encounter_id", None, "must name a record"),
    # numbers of stations, bands and family units
    ("encounter", "station", "K7QXO", "must be a station code (5 of the digits 2-9 and letters A-Z but I and O)"),
    ("encounter", "station", "k7qxm", "must be a station code"),
    ("band", "number", "k7qxm-2223-k", "is not written as stations store band numbers (no dashes or spaces, upper "
                                       "case: K7QXM2223K)"),
    ("band", "number", "K7QXM2223J", "fails its check character"),
    ("band", "number", 12, "must be a band number (text), not a number"),
    ("family", "number", "K7QXM-0", "must be a family unit number such as K7QXM-12"),
    ("family", "number", "K7QXM12", "must be a family unit number"),
    ("family", "number", "K7QXM-١٢", "must be a family unit number"),  # other scripts' digits
    # photos
    ("photo", "sha256", "A" * 64, "must be a SHA-256 digest: 64 hex digits (0-9, a-f)"),
    ("photo", "sha256", "ab", "must be a SHA-256 digest"),
    ("photo", "data", "not base64!", "is not base64 text"),
    ("photo", "data", _jpeg_text(b"\x89PNG\r\n\x1a\n" + b"\0" * 20), "is not a JPEG image"),
    ("photo", "data", b"\xff\xd8\xff", "must be the photo as base64 text, not an object"),
    ("photo", "data", _jpeg_text(b"\xff\xd8\xff" + b"\0" * MAX_PHOTO_BYTES), "is a photo of more than 4 MB"),
]


@pytest.mark.parametrize(("entity", "field", "value", "fragment"), BAD_VALUES,
                         ids=[f"{e}.{f}-{i}" for i, (e, f, _, _) in enumerate(BAD_VALUES)])
def test_bad_values_are_refused_in_plain_words(entity: str, field: str, value: Any, fragment: str) -> None:
    for created in (True, False):
        if not created and field in ENTITIES[entity].immutable:
            continue  # an update may not name it at all
        fields = {**CREATIONS[entity], field: value} if created else {field: value}
        problems = record_problems(entity, fields, created=created, station=STATION, now=NOW)
        if created and value is None and field in REQUIRED_ON_CREATION[entity]:
            assert problems == [f"{entity}.{field}: is required: a new {entity.replace('_', ' ')} cannot have it null"]
            continue
        assert len(problems) == 1 and problems[0].startswith(f"{entity}.{field}: "), problems
        assert fragment in problems[0]


def test_the_table_names_a_rule_for_every_field_of_the_model() -> None:
    assert {e: set(rules) for e, rules in FIELD_RULES.items()} == {e: set(s.fields) for e, s in ENTITIES.items()}
    assert all(REQUIRED_ON_CREATION[e] <= set(s.fields) for e, s in ENTITIES.items())


def test_a_message_says_what_is_wrong_with_the_field_named() -> None:
    assert record_problems("person", {"given_names": 5}, created=False, station=STATION, now=NOW) == [
        "person.given_names: must be text or null, not a number"]


def test_times_a_little_ahead_are_accepted_as_a_station_clock_may_be() -> None:
    nine_minutes = at_ms(NOW + timedelta(minutes=9))
    for entity, field in (("encounter", "recorded_at"), ("link_event", "occurred_at"), ("band", "printed_at")):
        assert record_problems(entity, {field: nine_minutes}, created=False, station=STATION, now=NOW) in (
            [], [f"{entity}.{field}: is fixed when the {entity.replace('_', ' ')} is created and never changes"])
    near_midnight = datetime(2026, 11, 25, 23, 55, tzinfo=UTC)  # the station, 9 minutes ahead, is on the 26th
    assert record_problems("band", {"issued_on": "2026-11-26"}, created=False, station=STATION,
                           now=near_midnight) == ["band.issued_on: is fixed when the band is created and never changes"]
    assert FIELD_RULES["band"]["issued_on"]("2026-11-26", near_midnight) == "2026-11-26"
    assert FIELD_RULES["person"]["birth_date"]("2026-11-26", near_midnight) == "2026-11-26"


def test_null_is_accepted_where_the_model_allows_it() -> None:
    nullable = {("person", name) for name in ("given_names", "family_names", "birth_date", "age_estimate_years",
                                              "nationality", "languages", "description", "documents", "carried_by",
                                              "merged_into")}
    nullable |= {("encounter", "place"), ("encounter", "latitude"), ("encounter", "longitude"),
                 ("link_event", "from_side"), ("link_event", "to_side"), ("link_event", "kind"),
                 ("custody", "receiving_party"), ("custody", "agency"), ("custody", "writer_agency"),
                 ("custody", "writer_facility"), ("custody", "arrival_of"), ("link_event", "policy_version"),
                 ("custody", "reference"), ("custody", "station"), ("band", "void_reason"), ("band", "printed_at"),
                 ("band", "attached_at")}
    for entity, rules in FIELD_RULES.items():
        for name, rule in rules.items():
            try:
                rule(None, NOW)
                accepted = True
            except fields.FieldError:
                accepted = False
            assert accepted == ((entity, name) in nullable), (entity, name)


# --- whole records ---------------------------------------------------------------------------------

def _creations() -> dict[str, dict[str, Any]]:
    """One honest creation of each kind of record (its new values)."""
    station = Station()
    live_through(station, json.dumps({
        "encounter": {"occurred_at": "2026-11-24T14:05:00-07:00", "place": "Sasabe"},
        "families": [{"people": [{"ref": "m", "role": "adult", "given_names": "Ana", "family_names": None,
                                  "sex": "female"},
                                 {"ref": "c", "role": "child", "given_names": None, "family_names": None,
                                  "sex": "male", "preverbal": True}],
                      "links": [{"from": "m", "to": "c", "relationship": "mother", "provenance": "claimed"}]}]}
    ).encode())
    creations: dict[str, dict[str, Any]] = {}
    for mutation in station.mutations:
        if mutation.created:
            creations.setdefault(mutation.entity, _new_values(mutation))
    return creations


CREATIONS = _creations()


def _created(entity: str, **changes: Any) -> list[str]:
    return record_problems(entity, {**CREATIONS[entity], **changes}, created=True, station=STATION, now=NOW)


@pytest.mark.parametrize(("entity", "field"), sorted((e, f) for e, names in REQUIRED_ON_CREATION.items()
                                                     for f in names))
def test_a_new_record_cannot_hold_null_in_a_required_field(entity: str, field: str) -> None:
    assert _created(entity) == []
    assert _created(entity, **{field: None}) == [
        f"{entity}.{field}: is required: a new {entity.replace('_', ' ')} cannot have it null"]


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_a_record_from_before_a_field_existed_may_lack_it(entity: str) -> None:
    for name in set(ENTITIES[entity].fields) - PRESENT_ON_CREATION[entity]:
        lacking = {k: v for k, v in CREATIONS[entity].items() if k != name}
        if (entity, name) == ("custody", "station"):  # before schema 11 custody said where relative to its
            lacking["location"] = "this_station"      # writer (custody of kind "station" always names it)
        assert record_problems(entity, lacking, created=True, station=STATION, now=NOW) == []


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_a_new_record_cannot_leave_out_what_makes_it_what_it_is(entity: str) -> None:
    """A person with no unit or role, a band with no number: every Kinlink wrote these from the first."""
    for name in PRESENT_ON_CREATION[entity]:
        lacking = {k: v for k, v in CREATIONS[entity].items() if k != name}
        if (entity, name) == ("custody", "station"):  # before schema 11 custody said where relative to its
            lacking["location"] = "this_station"      # writer (custody of kind "station" always names it)
        assert record_problems(entity, lacking, created=True, station=STATION, now=NOW) == [
            f"{entity}.{name}: is missing: a new {entity.replace('_', ' ')} must say it"]


def test_null_is_accepted_in_a_new_record_where_the_field_is_not_required() -> None:
    assert _created("encounter", latitude=None, longitude=None) == []
    assert _created("band", printed_at=None, attached_at=None, void_reason=None) == []
    assert _created("custody", receiving_party=None, reference=None) == []


def test_a_new_record_may_not_carry_another_stations_numbers() -> None:
    foreign_band = bandnumber.make_band_number(OTHER, 7)
    assert _created("band", number=foreign_band) == [
        f"band.number: is a band number of station {OTHER}, but station {STATION} wrote this record: a station "
        "issues only its own band numbers"]
    assert _created("family", number=f"{OTHER}-3") == [
        f"family.number: is a family unit number of station {OTHER}, but station {STATION} wrote this record: a "
        "station numbers only its own family units"]
    assert _created("encounter", station=OTHER) == [
        f"encounter.station: names station {OTHER}, but station {STATION} wrote this record: a station records only "
        "its own encounters"]


def test_another_station_may_reissue_a_band_with_its_own_number() -> None:
    mutation = bands.reissue("p1", "b9", bandnumber.make_band_number(OTHER, 2), NOW.date())
    assert problems_of(mutation, station=OTHER) == []
    assert problems_of(mutation, station=STATION) != []


@pytest.mark.parametrize(("entity", "field"), sorted((e, f) for e, s in ENTITIES.items() for f in s.immutable))
def test_an_update_may_not_name_a_fixed_field(entity: str, field: str) -> None:
    value = CREATIONS[entity][field]
    assert record_problems(entity, {field: value}, created=False, station=STATION, now=NOW) == [
        f"{entity}.{field}: is fixed when the {entity.replace('_', ' ')} is created and never changes"]


def test_a_photo_must_match_its_digest() -> None:
    assert _created("photo", sha256=hashlib.sha256(b"another image").hexdigest()) == [
        "photo.sha256: is not the SHA-256 of the photo's data: the image was altered or damaged"]
    assert _created("photo", data=_jpeg_text(PHOTO.jpeg + b"\0")) == [
        "photo.sha256: is not the SHA-256 of the photo's data: the image was altered or damaged"]


def test_unknown_kinds_of_record_and_fields_are_problems() -> None:
    assert record_problems("pet", {"name": "x"}, created=True, station=STATION, now=NOW) == [
        "'pet' is not a kind of record (known: encounter, family, person, link, link_event, custody, band, photo)"]
    assert record_problems("person", {"shoe_size": 9, "given_names": "Ana"}, created=False, station=STATION,
                           now=NOW) == ["person.shoe_size: a person has no such field"]


def test_every_problem_of_a_record_is_named_at_once() -> None:
    problems = record_problems("person", {"given_names": 1, "role": "parent", "family_id": None, "eyes": "brown"},
                               created=True, station=STATION, now=NOW)
    assert [p.split(":")[0] for p in problems] == ["person.eyes", "person.family_id", "person.given_names",
                                                   "person.role"]


def test_a_huge_value_is_cut_short_in_its_problem() -> None:
    [problem] = record_problems("person", {"role": "x" * 100_000}, created=False, station=STATION, now=NOW)
    assert len(problem) <= 300 and problem.endswith("…")


# --- hidden characters ----------------------------------------------------------------------------------

HIDDEN = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b",
          "\u200e", "\u200f", "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\ufeff", "\u2060"]


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_invisible_and_direction_changing_characters_are_refused(char: str) -> None:
    assert names.has_hidden_characters(f"Ana{char}Lucía")
    for check in (fields.name, fields.text, fields.station_name):
        with pytest.raises(fields.FieldError, match="contains invisible control characters"):
            check(f"Ana{char}Lucía")
    assert record_problems("person", {"given_names": f"Ana{char}"}, created=False, station=STATION, now=NOW) == [
        "person.given_names: contains invisible control characters"]


def test_joiners_that_some_scripts_need_are_kept() -> None:
    for value in ("\u0915\u094d\u200d\u0937", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"):  # ZWJ, ZWNJ
        assert not names.has_hidden_characters(value)
        assert fields.name(value) == value
    assert fields.text("line one\nline two\tend") == "line one\nline two\tend"  # a description's lines stay


@pytest.mark.parametrize(("value", "clean"), [("Estación Sásabe 2", "Estación Sásabe 2"),
                                              ("  Lukeville   port ", "Lukeville port"), ("x" * 100, "x" * 100)])
def test_a_station_name_is_one_line_of_printable_text(value: str, clean: str) -> None:
    assert fields.station_name(value) == clean


@pytest.mark.parametrize(("value", "fragment"), [
    ("", "must not be empty"), ("   ", "must not be empty"), ("x" * 101, "at most 100 are allowed"),
    ("two\nlines", "contains invisible control characters"), (None, "must be text, not null"),
    (5, "must be text, not a number")])
def test_bad_station_names_are_refused(value: Any, fragment: str) -> None:
    with pytest.raises(fields.FieldError, match=fragment.replace("(", r"\(")):
        fields.station_name(value)


# --- one statement of the rules ---------------------------------------------------------------------------

def test_corrections_use_the_record_rules() -> None:
    for entity in ("link", "custody", "encounter"):
        for name, check in commands.CORRECTABLE_FIELDS[entity].items():
            assert check is FIELD_RULES[entity][name]
    for name in commands.CORRECTABLE_PERSON_FIELDS:  # the same rule, taken on the correction's day
        for value in (None, "Baby", "2026-11-25", "2026-11-26", 3, ["es"], True):
            assert _outcome(commands.CORRECTABLE_PERSON_FIELDS[name], value, NOW.date()) == \
                _outcome(FIELD_RULES["person"][name], value, datetime(2026, 11, 25, tzinfo=UTC))


def _outcome(check: Any, value: Any, when: Any) -> Any:
    try:
        return ("clean", check(value, when))
    except fields.FieldError as error:
        return ("refused", str(error))


def test_identity_documents_are_read_alike_in_documents_and_records() -> None:
    assert read_document_ids(None) == ([], [])
    clean, problems = read_document_ids([{"type": "passport", "number": " X 1 ", "country": "gt"}])
    assert (clean, problems) == ([{"type": "passport", "number": "X 1", "country": "GT"}], [])


# --- no JSON makes the check fail ---------------------------------------------------------------------------

_ODD_TEXT = st.sampled_from(["", " ", "\ud800", "\u202e", "١٢", "2026-11-25T12:00:00+00:00", "2026-11-25",
                             "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-23:59", "K7QXM-1", "K7QXM2223J",
                             "/9j/", "null", "NaN", "es\n", "passport", "x" * 70])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30) | _ODD_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.sampled_from(
        ["type", "number", "country"]), inner, max_size=4),
    max_leaves=12)
_FIELD_NAMES = sorted({name for spec in ENTITIES.values() for name in spec.fields} | {"", "x"})


stations = st.sampled_from([STATION, OTHER, "", "k7qxm"])


def _is_list_of_problems(problems: Any) -> bool:
    return isinstance(problems, list) and all(isinstance(p, str) and p for p in problems)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(sorted(ENTITIES)), st.dictionaries(st.sampled_from(_FIELD_NAMES), json_values, max_size=8),
       st.booleans(), stations)
def test_any_values_of_a_record_give_a_list_of_problems_never_an_exception(entity: str, values: dict[str, Any],
                                                                           created: bool, station: str) -> None:
    assert _is_list_of_problems(record_problems(entity, values, created=created, station=station, now=NOW))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=10) | json_values, json_values, st.booleans(), stations)
def test_any_json_at_all_gives_a_list_of_problems(entity: Any, values: Any, created: bool, station: str) -> None:
    assert _is_list_of_problems(record_problems(entity, values, created=created, station=station, now=NOW))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted((e, name) for e, spec in ENTITIES.items() for name in spec.fields)), json_values)
def test_every_rule_refuses_odd_values_with_a_field_error_only(where: tuple[str, str], value: Any) -> None:
    entity, name = where
    try:
        FIELD_RULES[entity][name](value, NOW)
    except fields.FieldError as error:
        assert str(error)


def _every_honest_value() -> Iterator[tuple[str, str, Any]]:
    station = Station()
    live_through(station, (Path(__file__).parents[3] / "docs" / "examples" / "encounter.json").read_bytes())
    for mutation in station.mutations:
        for name, new in _new_values(mutation).items():
            yield mutation.entity, name, new


def test_a_rule_returns_the_value_an_honest_station_wrote() -> None:
    """Records carry clean values: checking one again changes nothing (a photo's data: its bytes)."""
    for entity, name, value in _every_honest_value():
        clean = FIELD_RULES[entity][name](value, NOW)
        expected = base64.b64decode(value) if (entity, name) == ("photo", "data") else value
        if name in ("occurred_at", "since", "recorded_at", "taken_at", "printed_at", "attached_at") and value:
            assert datetime.fromisoformat(clean) == datetime.fromisoformat(value)
        else:
            assert clean == expected, (entity, name, value, clean)


def test_a_contact_says_its_kind_and_a_change_of_state_has_none() -> None:
    base = {"link_id": "a" * 32, "reason": "r", "officer": "o", "occurred_at": "2026-11-24T14:05:00-07:00"}
    ok_contact = record_problems("link_event", {**base, "state": "contact", "kind": "call"}, created=True,
                                 station="ABCDE", now=NOW)
    no_kind = record_problems("link_event", {**base, "state": "contact", "kind": None}, created=True,
                              station="ABCDE", now=NOW)
    kind_on_state = record_problems("link_event", {**base, "state": "separated", "kind": "visit", "from_side": "a",
                                                   "to_side": "b"}, created=True, station="ABCDE", now=NOW)
    bad_kind = record_problems("link_event", {**base, "state": "contact", "kind": "letter"}, created=True,
                               station="ABCDE", now=NOW)
    assert ok_contact == []
    assert no_kind == kind_on_state == ["link_event.kind: a contact says its kind (call, video, visit); "
                                        "a change of state has none"]
    assert bad_kind and bad_kind[0].startswith("link_event.kind:")
