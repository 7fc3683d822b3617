"""The real `kinlink` process: the commands of docs/cli.md, their JSON, exit codes and error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import services
from app.store import paths, schema
from tests.conftest import ADMIN, AGENT, PASSPHRASES, adult, child, document, link


def _change_count(data_dir: Path) -> int:
    session = services.sign_in(data_dir=data_dir, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        with session.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.change)).scalar_one())
    finally:
        session.close()


def test_init_user_add_family_add_show_and_search(cli, data_dir: Path, example_document: bytes) -> None:  # noqa: ANN001
    done = cli("init", "--station", "Sasabe", "--admin", "chief", new_passphrase="chief passphrase 1")
    assert done.code == 0, done.stderr
    assert done.json["name"] == "Sasabe" and len(done.json["station"]) == 5
    added = cli("--user", "chief", "user", "add", "maria", "--role", "agent",
                passphrase="chief passphrase 1", new_passphrase="maria passphrase 1")
    assert added.code == 0, added.stderr
    assert added.json == {"user": "maria", "role": "agent"}

    registered = cli("--user", "maria", "family", "add", "-", passphrase="maria passphrase 1",
                     stdin=example_document)
    assert registered.code == 0, registered.stderr
    answer = registered.json
    assert set(answer) == {"encounter", "families"}
    (family,) = answer["families"]
    assert set(family) == {"id", "number", "people"}
    assert [(p["ref"], len(p["band"])) for p in family["people"]] == [("a1", 12), ("c1", 12)]

    baby_band = family["people"][1]["band"]
    shown = cli("--user", "maria", "family", "show", baby_band.lower().replace("-", ""),
                passphrase="maria passphrase 1")
    assert shown.code == 0, shown.stderr
    assert shown.json["id"] == family["id"]
    mother, baby = sorted(shown.json["people"], key=lambda p: p["role"])
    assert (mother["given_names"], baby["given_names"], baby["preverbal"]) == ("María José", None, True)
    assert shown.json["links"][0] | {"id": None, "events": None} == {
        "id": None, "events": None, "from": mother["id"], "to": baby["id"], "relationship": "mother",
        "provenance": "claimed", "state": "together"}
    assert {h["entity"] for h in shown.json["history"]} >= {"family", "person", "link", "band", "custody"}

    found = cli("--user", "maria", "search", "lopez GARCIA jose", passphrase="maria passphrase 1")
    assert found.code == 0, found.stderr
    assert [p["id"] for p in found.json["people"]] == [mother["id"]]
    assert found.json["people"][0]["family"] == {"id": family["id"], "number": family["number"]}


def test_family_show_accepts_family_number_and_ids(cli, agent: services.Session, example_document: bytes) -> None:  # noqa: ANN001
    answer = services.register_family(session=agent, document=example_document)
    family = answer["families"][0]
    for ident in (family["id"], family["number"], family["people"][0]["id"], family["people"][0]["band"]):
        shown = cli("family", "show", ident, user=AGENT)
        assert shown.code == 0, shown.stderr
        assert shown.json["id"] == family["id"]


def test_unknown_family_is_a_clear_error(cli, station: Path) -> None:  # noqa: ANN001
    done = cli("family", "show", "nothing-like-this", user=AGENT)
    assert done.code == 2
    assert "no family unit, person or band 'nothing-like-this'" in done.stderr


def test_wrong_passphrase_is_exit_3(cli, station: Path) -> None:  # noqa: ANN001
    done = cli("search", "garcia", user=AGENT, passphrase="not the passphrase")
    assert done.code == 3
    assert "wrong user name or passphrase" in done.stderr
    assert done.stdout == ""


def test_no_passphrase_and_no_terminal_is_exit_3(cli, station: Path) -> None:  # noqa: ANN001
    done = cli("--user", AGENT, "search", "garcia")
    assert done.code == 3
    assert "KINLINK_PASSPHRASE" in done.stderr


def test_roles_are_enforced_below_the_ui(cli, station: Path, example_document: bytes) -> None:  # noqa: ANN001
    by_agent = cli("user", "add", "eve", "--role", "admin", user=AGENT, new_passphrase="eve passphrase 1")
    assert by_agent.code == 3 and "not permitted to manage users" in by_agent.stderr
    by_admin = cli("family", "add", "-", user=ADMIN, stdin=example_document)
    assert by_admin.code == 3 and "not permitted to register families" in by_admin.stderr


def test_missing_store_says_run_init(cli, data_dir: Path) -> None:  # noqa: ANN001
    done = cli("search", "x", user=AGENT)
    assert done.code == 2
    assert "run `kinlink init` first" in done.stderr


BAD_DOCUMENTS = {
    "malformed JSON": (b'{"encounter": ', "not valid JSON"),
    "unknown key": (document({"people": [adult("a1")], "extra": 1}), "unknown key 'extra'"),
    "child without link or mark": (document({"people": [adult("a1"), child("c1")]}),
                                   "child 'c1': has no link to adult(s) 'a1'"),
    "child alone without mark": (document({"people": [child("c1")]}), "arrived_without_adult"),
    "link to unknown ref": (document({"people": [adult("a1"), child("c1")],
                                      "links": [link("a1", "c1"), link("a1", "zz")]}),
                            "'zz' is not the ref of any person"),
    "birth date in the future": (document({"people": [adult("a1", birth_date="2099-01-01")]}), "in the future"),
    "birth date before 1900": (document({"people": [adult("a1", birth_date="1899-12-31")]}), "before 1900"),
    "age estimate out of range": (document({"people": [adult("a1", age_estimate_years=150)]}), "out of range"),
    "10 MB string": (document({"people": [adult("a1", description="x" * 10_000_000)]}), "MB"),
    "invalid UTF-8": (b'{"encounter": "\xff\xfe"}', "not UTF-8"),
    "placeholder name": (document({"people": [adult("a1"), child("c1", given="Baby Boy")],
                                   "links": [link("a1", "c1")]}), "placeholder"),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=list(BAD_DOCUMENTS))
def test_bad_documents_are_refused_with_the_problem_named_and_nothing_saved(
        cli, station: Path, case: str) -> None:  # noqa: ANN001
    raw, expected = BAD_DOCUMENTS[case]
    before = _change_count(station)
    done = cli("family", "add", "-", user=AGENT, stdin=raw)
    assert done.code == 2, done.stderr
    assert expected in done.stderr
    assert "nothing was saved" in done.stderr or "nothing was changed" in done.stderr
    assert done.stdout == ""
    assert _change_count(station) == before


def test_unreadable_file_is_named(cli, station: Path, tmp_path: Path) -> None:  # noqa: ANN001
    done = cli("family", "add", str(tmp_path / "nope.json"), user=AGENT)
    assert done.code == 2
    assert "cannot read" in done.stderr and "nope.json" in done.stderr


def test_missing_key_slot_file(cli, station: Path) -> None:  # noqa: ANN001
    paths.keyslot_path(station).unlink()
    done = cli("search", "x", user=AGENT)
    assert done.code == 2
    assert "key-slot file" in done.stderr and "missing" in done.stderr


def test_corrupted_key_slot_file(cli, station: Path) -> None:  # noqa: ANN001
    slot_file = paths.keyslot_path(station)
    slot_file.write_text(slot_file.read_text()[:100])
    done = cli("search", "x", user=AGENT)
    assert done.code == 2
    assert "damaged" in done.stderr


def test_store_from_a_newer_schema(cli, station: Path) -> None:  # noqa: ANN001
    from tests.integration.test_schema import _set_version

    _set_version_for(station, _set_version)
    done = cli("search", "x", user=AGENT)
    assert done.code == 2
    assert "newer Kinlink" in done.stderr


def _set_version_for(data_dir: Path, setter) -> None:  # noqa: ANN001
    from app.store import engine as store_engine
    from app.store import keyslots

    key = keyslots.load(paths.keyslot_path(data_dir)).unwrap(AGENT, PASSPHRASES[AGENT])
    engine = store_engine.open_engine(paths.store_path(data_dir), key)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    engine.dispose()


def test_search_with_no_match_is_an_empty_list(cli, station: Path) -> None:  # noqa: ANN001
    done = cli("search", "zzyzx", user=AGENT)
    assert done.code == 0
    assert json.loads(done.stdout)["people"] == []
