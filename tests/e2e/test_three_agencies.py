"""The story of issue 14, replayed from the command line with real processes: a registry on
PostgreSQL and three stations enrolled as a CBP border station, an ICE detention centre and an
HHS/ORR shelter (docs/reunification.md).

The border station registers two families. It separates the first family's children from their
mother, sends the mother to the ICE station and the children to the shelter, while it is offline
and the shelter is not enrolled yet. In the second family a child goes to the shelter and the father
to detention with no separation recorded: the 2018 failure. Everyone syncs; the ICE centre and the
shelter scan the arrivals (a fresh photo of the baby); the shelter scans a child's band and sees
where the mother is; it records a call, then the older child's reunification with the mother (who
was released to the shelter). The registry's board then shows exactly the pairs still separated,
with the court's deadlines, and the divergence alert. All people are invented.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app import services
from tests.conftest import PASSPHRASES, CliResult, adult, child, document, link
from tests.syncing import RunningRegistry

pytestmark = pytest.mark.parametrize("registry_db", ["postgresql"], indirect=True)

FIRST = document({"people": [adult("m", "Rosa", "Tzul Ixcoy"),
                             child("a", "Ana", "Tzul", birth_date="2017-02-01"),
                             child("b", None, None, age_estimate_years=1, preverbal=True,
                                   description="red cap, birthmark on the left wrist")],
                  "links": [link("m", "a"), link("m", "b")]})
SECOND = document({"people": [adult("f", "Pedro", "Sam Choc", sex="male"),
                              child("c", "Luis", "Sam", birth_date="2020-05-05")],
                   "links": [link("f", "c", "father")]})


class Station:
    """One station's command line: ``run(*args, user=...)`` in its own data directory."""

    def __init__(self, cli: Any, data_dir: Path, name: str) -> None:
        """A new station with an admin, an agent and a supervisor (made directly: the story starts after)."""
        self.cli, self.data_dir = cli, data_dir
        services.init_station(data_dir=data_dir, station_name=name, admin="admin", passphrase=PASSPHRASES["admin"])
        admin = services.sign_in(data_dir=data_dir, user="admin", passphrase=PASSPHRASES["admin"])
        try:
            for user, role in (("ana", "agent"), ("sofia", "supervisor")):
                services.add_user(session=admin, name=user, role=role, passphrase=PASSPHRASES[user])
            self.code = admin.identity.code
        finally:
            admin.close()

    def run(self, *args: str, user: str | None = "ana", ok: bool = False, **kwargs: Any) -> CliResult:
        result: CliResult = self.cli("--data-dir", str(self.data_dir), *args, user=user, **kwargs)
        if ok:
            assert result.code == 0, (args, result.stderr)
        return result

    def enrol(self, registry: RunningRegistry, agency: str, facility: str) -> None:
        code = _registry(self.cli, registry, "enrollment-code", "--agency", agency, "--facility", facility)
        self.run("enroll", registry.url, code.json["code"], user="admin", ok=True)

    def sync(self) -> None:
        self.run("sync", ok=True)


def _registry(cli: Any, registry: RunningRegistry, *args: str) -> CliResult:
    result: CliResult = cli("--data-dir", str(registry.data_dir), "registry", *args, "--database-url",
                            registry.database_url)
    assert result.code == 0, (args, result.stderr)
    return result


def _person(shown: dict[str, Any], band: str) -> dict[str, Any]:
    return next(p for p in shown["people"] if p["band"] == band)


