"""Read models: one family unit whole, people by name or band, for ``family show`` and ``search``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from sqlalchemy import Connection, Select, and_, func, intersect, literal_column, or_, select, text, union_all

from app.domain import bandnumber, names, views
from app.domain.errors import NotFound

from . import schema
from .changelog import load_change, load_changes, load_row, load_rows, one_of

PHOTO_KEYS = views.PHOTO_KEYS


class FamilyRef(TypedDict):
    id: str
    number: str | None  # None when the unit is not held here


class PersonSummary(TypedDict):
    """A person as a search lists them."""

    id: str
    band: str | None  # their valid band, as people read it
    role: str
    given_names: str | None
    family_names: str | None
    birth_date: str | None
    age_estimate_years: float | None
    family: FamilyRef


def find_family_id(conn: Connection, ident: str) -> str:
    """The family unit named by a family id, family number, person id or band number."""
    text = ident.strip()
    fam = schema.family.c
    found = conn.execute(select(fam.id).where(or_(fam.id == text, fam.number == text.upper()))).scalar()
    if found:
        return str(found)
    person_id = conn.execute(select(schema.person.c.family_id).where(schema.person.c.id == text)).scalar()
    if person_id:
        return str(person_id)
    person = person_for_band(conn, text)
    if person is not None:
        return str(person["family_id"])
    raise NotFound(f"no family unit, person or band {ident!r} in this station's records")


def person_for_band(conn: Connection, text: str) -> dict[str, Any] | None:
    """The person a band number leads to: its wearer, or the record the wearer was merged into (also
    when only the merge record is here: the wearer's own unit is held elsewhere)."""
    holder = band_holder(conn, text)
    if holder is None and bandnumber.looks_like_band_number(bandnumber.normalize(text)):
        wearer = conn.execute(select(schema.band.c.person_id).where(
            schema.band.c.number == bandnumber.normalize(text))).scalar()
        into = _merged_elsewhere(conn, wearer) if wearer else None
        holder = load_row(conn, "person", into) if into else None
    return merged_person(conn, holder)


def _merged_elsewhere(conn: Connection, person_id: str) -> str | None:
    """What a person this station does not hold was merged into, by the latest merge record here."""
    fw = schema.field_write.c
    latest = conn.execute(select(fw.change_id).where(fw.entity_id == person_id, fw.field == "merged_into")
                          .order_by(fw.hlc.desc(), fw.change_id.desc()).limit(1)).scalar()
    into = load_change(conn, latest).fields["merged_into"][1] if latest else None
    return into if isinstance(into, str) else None


def band_holder(conn: Connection, text: str) -> dict[str, Any] | None:
    """The person record the band ``text`` was issued to, merged or not (None if it is no band here)."""
    number = bandnumber.normalize(text)
    if not bandnumber.looks_like_band_number(number):
        return None
    row = conn.execute(select(schema.band.c.person_id).where(schema.band.c.number == number)).scalar()
    return load_row(conn, "person", row) if row else None


def merged_person(conn: Connection, person: dict[str, Any] | None) -> dict[str, Any] | None:
    """The record a person was merged into (following merges of merges), or the person itself: the
    bands of both records lead to the one that stands."""
    seen: set[str] = set()
    while person is not None and person.get("merged_into") and person["id"] not in seen:
        seen.add(person["id"])
        kept = load_row(conn, "person", person["merged_into"])
        if kept is None:  # merged into a record this station does not hold: show the one it has
            break
        person = kept
    return person


def family_view(conn: Connection, family_id: str) -> views.FamilyDocument:
    found = family_views(conn, [family_id], history=True)
    if not found:
        raise NotFound(f"no family unit {family_id!r}")
    return found[0]


def family_views(conn: Connection, family_ids: list[str], *, history: bool = False,
                 board: bool = False) -> list[views.FamilyDocument]:
    """Family units whole, in a few queries whatever their number (the reunification board reads every
    unit with a separation), in the order of their ids; their history only with ``history`` (one more
    query per unit). With ``board``, what the reunification board reads only: no photos, no records
    merged in, no languages or documents (each None or empty)."""
    families = load_rows(conn, "family", "id", family_ids)
    people = load_rows(conn, "person", "family_id", family_ids, skip=BOARD_SKIPS if board else ())
    person_ids = [p["id"] for p in people]
    family_of = {p["id"]: p["family_id"] for p in people}
    links = links_of(conn, person_ids)
    by_family: dict[str, dict[str, list[dict[str, Any]]]] = {
        f["id"]: {k: [] for k in ("people", "bands", "custody", "links", "events", "photos")} for f in families}
    for kind, rows, owner in (("people", people, "family_id"),
                              ("bands", load_rows(conn, "band", "person_id", person_ids), "person_id"),
                              ("custody", load_rows(conn, "custody", "person_id", person_ids), "person_id"),
                              ("photos", [] if board else photos_of(conn, person_ids), "person_id")):
        for row in rows:
            family = row[owner] if owner == "family_id" else family_of.get(row[owner])
            if family in by_family:
                by_family[family][kind].append(row)
    link_families: dict[str, set[str]] = {}
    for x in links:
        for family in {family_of.get(x["from_person"]), family_of.get(x["to_person"])} - {None}:
            by_family[str(family)]["links"].append(x)
            link_families.setdefault(x["id"], set()).add(str(family))
    for event in load_rows(conn, "link_event", "link_id", list(link_families)):
        for family in link_families[event["link_id"]]:
            by_family[family]["events"].append(event)
    encounters = {e["id"]: e for e in load_rows(conn, "encounter", "id", [f["encounter_id"] for f in families])}
    merged = {} if board else merged_bands(conn, person_ids)
    out = []
    for family in sorted(families, key=lambda f: f["id"]):
        mine = by_family[family["id"]]
        unit = views.FamilyRows(family, encounters.get(family["encounter_id"]), mine["people"], mine["bands"],
                                mine["custody"], mine["links"], mine["events"], mine["photos"],
                                {pid: merged[pid] for pid in (p["id"] for p in mine["people"]) if pid in merged})
        out.append(views.family_document(unit, load_changes(conn, _entity_ids(unit)) if history else []))
    return out


BOARD_SKIPS = ("languages", "documents")  # a person's JSON columns, which the board does not show


def _entity_ids(unit: views.FamilyRows) -> list[str]:
    """Every record of a unit, for its history."""
    return [unit.family["id"], unit.family["encounter_id"],
            *(row["id"] for rows in (unit.people, unit.bands, unit.custody, unit.links, unit.events, unit.photos)
              for row in rows)]


def merged_into(conn: Connection, kept: list[str]) -> dict[str, list[str]]:
    """For each person of ``kept``, the person records merged into it now: those held here, and those
    known only by the merge record (delivered because this station holds the kept one's unit)."""
    if not kept:
        return {}
    fw, person = schema.field_write.c, schema.person.c
    found: dict[str, list[str]] = {}
    for pid, into in conn.execute(select(person.id, person.merged_into).where(person.merged_into.in_(one_of(kept)))):
        found.setdefault(into, []).append(pid)
    latest = {row[0] for row in conn.execute(select(fw.entity_id).distinct().where(
        fw.field == "merged_into", fw.entity == "person", fw.entity_id.not_in(select(person.id))))}
    for entity_id in sorted(latest):
        into = _merged_elsewhere(conn, entity_id)
        if into in kept:
            found.setdefault(into, []).append(entity_id)
    return found


def merged_bands(conn: Connection, kept: list[str]) -> dict[str, list[str]]:
    """For each person of ``kept``, the band numbers of the records merged into it."""
    merged = merged_into(conn, kept)
    bands = load_rows(conn, "band", "person_id", [pid for ids in merged.values() for pid in ids])
    return {into: [b["number"] for b in bands if b["person_id"] in ids] for into, ids in merged.items()}


def links_of(conn: Connection, person_ids: list[str]) -> list[dict[str, Any]]:
    if not person_ids:
        return []
    lk = schema.link.c
    ids = one_of(person_ids)
    rows = conn.execute(select(schema.link).where(or_(lk.from_person.in_(ids), lk.to_person.in_(ids)))).mappings()
    return sorted((dict(r) for r in rows), key=lambda r: r["id"])


def photos_of(conn: Connection, person_ids: list[str]) -> list[dict[str, Any]]:
    """The photos of these people, oldest first: what is known of each, not the image."""
    if not person_ids:
        return []
    ph = schema.photo.c
    rows = conn.execute(select(ph.person_id, *(ph[k] for k in PHOTO_KEYS))
                        .where(ph.person_id.in_(one_of(person_ids)))).mappings()
    return sorted((dict(r) for r in rows), key=lambda r: (r["taken_at"] or "", r["id"]))


def photo_data(conn: Connection, photo_id: str) -> tuple[str, bytes] | None:
    """(person id, JPEG bytes) of one photo."""
    row = conn.execute(select(schema.photo.c.person_id, schema.photo.c.data)
                       .where(schema.photo.c.id == photo_id)).first()
    return (str(row[0]), bytes(row[1])) if row is not None else None


# How many of the people a search finds are ranked by ``names.match_rank``: those sharing the most
# whole words with the query are taken first (a name common enough to match more is narrowed by typing).
SEARCH_CANDIDATES = 200


class SearchHits(TypedDict):
    people: list[PersonSummary]
    matched: int  # how many people the search found in all (``people`` holds the first ``limit``)


def search_people(conn: Connection, text: str, *, limit: int = 50) -> SearchHits:
    """People whose names contain every word of ``text`` as a word prefix (any order, accents, case),
    best match first (``names.match_rank``); or the holder of the band number ``text``."""
    by_band = person_for_band(conn, text)
    if by_band is not None:
        return {"people": summaries(conn, [by_band]), "matched": 1}
    tokens = names.search_tokens(text)
    if not tokens:
        return {"people": [], "matched": 0}
    nt = schema.name_token.c
    found = _all_of(*[select(nt.person_id).where(and_(nt.token >= token, nt.token < token + "\U0010ffff"))
                      for token in tokens])
    matched = int(conn.execute(select(func.count()).select_from(found.subquery())).scalar_one())
    if matched <= SEARCH_CANDIDATES:
        candidates = [r[0] for r in conn.execute(found)]
    else:  # those with every word whole first (the database intersects them), then the others
        whole = _all_of(*[select(nt.person_id).where(nt.token == token) for token in tokens])
        candidates = [r[0] for r in conn.execute(whole.limit(SEARCH_CANDIDATES))]
        if len(candidates) < SEARCH_CANDIDATES:
            taken = set(candidates)  # (SQLite cannot nest an INTERSECT in an EXCEPT: the rest is told apart here)
            rest = [r[0] for r in conn.execute(found.limit(SEARCH_CANDIDATES + len(taken))) if r[0] not in taken]
            candidates += rest[:SEARCH_CANDIDATES - len(taken)]
    words = names.query_words(text)
    people = sorted(load_rows(conn, "person", "id", candidates), key=lambda p: (
        names.match_rank(words, p["given_names"], p["family_names"]), p["family_names"] or "",
        p["given_names"] or "", p["id"]))
    return {"people": summaries(conn, people[:limit]), "matched": matched}


def _all_of(*parts: Select[Any]) -> Any:
    """The rows every one of ``parts`` gives (one part: itself)."""
    return parts[0] if len(parts) == 1 else intersect(*parts)


def summaries(conn: Connection, people: list[dict[str, Any]]) -> list[PersonSummary]:
    """One summary per person, in order: two queries for all of them (not two per person)."""
    if not people:
        return []
    families = {f["id"]: f for f in load_rows(conn, "family", "id", sorted({p["family_id"] for p in people}))}
    bd = schema.band.c
    issued: dict[str, str] = {}
    for person_id, number in conn.execute(
            select(bd.person_id, bd.number).where(and_(bd.person_id.in_([p["id"] for p in people]),
                                                       bd.status == "issued")).order_by(literal_column("band.rowid"))):
        issued.setdefault(person_id, number)  # the first issued band, as a per-person query would find
    out: list[PersonSummary] = []
    for person in people:
        family, band = families.get(person["family_id"]), issued.get(person["id"])
        out.append({
            "id": person["id"], "band": views.display_band(band) if band else None, "role": person["role"],
            "given_names": person["given_names"], "family_names": person["family_names"],
            "birth_date": person["birth_date"], "age_estimate_years": person["age_estimate_years"],
            "family": {"id": person["family_id"], "number": family["number"] if family else None},
        })
    return out


def families_of(conn: Connection, records: Iterable[tuple[str, str]]) -> set[str]:
    """The family units these records (entity, id) belong to now: a person's, a band's or custody
    record's or photo's person's, a link's two people's, a link event's link's, an encounter's units."""
    by_kind: dict[str, set[str]] = {}
    for entity, entity_id in records:
        by_kind.setdefault(entity, set()).add(entity_id)
    links = set(by_kind.get("link", set()))
    if by_kind.get("link_event"):
        links |= {r[0] for r in conn.execute(select(schema.link_event.c.link_id)
                                             .where(schema.link_event.c.id.in_(sorted(by_kind["link_event"]))))}
    people = set(by_kind.get("person", set()))
    for kind in ("band", "custody", "photo"):
        table = schema.ENTITY_TABLES[kind]
        if by_kind.get(kind):
            people |= {r[0] for r in conn.execute(select(table.c.person_id)
                                                  .where(table.c.id.in_(sorted(by_kind[kind]))))}
    if links:
        for a, b in conn.execute(select(schema.link.c.from_person, schema.link.c.to_person)
                                 .where(schema.link.c.id.in_(sorted(links)))):
            people |= {a, b}
    families = set(by_kind.get("family", set()))
    if people:
        families |= {r[0] for r in conn.execute(select(schema.person.c.family_id)
                                                .where(schema.person.c.id.in_(sorted(people)))) if r[0]}
    if by_kind.get("encounter"):
        encounters = sorted(by_kind["encounter"])
        families |= {r[0] for r in conn.execute(select(schema.family.c.id)
                                                .where(schema.family.c.encounter_id.in_(encounters)))}
    return families


def band_row(conn: Connection, text: str) -> dict[str, Any] | None:
    """The band a number names (as typed: any case, dashes or not), or None."""
    row = conn.execute(select(schema.band).where(schema.band.c.number == bandnumber.normalize(text))) \
        .mappings().first()
    return dict(row) if row is not None else None


def issued_band(conn: Connection, person_id: str) -> str | None:
    """The number of the person's band that is valid now, if any."""
    b = schema.band.c
    found = conn.execute(select(b.number).where(b.person_id == person_id, b.status == "issued")).scalar()
    return str(found) if found is not None else None


def ids_about(conn: Connection, person: dict[str, Any]) -> set[str]:
    """Every id a record about this person may name: theirs, their unit's, their bands', custody
    records', photos' and links'."""
    pid = person["id"]
    ids = {pid, person["family_id"]}
    for table, column in ((schema.band, "person_id"), (schema.custody, "person_id"), (schema.photo, "person_id"),
                          (schema.link, "from_person"), (schema.link, "to_person")):
        ids.update(r[0] for r in conn.execute(select(table.c.id).where(table.c[column] == pid)))
    return ids


def board_family_ids(conn: Connection) -> list[str]:
    """The family units that may have a row on the reunification board: a link with an event
    (a separation, a contact, a reunification), or someone whose custody is not where they were
    registered (custody that may have diverged). Units without either cannot have a row."""
    person, link, event, custody = (schema.ENTITY_TABLES[e] for e in ("person", "link", "link_event", "custody"))
    with_events = select(link.c.from_person, link.c.to_person).where(link.c.id.in_(select(event.c.link_id))).subquery()
    ends = union_all(select(with_events.c.from_person), select(with_events.c.to_person))  # each end by its key
    linked = select(person.c.family_id).where(person.c.id.in_(ends))
    moved = select(person.c.family_id).join(custody, custody.c.person_id == person.c.id) \
        .where(text(schema.CUSTODY_MOVED))  # read through the partial index of the same test
    return sorted({row[0] for row in conn.execute(linked.union(moved))})
