"""The registry's reunification board (docs/reunification.md, "The registry's board"): every child
separated from an adult they arrived with, in every family unit the registry holds, whichever
stations hold them. In 2018 each agency saw its own side only; the registry sees both, so that an
operator or an oversight station can tell where each child's adults are and who is overdue.

The rules are the stations' own (``app.domain.reunification``), applied to each unit read as the
registry reads it (``reading.document``): for the units a station holds, the registry's board says
what that station's board says. At the registry's size (100,000 units, thousands of them separated)
reading every unit's records each time is seconds: the units read are kept between reads
(``Documents``) and only those that gained a record are read again. Reading it is not a holding
(nothing of it goes to the reader's station); every read is audited here with who, how many children
and the filters, never names.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Connection, and_, cast, func, literal, or_, select, type_coerce, union_all

from app.domain import bandnumber, reunification
from app.domain import policy as domain_policy
from app.domain.changes import Change
from app.domain.custody import StationPlace
from app.domain.model import Agency
from app.domain.views import FamilyDocument
from app.security.audit import Outcome

from . import auditing, holdings, policy, reading
from . import tables as t
from .database import Database, among
from .errors import Forbidden, Invalid, NotFound

UNITS_PER_READ = 500  # family units whose records are read in one query
AGENCIES = tuple(a.value for a in Agency)


def board(db: Database, documents: Documents, *, who: str, station: str | None = None, agency: str | None = None,
          overdue: bool = False, as_of: datetime | None = None) -> reunification.Board:
    """The whole board, most urgent first; ``agency`` keeps the children who, or one of whose adults,
    are in that agency's custody, ``overdue`` the children past a deadline. A ``station`` (None: an
    operator) must be an oversight station. Audited as ``who``."""
    if agency is not None and agency not in AGENCIES:
        raise Invalid(f"the agency must be one of {', '.join(AGENCIES)}, not {agency!r}")
    filters = {"agency": agency, "overdue_only": overdue}
    if station is not None:
        _require_oversight(db, station, action="reunification.view", detail=filters)
    with db.reading() as conn:
        shown = _board(conn, documents, board_units(conn), as_of)
    shown["children"] = reunification.select(shown["children"], overdue=overdue, agency=agency)
    auditing.append_alone(db, user=who, action="reunification.view", detail={"children": len(shown["children"]),
                                                                              **filters})
    return shown


def row(db: Database, documents: Documents, band: str, *, who: str, station: str | None = None,
        as_of: datetime | None = None) -> reunification.Board:
    """The board's row of the child who wears (or wore) ``band``, as a board of that one child. Audited
    as a read of the child's family unit, found or not; a ``station`` must be an oversight station."""
    number = bandnumber.normalize(band)
    if station is not None:
        _require_oversight(db, station, action="reunification.row", detail={"band": number[:32]})
    with db.reading() as conn:
        found = conn.execute(select(t.band_index.c.family_id, t.band_index.c.person_id)
                             .where(t.band_index.c.number == number)).first()
        shown = _board(conn, documents, [found[0]] if found else [], as_of)
    shown["children"] = [e for e in shown["children"] if found and _wears(e, number, found[1])]
    auditing.append_alone(db, user=who, action="reunification.row", target=found[0] if found else "",
                          outcome=Outcome.OK if shown["children"] else Outcome.FAILED, detail={"band": number[:32]})
    if not shown["children"]:
        raise NotFound(f"no child on the reunification board wears band {band!r}")
    return shown


def exported(db: Database, *, who: str, fmt: str, children: int) -> None:
    """The board was written to a file (``kinlink registry reunification -o``)."""
    auditing.append_alone(db, user=who, action="reunification.export", detail={"format": fmt, "children": children})


def board_units(conn: Connection) -> list[str]:
    """The family units that may have a row: those whose links have events (a separation, a contact,
    a reunification), and those of someone whose custody is not at the station that recorded it
    (custody that may have diverged). Units without either cannot have a row."""
    r, ef = t.record.c, t.entity_family.c
    moved = and_(r.entity == "custody", ~_at_writer_text(r), ~func.coalesce(_at_writer(conn, r), False))
    query = select(ef.family_id).distinct().join(t.record, r.entity_id == ef.entity_id) \
        .where(or_(r.entity == "link_event", moved))
    return sorted(unit for (unit,) in conn.execute(query))


def _at_writer(conn: Connection, r: Any) -> Any:
    """A custody record at the station that wrote it (a legacy ``this_station``; or custody at a station
    naming its writer, for records from before schema 13 the station that signed them)."""
    location, held_at = _text(conn, r.data, "location"), _text(conn, r.data, "station")
    writer = func.coalesce(_text(conn, r.data, "writer"), r.station)
    return or_(location == "this_station", and_(location == "station", held_at == writer))


