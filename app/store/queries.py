"""Read models: one family unit whole, people by name or band, for ``family show`` and ``search``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, intersect, literal_column, or_, select

from app.domain import bandnumber, names
from app.domain.errors import NotFound
from app.domain.model import BINARY_FIELDS

from . import schema
from .changelog import load_changes, load_row, load_rows

PERSON_KEYS = ("id", "role", "given_names", "family_names", "sex", "birth_date", "age_estimate_years",
               "nationality", "languages", "preverbal", "description", "documents", "arrived_without_adult",
               "carried_by")
PHOTO_KEYS = ("id", "taken_at", "width", "height", "source")  # what a view shows of a photo: never its bytes


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
    number = bandnumber.normalize(text)
    if not bandnumber.looks_like_band_number(number):
        return None
    row = conn.execute(select(schema.band.c.person_id).where(schema.band.c.number == number)).scalar()
    return load_row(conn, "person", row) if row else None


def family_view(conn: Connection, family_id: str) -> dict[str, Any]:
    family = load_row(conn, "family", family_id)
    if family is None:
        raise NotFound(f"no family unit {family_id!r}")
    people = sorted(load_rows(conn, "person", "family_id", [family_id]), key=lambda p: (p["role"], p["id"]))
    person_ids = [p["id"] for p in people]
    bands = load_rows(conn, "band", "person_id", person_ids)
    custody = sorted(load_rows(conn, "custody", "person_id", person_ids), key=lambda c: c["since"] or "")
    links = links_of(conn, person_ids)
    photos = photos_of(conn, person_ids)
    events = load_rows(conn, "link_event", "link_id", [x["id"] for x in links])
    encounter = load_row(conn, "encounter", family["encounter_id"])
    entity_ids = [family_id, family["encounter_id"], *person_ids, *(b["id"] for b in bands),
                  *(c["id"] for c in custody), *(x["id"] for x in links), *(e["id"] for e in events),
                  *(ph["id"] for ph in photos)]
    return {
        "id": family_id,
        "number": family["number"],
        "status": family["status"],
        "encounter": {"id": family["encounter_id"], **{k: v for k, v in (encounter or {}).items() if k != "id"}},
        "people": [_person_view(p, bands, custody, photos) for p in people],
        "links": [_link_view(x, events) for x in links],
        "history": [_history_entry(c) for c in load_changes(conn, entity_ids)],
    }


def links_of(conn: Connection, person_ids: list[str]) -> list[dict[str, Any]]:
    if not person_ids:
        return []
    lk = schema.link.c
    rows = conn.execute(select(schema.link).where(or_(lk.from_person.in_(person_ids),
                                                      lk.to_person.in_(person_ids)))).mappings()
    return sorted((dict(r) for r in rows), key=lambda r: r["id"])


def photos_of(conn: Connection, person_ids: list[str]) -> list[dict[str, Any]]:
    """The photos of these people, oldest first: what is known of each, not the image."""
    if not person_ids:
        return []
    ph = schema.photo.c
    rows = conn.execute(select(ph.person_id, *(ph[k] for k in PHOTO_KEYS))
                        .where(ph.person_id.in_(person_ids))).mappings()
    return sorted((dict(r) for r in rows), key=lambda r: (r["taken_at"] or "", r["id"]))


def photo_data(conn: Connection, photo_id: str) -> tuple[str, bytes] | None:
    """(person id, JPEG bytes) of one photo."""
    row = conn.execute(select(schema.photo.c.person_id, schema.photo.c.data)
                       .where(schema.photo.c.id == photo_id)).first()
    return (str(row[0]), bytes(row[1])) if row is not None else None


def _person_view(p: dict[str, Any], bands: list[dict[str, Any]], custody: list[dict[str, Any]],
                 photos: list[dict[str, Any]]) -> dict[str, Any]:
    own_bands = [b for b in bands if b["person_id"] == p["id"]]
    own_custody = [{k: v for k, v in c.items() if k != "person_id"} for c in custody if c["person_id"] == p["id"]]
    issued = [_display(b["number"]) for b in own_bands if b["status"] == "issued"]
    return {
        **{k: p[k] for k in PERSON_KEYS},
        "band": issued[0] if issued else None,
        "bands": [{"number": _display(b["number"]), "status": b["status"], "reprints": b["reprints"],
                   "void_reason": b["void_reason"], "issued_on": b["issued_on"],
                   "printed_at": b["printed_at"], "attached_at": b["attached_at"]} for b in own_bands],
        "custody": own_custody[-1] if own_custody else None,
        "custody_history": own_custody,
        "photos": [{k: ph[k] for k in PHOTO_KEYS} for ph in photos if ph["person_id"] == p["id"]],
    }


def _link_view(link: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    history = sorted((e for e in events if e["link_id"] == link["id"]), key=lambda e: e["occurred_at"])
    return {
        "id": link["id"], "from": link["from_person"], "to": link["to_person"],
        "relationship": link["relationship"], "provenance": link["provenance"], "state": link["state"],
        "events": [{k: v for k, v in e.items() if k != "link_id"} for e in history],
    }


def _history_entry(change: Any) -> dict[str, Any]:
    return {
        "change": change.id, "at": change.hlc, "station": change.station, "user": change.user,
        "entity": change.entity, "entity_id": change.entity_id, "created": change.created,
        "reason": change.reason,
        "fields": {k: {"old": old, "new": _shown(change.entity, k, new)}
                   for k, (old, new) in sorted(change.fields.items())},
    }


def _shown(entity: str, name: str, value: Any) -> Any:
    """A field's value as history shows it: a photo's image is named, not repeated."""
    if (entity, name) in BINARY_FIELDS and value is not None:
        return "(image)"
    return value


def search_people(conn: Connection, text: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """People whose names contain every word of ``text`` as a word prefix (any order, accents, case);
    or the holder of the band number ``text``."""
    by_band = person_for_band(conn, text)
    if by_band is not None:
        return _summaries(conn, [by_band])
    tokens = names.search_tokens(text)
    if not tokens:
        return []
    nt = schema.name_token.c
    parts = [select(nt.person_id).where(and_(nt.token >= token, nt.token < token + "\U0010ffff"))
             for token in tokens]
    query = parts[0] if len(parts) == 1 else intersect(*parts)
    ids = [r[0] for r in conn.execute(query.limit(limit))]
    people = load_rows(conn, "person", "id", ids)
    return _summaries(conn, sorted(people, key=lambda p: (p["family_names"] or "", p["given_names"] or "")))


def _summaries(conn: Connection, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
    out = []
    for person in people:
        family, band = families.get(person["family_id"]), issued.get(person["id"])
        out.append({
            "id": person["id"], "band": _display(band) if band else None, "role": person["role"],
            "given_names": person["given_names"], "family_names": person["family_names"],
            "birth_date": person["birth_date"], "age_estimate_years": person["age_estimate_years"],
            "family": {"id": person["family_id"], "number": family["number"] if family else None},
        })
    return out


def _display(number: str) -> str:
    return bandnumber.format_band_number(number)
