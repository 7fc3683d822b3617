"""The use cases, one function each, shared by the desktop app, the command line and the tests.

Every function is keyword-only, checks the signed-in user's permission first, and writes through
the change log so that each effect and its signed change record land in one transaction.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from app.domain import bandnumber, commands
from app.domain import fields as domain_fields
from app.domain.document import parse_document
from app.domain.errors import NotFound, ValidationError
from app.security import passphrase as passphrase_rules
from app.security.identity import StationIdentity
from app.security.roles import Permission, Role, require
from app.store import engine as store_engine
from app.store import keyslots, paths, queries, schema
from app.store.changelog import ChangeWriter, load_row, load_rows
from app.store.files import ensure_private_dir, restrict_umask

_USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class StoreMissing(Exception):
    """There is no station store in the data directory yet."""


class StoreExists(Exception):
    """``init`` was asked to create a store where one already is."""


class AccountDisabled(Exception):
    pass


@dataclass
class Session:
    """An unlocked station store and the user signed in to it."""

    data_dir: Path
    engine: Engine
    identity: StationIdentity
    user: str
    role: str
    data_key: bytes

    def close(self) -> None:
        self.engine.dispose()

    def require(self, permission: Permission) -> None:
        require(self.user, self.role, permission)


def station_exists(*, data_dir: Path) -> bool:
    return paths.store_path(data_dir).exists() or paths.keyslot_path(data_dir).exists()


def init_station(*, data_dir: Path, station_name: str, admin: str, passphrase: str,
                 kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    """Create the encrypted store, the station's key pair and code, and the first admin."""
    name = _station_name(station_name)
    _check_user_name(admin)
    passphrase_rules.check(passphrase)
    if station_exists(data_dir=data_dir):
        raise StoreExists(f"a station store already exists in {data_dir}; nothing was changed")
    restrict_umask()
    ensure_private_dir(data_dir)
    data_key, store_id = keyslots.new_data_key(), uuid.uuid4().hex
    identity = StationIdentity.generate(name)
    engine = store_engine.open_engine(paths.store_path(data_dir), data_key)
    try:
        with engine.begin() as conn:
            schema.migrate(conn)
            conn.execute(insert(schema.station).values(
                id=1, store_id=store_id, code=identity.code, name=name, private_key=identity.private_key,
                public_key=identity.public_key, family_seq=0, band_seq=0, created_at=_now_iso()))
            conn.execute(insert(schema.users).values(name=admin, role=Role.ADMIN.value, disabled=False,
                                                     created_at=_now_iso()))
        slots = keyslots.KeySlots(store_id)
        slots.add_user(admin, passphrase, data_key, kdf)
        slots.save(paths.keyslot_path(data_dir))
    except BaseException:
        engine.dispose()
        _remove_partial_store(data_dir)
        raise
    engine.dispose()
    return {"station": identity.code, "name": name, "admin": admin, "data_dir": str(data_dir)}