def _at_writer_text(r: Any) -> Any:
    """The same, cheaply, for the records written as stations write them: ``record.data`` is canonical
    JSON (sorted keys, no spaces: ``state``), so its text names the location, then the station and the
    writer side by side. Reading the JSON of every custody record took most of the board's time; this
    leaves it to the few records the text does not settle (``_at_writer`` decides those)."""
    named = literal('%"station":"') + r.station + '","writer":"' + r.station + '"%'
    return or_(r.data.like('%"location":"this_station"%'),
               and_(r.data.like('%"location":"station"%'), r.data.like(named)))


def _board(conn: Connection, documents: Documents, units: Sequence[str],
           as_of: datetime | None) -> reunification.Board:
    """Judged as the stations judge: the policy in force, each separation by the version it recorded."""
    versions = policy.versions_in(conn)
    with reunification.collector_paused():
        return reunification.board(documents.read(conn, units), as_of=as_of or datetime.now(UTC),
                                   policy=domain_policy.in_force(versions), versions=versions, stations=_places(conn))


class Documents:
    """Family units as the registry reads them (``reading.document``, without their history: the board
    does not show it), kept between reads with the version of the records they were read from: how
    many change records the unit has and the newest one's sequence. Records are only ever added to a
    unit (never changed or removed), so an equal version is the same records and the same document;
    only the units that changed since are read again. One per registry (its database), at most ``limit``
    units."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._kept: OrderedDict[str, tuple[tuple[int, int], FamilyDocument]] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, conn: Connection, units: Sequence[str]) -> list[FamilyDocument]:
        versions = _versions(conn, units)
        with self._lock:
            held = {u: self._kept[u][1] for u in units if u in self._kept and self._kept[u][0] == versions.get(u)}
        read = dict(_documents(conn, [u for u in units if u not in held and u in versions]))
        with self._lock:
            for unit, document in read.items():
                self._kept[unit] = (versions[unit], document)
            for unit in held:
                self._kept.move_to_end(unit)
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)
        shown = held | read
        return [shown[u] for u in units if u in shown]


def _versions(conn: Connection, units: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Per unit, how many change records it has (its own and those delivered to it) and the newest's
    sequence; units without any are left out."""
    c, ef, cd = t.change.c, t.entity_family.c, t.change_delivery.c
    found: dict[str, tuple[int, int]] = {}
    for first in range(0, len(units), UNITS_PER_READ * 10):
        chunk = units[first:first + UNITS_PER_READ * 10]
        both = union_all(select(ef.family_id, c.seq).join(t.change, c.entity_id == ef.entity_id)
                         .where(among(conn, ef.family_id, chunk)),
                         select(cd.family_id, cd.seq).where(among(conn, cd.family_id, chunk))).subquery()
        for unit, count, newest in conn.execute(select(both.c.family_id, func.count(), func.max(both.c.seq))
                                                .group_by(both.c.family_id)):
            found[unit] = (int(count), int(newest))
    return found


def _documents(conn: Connection, units: Sequence[str]) -> Iterator[tuple[str, FamilyDocument]]:
    """Each unit as the registry reads it, a few hundred units per query."""
    for first in range(0, len(units), UNITS_PER_READ):
        chunk = units[first:first + UNITS_PER_READ]
        found = holdings.unit_rows(conn, chunk)
        for unit in chunk:
            changes = [Change.from_body(json.loads(body)) for _, body, _ in found.get(unit, [])]
            if any(c.entity == "family" and c.entity_id == unit and c.created for c in changes):
                yield unit, reading.document(unit, changes, set())


def _places(conn: Connection) -> dict[str, StationPlace]:
    """Each enrolled station's agency and facility, as the registry's operators set them."""
    s = t.station.c
    return {code: StationPlace(code, agency, facility)
            for code, agency, facility in conn.execute(select(s.code, s.agency, s.facility))}


def _require_oversight(db: Database, station: str, *, action: str, detail: dict[str, Any]) -> None:
    """Only an oversight station reads the board; a refusal is audited."""
    with db.reading() as conn:
        allowed = bool(conn.execute(select(t.station.c.oversight).where(t.station.c.code == station)).scalar())
    if not allowed:
        auditing.append_alone(db, user=station, action=action, outcome=Outcome.DENIED, detail=detail)
        raise Forbidden(f"station {station} is not an oversight station: only oversight stations read the "
                        "registry's reunification board (the registry's operator decides which: `kinlink registry "
                        "stations set CODE --oversight`)")


def _wears(entry: reunification.ChildEntry, number: str, person: str | None) -> bool:
    child = entry["child"]
    return child["id"] == person or bandnumber.normalize(child["band"] or "") == number


def _text(conn: Connection, column: Any, name: str) -> Any:
    """A text field of a JSON column (SQLite reads the JSON text as it is; PostgreSQL needs a cast)."""
    if conn.dialect.name == "postgresql":
        return cast(column, JSON)[name].as_string()
    return type_coerce(column, JSON)[name].as_string()
