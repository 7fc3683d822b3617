"""The real ``kinlink`` process: enrol, sync, and the registry's own commands, with their exit codes
(0 done, 1 sync could not finish, 2 bad input, 3 refused)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import services
from tests.conftest import ADMIN, AGENT, SUPERVISOR, CliResult
from tests.syncing import RunningRegistry

pytestmark = pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)


def _registry_cli(cli: Any, registry: RunningRegistry, *args: str) -> CliResult:
    result: CliResult = cli("--data-dir", str(registry.data_dir), "registry", *args, "--database-url",
                            registry.database_url)
    return result


def test_enrol_sync_and_read_the_family_at_the_registry(cli: Any, station: Path, registry: RunningRegistry,
                                                        example_document: bytes) -> None:
    code = _registry_cli(cli, registry, "enrollment-code")
    assert code.code == 0 and len(code.json["code"]) == 19
    not_yet = cli("sync", user=AGENT)
    assert not_yet.code == 2 and "not enrolled" in not_yet.stderr
    assert cli("enroll", registry.url, code.json["code"], user=AGENT).code == 3, "enrolment is an admin's"
    enrolled = cli("enroll", registry.url, code.json["code"], user=ADMIN)
    assert enrolled.code == 0, enrolled.stderr
    assert enrolled.json["registry"] == "Kinlink registry"
    band = cli("family", "add", "-", user=AGENT, stdin=example_document).json["families"][0]["people"][0]["band"]
    synced = cli("sync", user=AGENT)
    assert synced.code == 0 and synced.json["pushed"] == 9 and synced.json["pending"] == 0
    shown = _registry_cli(cli, registry, "show", band)
    assert shown.code == 0 and shown.json["people"][0]["given_names"] == "María José"
    assert shown.json["conflicts"] == []
    stations = _registry_cli(cli, registry, "stations")
    assert [s["station"] for s in stations.json["stations"]] == [band.split("-")[0]]
    status = cli("sync-status", user=AGENT)
    assert status.code == 0 and status.json["last_error"] is None and status.json["pending"] == 0


def test_a_station_enrolled_for_an_agency_and_set_again_by_the_operator(
        cli: Any, station: Path, registry: RunningRegistry, example_document: bytes) -> None:
    code = _registry_cli(cli, registry, "enrollment-code", "--agency", "hhs_orr", "--facility",
                         "ORR shelter, Brownsville (invented)")
    assert code.code == 0 and (code.json["agency"], code.json["oversight"]) == ("hhs_orr", False)
    assert _registry_cli(cli, registry, "enrollment-code", "--agency", "dhs").code == 2
    enrolled = cli("enroll", registry.url, code.json["code"], user=ADMIN)
    assert enrolled.code == 0 and (enrolled.json["agency"], enrolled.json["facility"]) == \
        ("hhs_orr", "ORR shelter, Brownsville (invented)"), enrolled.stderr
    me = enrolled.json["station"]
    unset = _registry_cli(cli, registry, "stations", "set", me)
    assert unset.code == 2 and "say what to set" in unset.stderr
    unknown = _registry_cli(cli, registry, "stations", "set", "ZZZZZ", "--agency", "ice")
    assert unknown.code == 2 and "no station 'ZZZZZ' is enrolled here" in unknown.stderr
    moved = _registry_cli(cli, registry, "stations", "set", me, "--agency", "ice", "--facility", "ICE Florence",
                          "--oversight")
    assert moved.code == 0 and moved.json == {"station": me, "agency": "ice", "facility": "ICE Florence",
                                              "oversight": True}, moved.stderr
    [listed] = _registry_cli(cli, registry, "stations").json["stations"]
    assert (listed["agency"], listed["facility"], listed["oversight"]) == ("ice", "ICE Florence", True)
    assert cli("sync", user=AGENT).code == 0  # the station learns what it is now
    family = cli("family", "add", "-", user=AGENT, stdin=example_document).json["families"][0]["id"]
    custody = cli("family", "show", family, user=AGENT).json["people"][0]["custody"]
    assert (custody["agency"], custody["receiving_party"], custody["writer_agency"]) == ("ice", "ICE Florence", "ice")


def test_refusals_and_failures_have_their_exit_codes(cli: Any, station: Path, registry: RunningRegistry) -> None:
    used = _registry_cli(cli, registry, "enrollment-code").json["code"]
    assert cli("enroll", registry.url, used, user=ADMIN).code == 0
    again = cli("enroll", registry.url, used, user=ADMIN)
    assert again.code == 0, "the same station repeating its enrolment with its code is harmless"
    assert cli("enroll", registry.url, "nonsense", user=ADMIN).code == 2
    unknown = _registry_cli(cli, registry, "show", "ZZZZZ-2222-2")
    assert unknown.code == 2 and "holds no band" in unknown.stderr
    station_code = _registry_cli(cli, registry, "stations").json["stations"][0]["station"]
    no_reason = _registry_cli(cli, registry, "revoke", station_code, "--reason", " ")
    assert no_reason.code == 2 and "say why" in no_reason.stderr
    assert _registry_cli(cli, registry, "revoke", station_code, "--reason", "decommissioned").code == 0
    revoked = cli("sync", user=AGENT)
    assert revoked.code == 3 and "decommissioned" in revoked.stderr
    registry.stop()
    down = cli("sync", user=AGENT)
    assert down.code == 1 and "cannot be reached" in down.stderr
    assert down.json["failures"] == 2 and down.json["retry_after"]
    bad_url = cli("--data-dir", str(registry.data_dir), "registry", "stations", "--database-url",
                  "nosuch://operator:s3cret@db/registry")
    assert bad_url.code == 2 and "not one the registry can use" in bad_url.stderr
    assert "s3cret" not in bad_url.stderr, "a password in the URL is never echoed"


def test_serve_refuses_what_it_cannot_use_before_it_says_it_listens(cli: Any, registry: RunningRegistry,
                                                                    tmp_path: Path) -> None:
    taken = _registry_cli(cli, registry, "serve", "--port", str(registry.port))
    assert taken.code == 2 and f"cannot listen on 127.0.0.1:{registry.port}" in taken.stderr
    assert "listening" not in taken.stderr
    missing = _registry_cli(cli, registry, "serve", "--port", "0", "--certfile", str(tmp_path / "none.pem"),
                            "--keyfile", str(tmp_path / "none.key"))
    assert missing.code == 2 and "does not exist" in missing.stderr
    half = _registry_cli(cli, registry, "serve", "--certfile", str(tmp_path / "none.pem"))
    assert half.code == 2 and "both --certfile and --keyfile" in half.stderr


def test_conflicts_listed_and_resolved_from_the_command_line(cli: Any, station: Path, registry: RunningRegistry,
                                                            make_station: Any, example_document: bytes) -> None:
    code = _registry_cli(cli, registry, "enrollment-code").json["code"]
    assert cli("enroll", registry.url, code, user=ADMIN).code == 0
    people = cli("family", "add", "-", user=AGENT, stdin=example_document).json["families"][0]["people"]
    band, person = people[0]["band"], people[0]["id"]
    assert cli("sync", user=AGENT).code == 0
    other = make_station("Other")
    other.sync(follow=[cli("band", "payload", band, user=AGENT).json["payload"]])
    services.correct_person(session=other.supervisor, person=person, field="given_names", value="María Josefa",
                            reason="her passport")
    assert cli("correct", band, "--field", "given_names", "--value", "Majo", "--reason", "what she is called",
               user=SUPERVISOR).code == 0
    other.sync()
    assert cli("sync", user=AGENT).code == 0
    listed = cli("conflicts", user=SUPERVISOR)
    assert listed.code == 0, listed.stderr
    (conflict,) = listed.json["conflicts"]
    assert (conflict["entity_id"], conflict["field"]) == (person, "given_names")
    assert sorted(w["value"] for w in conflict["writes"]) == ["Majo", "María Josefa"]
    assert cli("conflicts", user=AGENT).code == 3, "supervisors resolve conflicts"
    both = cli("resolve", person, "--field", "given_names", "--keep", "x", "--value", "y", user=SUPERVISOR)
    assert both.code == 2 and "not allowed with argument" in both.stderr
    no_reason = cli("resolve", person, "--field", "given_names", "--value", "María José", user=SUPERVISOR)
    assert no_reason.code == 2 and "a new value needs a reason" in no_reason.stderr
    resolved = cli("resolve", person, "--field", "given_names", "--value", "María José", "--reason",
                   "both were nicknames; her documents say María José", user=SUPERVISOR)
    assert resolved.code == 0, resolved.stderr
    assert resolved.json["value"] == "María José" and len(resolved.json["resolves"]) == 2
    assert cli("conflicts", user=SUPERVISOR).json["conflicts"] == []
    assert cli("sync", user=AGENT).code == 0
    other.sync()
    assert services.list_conflicts(session=other.supervisor)["conflicts"] == []
    assert other.show(band)["people"][0]["given_names"] == "María José"


def test_following_a_family_from_the_command_line(cli: Any, station: Path, registry: RunningRegistry,
                                                  make_station: Any, example_document: bytes) -> None:
    """A scan (the band's signed payload, on the command line or stdin) follows a unit; a bare number
    is not a scan (exit 2, naming --follow-number); a lost band needs a reason; the operator sees
    each follow by number and every holding."""
    code = _registry_cli(cli, registry, "enrollment-code").json["code"]
    assert cli("enroll", registry.url, code, user=ADMIN).code == 0
    other = make_station("Other")
    band = other.register(example_document)["families"][0]["people"][0]["band"]
    other.sync()
    bare = cli("sync", "--follow", band, user=AGENT)
    assert bare.code == 2 and "--follow-number" in bare.stderr and "nothing was changed" in bare.stderr
    no_reason = cli("sync", "--follow-number", band, user=AGENT)
    assert no_reason.code == 2 and "--reason" in no_reason.stderr
    assert cli("sync", "--reason", "lost", user=AGENT).code == 2
    assert cli("sync-status", user=AGENT).json["follows_waiting"] == 0, "refused before anything was kept"
    scanned = cli("sync", "--follow", "-", user=AGENT, stdin=other.payload(band).encode() + b"\n")
    assert scanned.code == 0, scanned.stderr
    assert scanned.json["pulled"] == 9 and list(scanned.json["followed"]) == [band]
    assert cli("family", "show", band, user=AGENT).json["people"][0]["given_names"] == "María José"
    second = other.register(example_document)["families"][0]["people"][1]["band"]
    other.sync()
    lost = cli("sync", "--follow-number", second, "--reason", "band cut off at the clinic", user=AGENT)
    assert lost.code == 0 and list(lost.json["followed"]) == [second]
    follows = _registry_cli(cli, registry, "follows").json["follows"]
    assert [(f["band"], f["reason"]) for f in follows] == [(second, "band cut off at the clinic")]
    mine = cli("station", "key", user=AGENT).json["station"]
    held = _registry_cli(cli, registry, "holdings", mine).json["holdings"]
    assert sorted(h["reason"] for h in held) == ["number", "payload"]
    family = held[0]["family"]
    undone = _registry_cli(cli, registry, "revoke-holding", mine, family, "--reason", "checking")
    assert undone.code == 0 and undone.json["revoked"]
    assert _registry_cli(cli, registry, "revoke-holding", mine, family, "--reason", "again").code == 2
    status = _registry_cli(cli, registry, "status")
    assert status.code == 0 and status.json["stations"] == 2 and status.json["protocol"] == 2


def test_the_supervisors_queue_from_the_command_line(cli: Any, station: Path, registry: RunningRegistry) -> None:
    queue = cli("conflicts", user=SUPERVISOR)
    assert queue.code == 0 and queue.json == {"conflicts": [], "stations": {}, "refused": [], "quarantined": []}
    assert cli("conflicts", user=AGENT).code == 3
    missing = cli("resend", "f" * 32, user=SUPERVISOR)
    assert missing.code == 2 and "no refused transaction" in missing.stderr
    assert cli("withdraw", "f" * 32, user=SUPERVISOR).code == 2, "--reason is required"
    blank = cli("withdraw", "f" * 32, "--reason", " ", user=SUPERVISOR)
    assert blank.code == 2 and "reason" in blank.stderr
