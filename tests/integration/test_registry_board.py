"""The registry's reunification board (docs/reunification.md, "The registry's board") with a real
registry process (SQLite and PostgreSQL) and real stations of different agencies: it says, for the
family units each station holds, what that station's own board says; it filters by agency and by
deadline; `kinlink registry reunification` writes the station's CSV, privately, never through a
planted link; `GET /v1/reunification` answers oversight stations only, each call audited with the
calling station, and reading it grants no holding.

The attacks and bad input come first: a station that is not an oversight station, a revoked one,
filters changed after signing, a malformed filter, a band that is not a child's on the board.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app import services
from app.domain import bandnumber
from app.domain.board_export import CSV_HEADER
from sync import protocol
from sync.client import SyncFailure
from sync.registry import board, state
from sync.registry import tables as t
from sync.registry.store import Registry, open_registry
from tests.conftest import CliResult, adult, child, document, link
from tests.syncing import PROTOCOL, Hostile, RunningRegistry, TestStation

BOARD = f"{protocol.API}/reunification"
ARRIVED = (datetime.now(UTC) - timedelta(days=30)).isoformat(timespec="seconds")  # the encounters, a month ago


def _at(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(timespec="seconds")


@dataclass
class Scene:
    """Three stations and their families, synced: North (CBP) registered the Tzoc family and the
    Ajú family, the Shelter (HHS/ORR) the Sam family and received Mateo Tzoc; the Overseer is an
    oversight station that registered nothing."""

    registry: RunningRegistry
    north: TestStation
    shelter: TestStation
    overseer: TestStation
    bands: dict[str, str]  # given name -> band number
    families: dict[str, str]  # family name -> unit id

    def code(self, station: TestStation) -> str:
        return station.agent.identity.code

    def opened(self) -> Registry:
        return self.registry.open()

    def board(self, **filters: Any) -> dict[str, Any]:
        """The board as an operator reads it (``Registry.reunification``)."""
        registry = self.opened()
        try:
            return dict(registry.reunification(**filters))
        finally:
            registry.close()

    def audit(self, action: str) -> list[dict[str, Any]]:
        registry = self.opened()
        try:
            return [r for r in registry.audit_records(limit=10_000) if r["action"] == action]
        finally:
            registry.close()


def _registered(station: TestStation, *families: dict[str, Any]) -> dict[str, Any]:
    answer = station.register(document(*families, occurred_at=ARRIVED))
    return {"bands": {p["ref"]: p["band"] for f in answer["families"] for p in f["people"]},
            "ids": [f["id"] for f in answer["families"]]}


@pytest.fixture
def scene(registry: RunningRegistry, make_station: Callable[..., TestStation]) -> Iterator[Scene]:
    north = make_station("North", agency="cbp", facility="Nogales processing (invented)")
    shelter = make_station("Shelter", agency="hhs_orr", facility="ORR shelter, Brownsville (invented)")
    overseer = make_station("Overseer", oversight=True)
    for station in (north, shelter, overseer):
        station.sync()  # each knows what the others are
    tzoc = _registered(north, {
        "people": [adult("rosa", "=Rosa", "Tzoc Ajú", birth_date="1990-02-03"),
                   child("mateo", "Mateo", "Tzoc", birth_date="2023-05-06"),
                   child("lia", "Lía", "Tzoc", birth_date="2012-01-01")],
        "links": [link("rosa", "mateo"), link("rosa", "lia")]})
    aju = _registered(north, {"people": [adult("elena", "Elena", "Ajú"),
                                         child("tomas", "Tomás", "Ajú", birth_date="2015-03-03"),
                                         child("sara", "Sara", "Ajú", birth_date="2016-04-04")],
                              "links": [link("elena", "tomas"), link("elena", "sara")]})
    sam = _registered(shelter, {"people": [adult("pedro", "Pedro", "Sam", sex="male"),
                                           child("luis", "Luis", "Sam", birth_date="2018-05-05")],
                                "links": [link("pedro", "luis", "father")]})
    bands = {**tzoc["bands"], **aju["bands"], **sam["bands"]}
    # Mateo (3) was taken from his mother 20 days ago (overdue: 14 days), and nobody has called her since;
    # she went to ICE, he to the shelter. His sister Lía stayed at North: apart from her mother with no
    # separation on record (custody diverged).
    services.separate(session=north.agent, child=bands["mateo"], adult=bands["rosa"], reason="adult detained",
                      at=_at(20))
    services.transfer_custody(session=north.agent, person=bands["rosa"], to="ice", facility="ICE Eloy (invented)",
                              reason="detention", at=_at(19))
    services.transfer_custody(session=north.agent, person=bands["mateo"], to="station",
                              station=shelter.agent.identity.code, reason="placement order 12")
    # Tomás went to an ORR shelter outside Kinlink with no separation on record: custody diverged. His sister
    # Sara stayed with their mother: not on the board.
    services.transfer_custody(session=north.agent, person=bands["tomas"], to="hhs_orr",
                              facility="ORR shelter, Phoenix (invented)", reason="placement order 13")
    north.sync()
    shelter.sync()  # the transfer gave the shelter the Tzoc family
    services.arrive(session=shelter.agent, person=bands["mateo"])
    # Luis (8) was separated from his father 3 days ago and has had a video call since: not overdue.
    services.separate(session=shelter.agent, child=bands["luis"], adult=bands["pedro"], reason="father in hospital",
                      at=_at(3))
    services.contact(session=shelter.agent, child=bands["luis"], adult=bands["pedro"], kind="video", at=_at(2))
    for station in (shelter, north, overseer):
        station.sync()
    yield Scene(registry, north, shelter, overseer, bands,
                {"Tzoc": tzoc["ids"][0], "Ajú": aju["ids"][0], "Sam": sam["ids"][0]})


def _children(board: dict[str, Any]) -> list[str]:
    return [e["child"]["given_names"] for e in board["children"]]


def _signed(scene: Scene, station: TestStation, signed_path: str, sent_path: str) -> httpx.Response:
    """A GET signed by ``station`` over ``signed_path`` but sent to ``sent_path``."""
    nonce = httpx.post(f"{scene.registry.url}{protocol.API}/nonce", headers=PROTOCOL).json()["nonce"]
    headers = protocol.sign_request(station.agent.identity, "GET", signed_path, nonce, b"")
    return httpx.get(f"{scene.registry.url}{sent_path}", headers=headers)


# --- refusals first -----------------------------------------------------------------------------------

def test_a_station_that_is_not_an_oversight_station_is_refused_and_audited(scene: Scene) -> None:
    for path in (BOARD, f"{BOARD}?overdue=true", f"{BOARD}/{scene.bands['mateo']}"):
        with pytest.raises(SyncFailure, match="is not an oversight station") as refused:
            Hostile(scene.shelter).call("GET", path)
        assert refused.value.status == 403
    shelter = scene.code(scene.shelter)
    denied = [r for r in scene.audit("reunification.view") + scene.audit("reunification.row")
              if r["user"] == shelter]
    assert [r["outcome"] for r in denied] == ["denied"] * 3
    assert denied[1]["detail"] == {"agency": None, "overdue_only": True}
    assert not [r for r in scene.audit("reunification.view") if r["outcome"] == "ok"], "nothing was shown"


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_revoked_oversight_station_is_refused(scene: Scene) -> None:
    registry = scene.opened()
    try:
        registry.revoke(scene.code(scene.overseer), "laptop stolen")
    finally:
        registry.close()
    with pytest.raises(SyncFailure, match="revoked") as refused:
        Hostile(scene.overseer).call("GET", BOARD)
    assert refused.value.status == 403


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_filters_changed_after_signing_or_malformed_are_refused(scene: Scene) -> None:
    altered = _signed(scene, scene.overseer, f"{BOARD}?agency=ice", f"{BOARD}?agency=hhs_orr")
    assert altered.status_code == 401, altered.text
    dropped = _signed(scene, scene.overseer, f"{BOARD}?overdue=true", BOARD)
    assert dropped.status_code == 401, dropped.text
    for query in ("agency=border_patrol", "overdue=perhaps"):
        malformed = _signed(scene, scene.overseer, f"{BOARD}?{query}", f"{BOARD}?{query}")
        assert malformed.status_code == 422, malformed.text
    assert scene.audit("reunification.view") == [], "nothing was read"


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_band_that_is_no_childs_on_the_board_is_404_and_audited(scene: Scene) -> None:
    overseer = Hostile(scene.overseer)
    unknown = bandnumber.format_band_number(bandnumber.make_band_number(scene.code(scene.north), 9_999))
    for band, says in ((unknown, "no child on the reunification board"),
                       (scene.bands["rosa"], "no child on the reunification board"),  # the mother's
                       (scene.bands["sara"], "no child on the reunification board")):  # still with her mother
        with pytest.raises(SyncFailure, match=says) as missing:
            overseer.call("GET", f"{BOARD}/{band}")
        assert missing.value.status == 404
    rows = scene.audit("reunification.row")
    assert [(r["target"], r["outcome"]) for r in rows] == [
        ("", "failed"), (scene.families["Tzoc"], "failed"), (scene.families["Ajú"], "failed")]


# --- what it shows ------------------------------------------------------------------------------------

def test_the_registry_board_says_what_each_holding_station_says(scene: Scene) -> None:
    moment = datetime.now(UTC)
    whole = scene.board(as_of=moment)
    assert sorted(_children(whole)) == ["Luis", "Lía", "Mateo", "Tomás"]
    registry = scene.opened()
    try:
        held = {s.name: {h["family"] for h in registry.holdings(scene.code(s))} for s in (scene.north, scene.shelter)}
    finally:
        registry.close()
    assert held == {"North": {scene.families["Tzoc"], scene.families["Ajú"]},
                    "Shelter": {scene.families["Tzoc"], scene.families["Sam"]}}
    for station in (scene.north, scene.shelter):
        own = services.reunification_board(session=station.agent, as_of=moment)
        assert own["children"] == [e for e in whole["children"] if e["family"] in held[station.name]], station.name
        assert own["policy"] == whole["policy"] and own["as_of"] == whole["as_of"]
    mateo = next(e for e in whole["children"] if e["child"]["given_names"] == "Mateo")
    assert mateo["overdue"] and [a["code"] for a in mateo["alerts"]] == ["overdue", "no_contact"]
    assert (mateo["child"]["custody"]["kind"], mateo["child"]["custody"]["station"]) == \
        ("station", scene.code(scene.shelter))
    rosa = mateo["adults"][0]
    assert (rosa["custody"]["kind"], rosa["custody"]["agency"], rosa["custody"]["facility"]) == \
        ("ice", "ice", "ICE Eloy (invented)")
    assert datetime.fromisoformat(rosa["deadline"]) - datetime.fromisoformat(rosa["separated_at"]) == \
        timedelta(days=14)
    luis = next(e for e in whole["children"] if e["child"]["given_names"] == "Luis")
    assert not luis["overdue"] and luis["alerts"] == [] and luis["adults"][0]["last_contact_at"] is not None
    assert datetime.fromisoformat(luis["deadline"]) - datetime.fromisoformat(luis["adults"][0]["separated_at"]) \
        == timedelta(days=30)
    for name in ("Tomás", "Lía"):
        diverged = next(e for e in whole["children"] if e["child"]["given_names"] == name)
        assert [a["code"] for a in diverged["alerts"]] == ["custody_diverged"] and diverged["deadline"] is None
    assert _children(whole)[:2] == ["Mateo", "Luis"], "the overdue child first, then by deadline"


def test_the_agency_and_overdue_filters(scene: Scene) -> None:
    assert _children(scene.board(overdue=True)) == ["Mateo"]
    assert sorted(_children(scene.board(agency="hhs_orr"))) == ["Luis", "Mateo", "Tomás"]  # at a shelter
    assert _children(scene.board(agency="ice")) == ["Mateo", "Lía"]  # their mother is in ICE's custody
    assert sorted(_children(scene.board(agency="cbp"))) == ["Lía", "Tomás"]  # at North, or their mother is
    assert _children(scene.board(agency="other")) == []
    assert _children(scene.board(agency="ice", overdue=True)) == ["Mateo"]
    views = scene.audit("reunification.view")
    assert [r["detail"] for r in views[-2:]] == [
        {"children": 0, "agency": "other", "overdue_only": False},
        {"children": 1, "agency": "ice", "overdue_only": True}]
    assert all(r["user"].startswith("operator") and "Mateo" not in str(r["detail"]) for r in views)


def test_an_oversight_station_reads_the_board_audited_as_itself_and_holds_nothing(scene: Scene) -> None:
    overseer = Hostile(scene.overseer)
    answer = overseer.call("GET", BOARD)
    assert sorted(_children(answer)) == ["Luis", "Lía", "Mateo", "Tomás"]
    assert answer["policy"] == {"version": 0, "under_5_days": 14, "other_days": 30, "contact_days": 10}
    assert _children(overseer.call("GET", f"{BOARD}?agency=ice&overdue=true")) == ["Mateo"]
    row = overseer.call("GET", f"{BOARD}/{scene.bands['mateo'].lower().replace('-', ' ')}")
    assert [e["child"]["band"] for e in row["children"]] == [scene.bands["mateo"]]
    assert row["children"][0] == next(e for e in answer["children"] if e["child"]["given_names"] == "Mateo")
    code = scene.code(scene.overseer)
    views = [r for r in scene.audit("reunification.view") if r["user"] == code]
    assert [(r["outcome"], r["detail"]) for r in views] == [
        ("ok", {"children": 4, "agency": None, "overdue_only": False}),
        ("ok", {"children": 1, "agency": "ice", "overdue_only": True})]
    [read] = [r for r in scene.audit("reunification.row") if r["user"] == code]
    assert (read["target"], read["outcome"]) == (scene.families["Tzoc"], "ok")
    services.reunite(session=scene.shelter.agent, child=scene.bands["mateo"], adult=scene.bands["rosa"],
                     reason="mother released to the shelter")
    scene.shelter.sync()
    assert "Mateo" not in _children(overseer.call("GET", BOARD)), "the registry read the family again"
    registry = scene.opened()
    try:
        assert registry.holdings(code) == [], "reading the board is not a holding"
    finally:
        registry.close()
    scene.overseer.sync()
    with pytest.raises(services.NotFound):
        scene.overseer.show(scene.bands["mateo"])
    with pytest.raises(SyncFailure, match="no family unit this station holds") as unheld:
        overseer.call("GET", f"{protocol.API}/families/{scene.bands['mateo']}")
    assert unheld.value.status == 404


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_kinlink_registry_reunification_json_csv_and_its_refusals(scene: Scene, cli: Any, tmp_path: Path) -> None:
    def registry_cli(*args: str) -> CliResult:
        result: CliResult = cli("--data-dir", str(scene.registry.data_dir), "registry", "reunification", *args,
                                "--database-url", scene.registry.database_url)
        return result

    shown = registry_cli("--agency", "ice")
    assert shown.code == 0, shown.stderr
    assert set(shown.json) == {"as_of", "policy", "children"} and _children(shown.json) == ["Mateo", "Lía"]
    assert registry_cli("--overdue").json["children"][0]["child"]["band"] == scene.bands["mateo"]
    needs_file = registry_cli("--format", "csv")
    assert needs_file.code == 2 and "-o FILE" in needs_file.stderr
    unknown = registry_cli("--agency", "border_patrol")
    assert unknown.code == 2 and "invalid choice" in unknown.stderr
    out = tmp_path / "board.csv"
    written = registry_cli("--format", "csv", "-o", str(out))
    assert written.code == 0, written.stderr
    assert written.json == {"written": str(out), "format": "csv", "children": 4}
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and os.stat(out).st_mode & 0o777 == 0o600
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(CSV_HEADER)
    table = {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}  # by the child's given names
    assert [r[1] for r in rows[1:3]] == ["Mateo", "Luis"] and sorted(table) == ["Luis", "Lía", "Mateo", "Tomás"]
    mateo = table["Mateo"]
    assert (mateo["adult_given_names"], mateo["adult_family_names"], mateo["relationship"]) == \
        ("'=Rosa", "Tzoc Ajú", "mother")  # a formula stays text
    assert (mateo["child_band"], mateo["adult_band"]) == (scene.bands["mateo"], scene.bands["rosa"])
    assert (mateo["child_overdue"], mateo["overdue"], mateo["last_contact_at"]) == ("yes", "yes", "")
    assert mateo["alerts"].startswith("overdue: not reunified with the mother") and "no_contact: " in mateo["alerts"]
    assert mateo["adult_custody"].startswith("ice (ICE Eloy (invented)) since ")
    assert mateo["child_custody"].startswith(f"station (ORR shelter, Brownsville (invented), "
                                             f"{scene.code(scene.shelter)}) since ")
    assert mateo["child_age"] == "3.0" and mateo["link_state"] == "separated"
    luis = table["Luis"]
    assert (luis["child_overdue"], luis["relationship"], luis["alerts"]) == ("no", "father", "")
    assert luis["last_contact_at"].endswith("Z") and luis["deadline"].endswith("Z")
    exports = scene.audit("reunification.export")
    assert [r["detail"] for r in exports] == [{"format": "csv", "children": 4}]
    assert table["Tomás"]["alerts"].startswith("custody_diverged: ") and table["Tomás"]["deadline"] == ""


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_planted_link_at_the_output_is_refused_and_nothing_is_written(scene: Scene, cli: Any,
                                                                         tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the planter's file")
    out = tmp_path / "board.json"
    out.symlink_to(victim)
    refused = cli("--data-dir", str(scene.registry.data_dir), "registry", "reunification", "-o", str(out),
                  "--database-url", scene.registry.database_url)
    assert refused.code == 2 and "symbolic link" in refused.stderr and "nothing was written" in refused.stderr
    assert victim.read_text() == "the planter's file" and out.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".board")) == [], "no temporary left"
    assert scene.audit("reunification.export") == []


# --- which family units are read ------------------------------------------------------------------

def test_the_units_read_are_those_with_link_events_or_custody_away_from_its_writer(registry_db: str) -> None:
    """Custody records as the registry stores them, of every kind a station has written (and a facility
    whose text looks like JSON): only custody that is not at the station that wrote it, and link
    events, make a unit worth reading."""
    custody = {
        "at its writer": ({"location": "station", "station": "NRTH2", "writer": "NRTH2"}, False),
        "legacy, at this station": ({"location": "this_station", "station": None}, False),
        "legacy, at a station, no writer": ({"location": "station", "station": "NRTH2"}, False),
        "legacy, at another station": ({"location": "other_station", "station": "STH22"}, True),
        "sent to another station": ({"location": "station", "station": "STH22", "writer": "NRTH2"}, True),
        "at ICE": ({"location": "ice", "station": None, "writer": "NRTH2",
                    "receiving_party": '"location":"station","station":"NRTH2","writer":"NRTH2"'}, True),
        "unknown": ({"location": "unknown", "station": None, "writer": "NRTH2"}, True),
    }
    records = {f"custody {name}": state.Rec("custody", "NRTH2", n + 1, "0001764000000000-00000-NRTH2",
                                            {"person_id": "p", "since": "2026-11-01T00:00:00+00:00", **data})
               for n, (name, (data, _)) in enumerate(custody.items())}
    records["an event"] = state.Rec("link_event", "NRTH2", 99, "0001764000000000-00000-NRTH2",
                                    {"link_id": "l", "state": "separated"})
    registry = open_registry(registry_db)
    try:
        with registry.db.writing() as conn:
            state.save(conn, records, {})
            conn.execute(t.entity_family.insert(), [{"entity_id": e, "family_id": f"unit of {e}"} for e in records])
        with registry.db.reading() as conn:
            found = board.board_units(conn)
    finally:
        registry.close()
    expected = sorted([f"unit of custody {name}" for name, (_, moved) in custody.items() if moved]
                      + ["unit of an event"])
    assert found == expected