def _remove_partial_store(data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        paths.store_path(data_dir).with_name(paths.STORE_FILE + suffix).unlink(missing_ok=True)


def sign_in(*, data_dir: Path, user: str, passphrase: str) -> Session:
    """Unwrap the data key with the user's passphrase and open the store."""
    if not paths.store_path(data_dir).exists():
        raise StoreMissing(f"there is no station store in {data_dir}: run `kinlink init` first")
    slots = keyslots.load(paths.keyslot_path(data_dir))
    data_key = slots.unwrap(user, passphrase)
    restrict_umask()
    engine = store_engine.open_engine(paths.store_path(data_dir), data_key)
    try:
        store_engine.check_key(engine)
        with engine.begin() as conn:
            schema.migrate(conn)
            station = conn.execute(select(schema.station)).mappings().one()
            account = conn.execute(select(schema.users).where(schema.users.c.name == user)).mappings().first()
    except BaseException:
        engine.dispose()
        raise
    if station["store_id"] != slots.store_id:
        engine.dispose()
        raise keyslots.KeySlotError("the key-slot file belongs to a different station store")
    if account is None or account["disabled"]:
        engine.dispose()
        raise AccountDisabled(f"user {user!r} is disabled or not a user of this station")
    identity = StationIdentity(station["code"], station["name"], station["private_key"], station["public_key"])
    return Session(data_dir, engine, identity, user, account["role"], data_key)


def add_user(*, session: Session, name: str, role: str, passphrase: str,
             kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    session.require(Permission.MANAGE_USERS)
    _check_user_name(name)
    if role not in {r.value for r in Role}:
        raise ValidationError.one("role", f"{role!r} is not one of: {', '.join(r.value for r in Role)}")
    passphrase_rules.check(passphrase)
    with session.engine.begin() as conn:
        if conn.execute(select(schema.users.c.name).where(schema.users.c.name == name)).first():
            raise ValidationError.one("user", f"{name!r} already exists")
        conn.execute(insert(schema.users).values(name=name, role=role, disabled=False, created_at=_now_iso()))
        slot_file = paths.keyslot_path(session.data_dir)
        slots = keyslots.load(slot_file)
        slots.add_user(name, passphrase, session.data_key, kdf)
        slots.save(slot_file)
    return {"user": name, "role": role}


def register_family(*, session: Session, document: bytes, now: datetime | None = None) -> dict[str, Any]:
    """Register an encounter document: every family unit, person, link, custody record and band."""
    session.require(Permission.REGISTER)
    moment = now or datetime.now(UTC)
    draft = parse_document(document, now=moment)
    with session.engine.begin() as conn:
        alloc = _allocators(conn, session.identity.code)
        registration = commands.register(draft, alloc=alloc, agent=session.user,
                                         station=session.identity.code, recorded_at=moment.isoformat())
        ChangeWriter(conn, session.identity, session.user).write(registration.mutations)
    return registration.answer


def show_family(*, session: Session, ident: str) -> dict[str, Any]:
    session.require(Permission.READ)
    with session.engine.begin() as conn:
        return queries.family_view(conn, queries.find_family_id(conn, ident))


def search(*, session: Session, text: str, limit: int = 50) -> dict[str, Any]:
    session.require(Permission.READ)
    if not text.strip():
        raise ValidationError.one("search", "type a name or a band number")
    with session.engine.begin() as conn:
        return {"query": text, "people": queries.search_people(conn, text, limit=limit)}


def change_link_state(*, session: Session, link_id: str, state: str, reason: str, officer: str,
                      from_side: str | None = None, to_side: str | None = None) -> dict[str, Any]:
    """Record a separation, contact or reunification on a link. The link itself stays."""
    session.require(Permission.RECORD_CUSTODY)
    with session.engine.begin() as conn:
        link = _existing(conn, "link", link_id)
        mutations = commands.change_link_state(
            link_id, link, state=state, reason=reason, officer=officer, from_side=from_side,
            to_side=to_side, occurred_at=_now_iso(), event_id=uuid.uuid4().hex)
        ChangeWriter(conn, session.identity, session.user).write(mutations, reason=reason)
    return {"link": link_id, "state": state}


def transfer_custody(*, session: Session, person_id: str, location: str, receiving_party: str | None,
                     reference: str | None = None) -> dict[str, Any]:
    session.require(Permission.RECORD_CUSTODY)
    with session.engine.begin() as conn:
        _existing(conn, "person", person_id)
        custody_id = uuid.uuid4().hex
        mutations = commands.transfer_custody(person_id, location=location, receiving_party=receiving_party,
                                              reference=reference, since=_now_iso(), custody_id=custody_id)
        ChangeWriter(conn, session.identity, session.user).write(mutations)
    return {"person": person_id, "custody": custody_id, "location": location}


def correct_person(*, session: Session, person: str, field: str, value: Any, reason: str) -> dict[str, Any]:
    """A supervisor's correction of one field of a person, with a mandatory reason."""
    session.require(Permission.CORRECT)
    try:
        reason_text = domain_fields.text(reason)
    except domain_fields.FieldError as error:
        raise ValidationError.one("reason", f"{error}: a correction needs a reason") from None
    with session.engine.begin() as conn:
        row = queries.person_for_band(conn, person) or load_row(conn, "person", person)
        if row is None:
            raise NotFound(f"no person or band {person!r} in this station's records")
        people = load_rows(conn, "person", "family_id", [row["family_id"]])
        links = queries._links_of(conn, [p["id"] for p in people])
        mutation = commands.correct_person(row["id"], field, value, family_people=people,
                                           family_links=[(x["from_person"], x["to_person"]) for x in links],
                                           today=datetime.now(UTC).date())
        ChangeWriter(conn, session.identity, session.user).write([mutation], reason=reason_text)
    return {"person": row["id"], "field": field}


def _allocators(conn: Connection, code: str) -> commands.Allocators:
    def next_seq(column: str) -> int:
        current = conn.execute(select(schema.station.c[column])).scalar_one()
        conn.execute(update(schema.station).values({column: current + 1}))
        return int(current) + 1

    return commands.Allocators(
        new_id=lambda: uuid.uuid4().hex,
        family_number=lambda: f"{code}-{next_seq('family_seq')}",
        band_number=lambda: bandnumber.make_band_number(code, next_seq("band_seq")),
    )


def _existing(conn: Connection, entity: str, entity_id: str) -> dict[str, Any]:
    row = load_row(conn, entity, entity_id)
    if row is None:
        raise NotFound(f"no {entity.replace('_', ' ')} {entity_id!r} in this station's records")
    return row


def _check_user_name(name: str) -> None:
    if not _USER_NAME.match(name or ""):
        raise ValidationError.one("user", f"{name!r} is not a valid user name: use 1-64 lower-case letters, "
                                          "digits, dots, dashes or underscores, starting with a letter or digit")


def _station_name(value: str) -> str:
    try:
        return str(domain_fields.text(value, limit=100))
    except domain_fields.FieldError as error:
        raise ValidationError.one("station name", str(error)) from None


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")