def test_three_agencies_replay_the_story_and_the_registry_board_shows_what_is_left(
        cli: Any, registry: RunningRegistry, tmp_path: Path) -> None:
    border, ice, shelter = (Station(cli, tmp_path / name, name) for name in ("Border", "Detention", "Shelter"))
    border.enrol(registry, "cbp", "Lukeville port (invented)")
    ice.enrol(registry, "ice", "Florence detention centre (invented)")
    for station in (ice, border):
        station.sync()  # the partners synced before anything happens (the shelter is not enrolled yet)

    first = border.run("family", "add", "-", stdin=FIRST, ok=True).json["families"][0]
    second = border.run("family", "add", "-", stdin=SECOND, ok=True).json["families"][0]
    mother, ana, baby = (p["band"] for p in first["people"])
    father, luis = (p["band"] for p in second["people"])
    for kid in (ana, baby):
        border.run("separate", kid, mother, "--reason", "mother taken to detention", ok=True)
    # Offline (no sync until later), and to a shelter that is not enrolled yet: the registry keeps the grant.
    border.run("custody", "transfer", mother, "--to", "station", "--station", ice.code, "--reason",
               "detention order (invented)", ok=True)
    for kid in (ana, baby, luis):
        border.run("custody", "transfer", kid, "--to", "station", "--station", shelter.code, "--reference",
                   "UAC-2026-0042", "--reason", "placement order (invented)", ok=True)
    border.run("custody", "transfer", father, "--to", "station", "--station", ice.code, "--reason",
               "detention order (invented)", ok=True)  # no separation recorded: the 2018 failure
    border.sync()
    shelter.enrol(registry, "hhs_orr", "ORR shelter, Brownsville (invented)")
    for station in (shelter, ice):
        station.sync()

    photo = tmp_path / "baby-at-arrival.png"
    Image.new("RGB", (64, 48), (200, 80, 40)).save(photo)  # invented: colours, no person
    payload = {band: border.run("band", "payload", band, ok=True).json["payload"] for band in (ana, baby, luis)}
    refused = shelter.run("custody", "arrive", "--", payload[baby])
    assert refused.code == 2 and "fresh photo" in refused.stderr
    shelter.run("custody", "arrive", "--photo", str(photo), "--", payload[baby], ok=True)
    for kid in (ana, luis):
        shelter.run("custody", "arrive", "--", payload[kid], ok=True)
    for adult_band in (mother, father):
        ice.run("custody", "arrive", adult_band, ok=True)
    for station in (shelter, ice, shelter):
        station.sync()

    # The shelter scans Ana's band and sees where her mother is now.
    shown = shelter.run("family", "show", ana, ok=True).json
    where = _person(shown, mother)["custody"]
    assert (where["location"], where["station"], where["agency"], where["receiving_party"]) == \
        ("station", ice.code, "ice", "Florence detention centre (invented)")
    assert where["in_transit"] is False
    shelter.run("contact", ana, mother, "--kind", "call", ok=True)
    # The mother is released to the shelter for a family placement: the shelter reunites Ana with her.
    ice.run("custody", "transfer", mother, "--to", "station", "--station", shelter.code, "--reason",
            "released for family placement (invented)", ok=True)
    ice.sync()
    shelter.sync()
    shelter.run("custody", "arrive", mother, ok=True)
    shelter.run("reunite", ana, mother, "--reason", "mother and daughter placed together", ok=True)
    for station in (shelter, ice, border):
        station.sync()

    board = _registry(cli, registry, "reunification").json
    pairs = {(entry["child"]["band"], adult_row["band"]): (entry, adult_row)
             for entry in board["children"] for adult_row in entry["adults"]}
    assert set(pairs) == {(baby, mother), (luis, father)}, "exactly the pairs still apart"
    baby_entry, baby_mother = pairs[(baby, mother)]
    assert baby_mother["link_state"] == "separated" and baby_mother["deadline"] is not None
    assert baby_entry["child"]["custody"]["agency"] == "hhs_orr"
    separated = baby_mother["separated_at"]
    assert baby_mother["deadline"] > separated and baby_entry["overdue"] is False
    luis_entry, luis_father = pairs[(luis, father)]
    assert luis_father["separated_at"] is None
    assert [a["code"] for a in luis_entry["alerts"]] == ["custody_diverged"]
    assert luis_father["custody"]["agency"] == "ice" and luis_entry["child"]["custody"]["agency"] == "hhs_orr"
    # Every station's own board agrees for the families it holds.
    shelter_board = shelter.run("reunification", ok=True).json
    assert {e["child"]["band"] for e in shelter_board["children"]} == {baby, luis}
    assert json.dumps(board["policy"]) == json.dumps(shelter_board["policy"])
