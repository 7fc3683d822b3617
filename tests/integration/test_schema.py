"""Schema versions: stores written by every released schema open with the current code;
a store from a newer Kinlink is refused and left exactly as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from app import services
from app.bands import payload
from app.domain import bandnumber, changes
from app.store import engine as store_engine
from app.store import keyslots, paths, schema, syncing
from app.store.changelog import load_changes, projection
from tests.fixtures.make_store import PASSPHRASE

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures").glob("store-v*"))


def _digest(directory: Path) -> dict[str, str]:
    """Every file's digest, but the logon state's lock file (empty: it is there to be locked)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())
            if p.name != "logon-state.lock"}


def test_there_is_a_fixture_store_for_the_current_schema() -> None:
    assert f"store-v{schema.SCHEMA_VERSION}" in [f.name for f in FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_store_opens_and_keeps_its_records(fixture: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    shutil.copytree(fixture, data_dir)
    answer = json.loads((data_dir / "answer.json").read_text())
    session = services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    try:
        with session.engine.connect() as conn:
            assert schema.version(conn) == schema.SCHEMA_VERSION
        family = answer["families"][0]
        shown = services.show_family(session=session, ident=family["people"][1]["band"])
        assert shown["number"] == family["number"]
        assert {p["band"] for p in shown["people"]} == {p["band"] for p in family["people"]}
        assert [x["relationship"] for x in shown["links"]] == ["mother"]
        assert services.search(session=session, text="maria garcia")["people"]
        trusted = services.trusted_stations(session=session)["stations"]
        assert [(t["station"], t["source"]) for t in trusted] == [(session.identity.code, "self")]
    finally:
        session.close()


def _set_version(data_dir: Path, version: int) -> None:
    key = keyslots.load(paths.keyslot_path(data_dir)).unwrap("agent", PASSPHRASE)
    engine = store_engine.open_engine(paths.store_path(data_dir), key)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {version}")
    engine.dispose()


def test_a_store_from_a_newer_kinlink_is_refused_and_unchanged(tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    shutil.copytree(FIXTURES[-1], data_dir)
    _set_version(data_dir, schema.SCHEMA_VERSION + 1)
    before = _digest(data_dir)
    with pytest.raises(schema.SchemaTooNew, match="newer Kinlink.*Update Kinlink"):
        services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    assert _digest(data_dir) == before


def _sign_in_copy(fixture: Path, tmp_path: Path) -> services.Session:
    data_dir = tmp_path / "station"
    shutil.copytree(fixture, data_dir)
    return services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_an_upgraded_store_still_equals_the_replay_of_its_change_log(fixture: Path, tmp_path: Path) -> None:
    session = _sign_in_copy(fixture, tmp_path)
    try:
        with session.engine.connect() as conn:
            log, tables = load_changes(conn), projection(conn)
        assert changes.replay(log) == tables
        assert tables["band"] and all(row["issued_on"] for row in tables["band"].values())
    finally:
        session.close()


OLDER_THAN_4 = [f for f in FIXTURES if int(f.name.removeprefix("store-v")) < 4]
SINCE_4 = [f for f in FIXTURES if f not in OLDER_THAN_4]


@pytest.mark.parametrize("fixture", OLDER_THAN_4, ids=[f.name for f in OLDER_THAN_4])
def test_schema_4_dates_older_bands_by_the_clock_of_their_creation(fixture: Path, tmp_path: Path) -> None:
    session = _sign_in_copy(fixture, tmp_path)
    try:
        with session.engine.connect() as conn:
            log, bands = load_changes(conn), projection(conn)["band"]
        for band_id, row in bands.items():
            [created] = [c for c in log if c.entity_id == band_id and c.created]
            assert "issued_on" not in created.fields, "written before schema 4"
            assert row["issued_on"] == changes.utc_date_of(created.hlc)
            text = services.band_payload(session=session, band=row["number"])
            assert payload.parse(text)[0].issued == date.fromisoformat(row["issued_on"])
    finally:
        session.close()


@pytest.mark.parametrize("fixture", SINCE_4, ids=[f.name for f in SINCE_4])
def test_from_schema_4_a_band_is_dated_by_its_registration(fixture: Path, tmp_path: Path) -> None:
    session = _sign_in_copy(fixture, tmp_path)
    try:
        with session.engine.connect() as conn:
            bands = projection(conn)["band"]
        assert {row["issued_on"] for row in bands.values()} == {"2026-11-24"}, "make_store registers at that date"
        assert sorted(row["reprints"] for row in bands.values()) == [0, 1]
    finally:
        session.close()


def _schema_of(fixture: Path) -> int:
    return int(fixture.name.removeprefix("store-v"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_5_keeps_older_bands_unconfirmed_and_newer_confirmations(fixture: Path, tmp_path: Path) -> None:
    session = _sign_in_copy(fixture, tmp_path)
    try:
        with session.engine.connect() as conn:
            bands = projection(conn)["band"]
        attached = sorted(row["number"] for row in bands.values() if row["attached_at"])
        if _schema_of(fixture) < 5:
            assert attached == [] and all(row["printed_at"] is None for row in bands.values())
        else:  # make_store confirms the first child's band: attached counts as printed
            child_band = json.loads((fixture / "answer.json").read_text())["families"][0]["people"][1]["band"]
            assert [bandnumber.format_band_number(n) for n in attached] == [child_band]
            assert all(bool(row["printed_at"]) == bool(row["attached_at"]) for row in bands.values())
    finally:
        session.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_6_keeps_older_people_without_a_bundle_and_newer_bundles(fixture: Path, tmp_path: Path) -> None:
    session = _sign_in_copy(fixture, tmp_path)
    try:
        family = json.loads((fixture / "answer.json").read_text())["families"][0]
        shown = services.show_family(session=session, ident=family["id"])
        baby = next(p for p in shown["people"] if p["id"] == family["people"][1]["id"])
        if _schema_of(fixture) < 6:
            assert baby["carried_by"] is None and baby["photos"] == []
        else:  # make_store records who carried the baby and one photo from a file
            assert baby["carried_by"] == family["people"][0]["id"]
            [photo] = baby["photos"]
            assert (photo["source"], photo["width"], photo["height"]) == ("file", 48, 32)
            jpeg = services.person_photo(session=session, photo_id=photo["id"])
            assert jpeg.startswith(b"\xff\xd8") and b"Exif" not in jpeg
    finally:
        session.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_7_rebuilds_every_field_write_from_the_log_and_later_edits_name_their_base(
        fixture: Path, tmp_path: Path) -> None:
    from sqlalchemy import select

    from app.domain.merge import CREATED, writes_of
    from app.store import syncing

    session = _sign_in_copy(fixture, tmp_path)
    supervisor = None
    try:
        with session.engine.connect() as conn:
            log = load_changes(conn)
            rows = conn.execute(select(schema.field_write.c.change_id, schema.field_write.c.field,
                                       schema.field_write.c.base)).all()
            assert syncing.enrolment(conn) is None and syncing.conflict_count(conn) == 0
            assert syncing.pending_count(conn) == len(log), "nothing was sent before sync existed"
        expected = {(c.id, name, w.base) for c in log for name, w in writes_of(c)}
        assert set(rows) == expected and len(rows) == len(expected)
        if _schema_of(fixture) < 7:
            assert all(base is None for _, name, base in rows if name != CREATED), "older records name no base"
        person = json.loads((fixture / "answer.json").read_text())["families"][0]["people"][0]["id"]
        admin = services.sign_in(data_dir=tmp_path / "station", user="admin", passphrase=PASSPHRASE)
        services.add_user(session=admin, name="sup", role="supervisor", passphrase=PASSPHRASE)
        admin.close()
        supervisor = services.sign_in(data_dir=tmp_path / "station", user="sup", passphrase=PASSPHRASE)
        services.correct_person(session=supervisor, person=person, field="nationality", value="HN",
                                reason="passport seen")
        with session.engine.connect() as conn:
            last = load_changes(conn)[-1]
            created = next(c for c in load_changes(conn, [person]) if c.created)
        assert last.base == {"nationality": created.hlc}, "the edit names the write it replaced: the creation"
    finally:
        session.close()
        if supervisor is not None:
            supervisor.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_8_keeps_which_writes_each_resolution_settles(fixture: Path, tmp_path: Path) -> None:
    from sqlalchemy import func, select

    from app.store import syncing

    session = _sign_in_copy(fixture, tmp_path)
    try:
        with session.engine.connect() as conn:
            settled = conn.execute(select(func.count()).select_from(schema.resolution)).scalar_one()
            resolutions = [c for c in load_changes(conn) if c.resolves]
            assert settled == sum(len(c.resolves) for c in resolutions) == 0, "no resolution existed before"
            assert syncing.open_conflicts(conn) == [] and syncing.conflict_count(conn) == 0
    finally:
        session.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_9_keeps_proposed_corrections(fixture: Path, tmp_path: Path) -> None:
    session = _sign_in_copy(fixture, tmp_path)
    try:
        person = json.loads((fixture / "answer.json").read_text())["families"][0]["people"][0]["id"]
        assert services.list_proposals(session=session)["proposals"] == [], "none existed before"
        admin = services.sign_in(data_dir=tmp_path / "station", user="admin", passphrase=PASSPHRASE)
        services.add_user(session=admin, name="clerk", role="agent", passphrase=PASSPHRASE)
        admin.close()
        clerk = services.sign_in(data_dir=tmp_path / "station", user="clerk", passphrase=PASSPHRASE)
        try:
            services.propose_correction(session=clerk, ident=person, field="nationality", value="HN",
                                        reason="passport seen")
            assert [p["proposed_by"] for p in services.list_proposals(session=clerk)["proposals"]] == ["clerk"]
        finally:
            clerk.close()
    finally:
        session.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_10_merges_nobody_that_came_before(fixture: Path, tmp_path: Path) -> None:
    session = _sign_in_copy(fixture, tmp_path)
    try:
        family = json.loads((fixture / "answer.json").read_text())["families"][0]
        shown = services.show_family(session=session, ident=family["id"])
        assert [p["merged_into"] for p in shown["people"]] == [None] * len(shown["people"])
    finally:
        session.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_11_sends_what_waited_in_whole_transactions(fixture: Path, tmp_path: Path) -> None:
    """Records waiting to be sent from before schema 11 are grouped as they were written (one
    registration is one transaction, each later action its own), so the registry can judge each
    whole; from schema 11 on, each change writer's records are one transaction."""
    session = _sign_in_copy(fixture, tmp_path)
    try:
        with session.engine.connect() as conn:
            chunk = syncing.outbox(conn, limit=10_000, max_bytes=10**9)
            waiting = syncing.pending_follows(conn)
        groups = list(dict.fromkeys(tx for *_, tx in chunk))
        first = [json.loads(body)["entity"] for _, body, _, tx in chunk if tx == groups[0]]
        assert first[:2] == ["encounter", "family"] and first.count("person") == 2 and "link" in first, \
            "the registration travels as one transaction"
        assert all(tx for *_, tx in chunk)
        version = int(fixture.name.removeprefix("store-v"))
        if version >= 4:  # the reprint recorded after the registration is a transaction of its own
            assert len(groups) >= 2
        assert [(f["kind"], f["value"]) for f in waiting] == ([("number", "7QXKM22276")] if version >= 11 else [])
    finally:
        session.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_schema_13_reads_custody_in_todays_terms_with_its_writer(fixture: Path, tmp_path: Path) -> None:
    """Custody recorded before schema 13 said "this station" relative to its writer: after the
    upgrade every record names the station that wrote it, and readers show custody at that station;
    the signed records themselves are unchanged (the replay test above holds)."""
    session = _sign_in_copy(fixture, tmp_path)
    code = session.identity.code
    try:
        with session.engine.connect() as conn:
            rows = projection(conn)["custody"]
        assert {row["writer"] for row in rows.values()} == {code}
        family = json.loads((fixture / "answer.json").read_text())["families"][0]
        shown = services.show_family(session=session, ident=family["id"])
        mother, child = shown["people"]
        assert mother["custody"] is not None and (mother["custody"]["location"], mother["custody"]["station"]) == \
            ("station", code)
        assert mother["custody"]["in_transit"] is False
        assert all(r["location"] != "this_station" for p in shown["people"] for r in p["custody_history"])
        if _schema_of(fixture) >= 11:  # the child was sent to station 7QXKM (an ORR shelter)
            assert child["custody"]["station"] == "7QXKM"
            assert child["custody"]["in_transit"] is (_schema_of(fixture) >= 13)  # before: no arrival scans
    finally:
        session.close()
