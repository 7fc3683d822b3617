"""Issue 15 as an attacker or a clumsy hand tries it on the command line (findings 7, 8 and 10): a
damaged or replaced store, JSON that the standard library takes silently, a scanned payload that
begins with "-", bytes that are not UTF-8, a name kept out of the shell's history, output files
through planted symbolic links. Every one is an answer (exit 2 naming what is wrong, nothing
changed), never a crash (exit 70).

Most run ``app.cli.main`` in this process (the same exit code and messages as the real process,
without a second of start-up each); the real ``kinlink`` process only where the operating system's
argv is the point."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import services
from app.bands.payload import TEXT_LENGTH
from app.cli import build_parser, main
from app.store import paths
from tests.conftest import ADMIN, AGENT, PASSPHRASES, SUPERVISOR, CliResult, kinlink_executable

Run = Callable[..., CliResult]


@pytest.fixture
def kinlink(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``kinlink ARGS`` in this process: the exit code main() returns, stdout and stderr."""

    def run(*args: str, user: str | None = None, stdin: bytes = b"") -> CliResult:
        for name in [n for n in os.environ if n.startswith("KINLINK_")]:
            monkeypatch.delenv(name)
        monkeypatch.setenv("KINLINK_DATA_DIR", str(data_dir))
        if user is not None:
            monkeypatch.setenv("KINLINK_USER", user)
            monkeypatch.setenv("KINLINK_PASSPHRASE", PASSPHRASES[user])
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse: --help, usage errors
            code = int(exit_.code or 0)
        said = capsys.readouterr()
        return CliResult(code, said.out, said.err)

    return run


def _files(directory: Path) -> dict[str, bytes]:
    """The store, its key slots and whatever lies beside them (not the logon counts: a sign-in's)."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file() and p.name != "logon-state.json"}


# -- finding 8: a damaged store is named, with what to do (exit 2), not a wrong key (3) or a crash (70)

def _empty(store: Path) -> None:
    store.write_bytes(b"")


def _truncated(store: Path) -> None:
    with open(store, "r+b") as handle:
        handle.truncate(store.stat().st_size // 2)


def _random(store: Path) -> None:
    store.write_bytes(os.urandom(store.stat().st_size))


def _folder(store: Path) -> None:
    store.unlink()
    store.mkdir()


@pytest.mark.parametrize("damage", [_empty, _truncated, _random, _folder],
                         ids=["empty", "truncated", "random-bytes", "a-folder"])
def test_a_damaged_store_says_which_file_and_what_to_do(kinlink: Run, station: Path,
                                                        damage: Callable[[Path], None]) -> None:
    store = paths.store_path(station)
    damage(store)
    (station / f"{store.name}.before-v13").write_bytes(b"an older copy")
    before = _files(station)
    done = kinlink("user", "list", user=ADMIN)
    assert done.code == 2, done.stderr
    assert f"the station store {store} is damaged or was replaced" in done.stderr
    assert "from a backup" in done.stderr and f"{store.name}.before-v13" in done.stderr
    assert "cannot be opened with this key" not in done.stderr and done.stdout == ""
    assert _files(station) == before, "the damaged store (and everything beside it) is left as it was"


# -- finding 8: JSON taken silently (a key twice, NaN) or crashing (huge numbers, \ud800) is refused

DOCUMENTS = {
    "key-twice": (b'"given_names": "Mar\\u00eda Jos\\u00e9",', b'"given_names": "Mar\\u00eda Jos\\u00e9", '
                  b'"given_names": "Eve",', "has the key 'given_names' twice"),
    "nan": (b'"age_estimate_years": 1', b'"age_estimate_years": NaN', "holds NaN, which is not a number JSON has"),
    "1e999": (b'"age_estimate_years": 1', b'"age_estimate_years": 1e999', "holds the number 1e999, too large"),
    "5001-digits": (b'"age_estimate_years": 1', b'"age_estimate_years": ' + b"1" * 5001, "of 5,001 digits"),
    "lone-surrogate": (b'"red cap', b'"\\ud800red cap', "half a character"),
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_an_encounter_document_with_json_python_takes_silently_is_refused(
        kinlink: Run, agent: services.Session, example_document: bytes, name: str) -> None:
    old, new, said = DOCUMENTS[name]
    document = example_document.replace("María José".encode(), b"Mar\\u00eda Jos\\u00e9")
    assert document.count(old) == 1
    done = kinlink("family", "add", "-", user=AGENT, stdin=document.replace(old, new))
    assert done.code == 2, done.stderr
    assert "kinlink: document: " in done.stderr and said in done.stderr
    assert services.search(session=agent, text="garcia")["people"] == [], "nothing was registered"


def test_a_value_station_key_or_policy_with_a_key_twice_or_nan_is_refused(
        kinlink: Run, agent: services.Session, example_document: bytes, tmp_path: Path) -> None:
    mother = services.register_family(session=agent, document=example_document)["families"][0]["people"][0]["band"]
    for field, value, said in (("languages", '{"es": 1, "es": 2}', "has the key 'es' twice"),
                               ("age_estimate_years", "NaN", "holds NaN"),
                               ("age_estimate_years", "1" * 5001, "of 5,001 digits")):
        done = kinlink("correct", mother, "--field", field, "--value", value, "--reason", "typo", user=SUPERVISOR)
        assert done.code == 2 and f"--value for {field} must be JSON" in done.stderr and said in done.stderr
    person = services.show_family(session=agent, ident=mother)["people"][0]
    assert person["languages"] == ["es", "quc"] and person["given_names"] == "María José"
    key = tmp_path / "station-key.json"
    key.write_text('{"station": "ABCDE", "station": "FGHIJ", "public_key": ""}')
    done = kinlink("station", "trust", str(key), user=ADMIN)
    assert done.code == 2 and "station key: has the key 'station' twice" in done.stderr
    policy = tmp_path / "policy.json"
    policy.write_text('{"under_5_days": 14, "other_days": 30, "contact_days": 10, "under_5_days": 2}')
    done = kinlink("--data-dir", str(tmp_path / "registry"), "registry", "policy", "set", str(policy))
    assert done.code == 2 and "has the key 'under_5_days' twice" in done.stderr and "unchanged" in done.stderr


# -- finding 8: a scanned payload may begin with "-" (a Base45 character)

def test_a_payload_beginning_with_a_dash_is_a_payload_in_the_real_process(cli: Any, station: Path) -> None:
    scanned = "-" + "A" * (TEXT_LENGTH - 1)
    done = cli("band", "verify", scanned, user=AGENT)
    assert done.code == 1, done.stderr  # checked (and not a band), where it was a usage error (exit 2)
    assert "not a valid band" in done.stderr and done.json["bands"][0]["problem"] == "malformed"


def test_payloads_beginning_with_a_dash_wherever_a_scan_is_taken() -> None:
    scanned = "-" + "a" * (TEXT_LENGTH - 1)  # lower case: a scanner with Caps Lock on
    parser = build_parser()
    assert parser.parse_args(["band", "verify", "X", scanned]).payloads == ["X", scanned]
    assert parser.parse_args(["custody", "arrive", scanned, "--photo", "b.jpg"]).person == scanned
    assert parser.parse_args(["sync", "--follow", scanned, scanned]).follow == [scanned, scanned]
    with pytest.raises(SystemExit) as usage:
        parser.parse_args(["band", "verify", "--frobnicate"])  # an option that is no payload stays an error
    assert usage.value.code == 2


def test_an_argument_that_is_not_utf8_is_exit_2_not_a_crash(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINLINK_")} | {
        "KINLINK_DATA_DIR": str(data_dir), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}
    done = subprocess.run([kinlink_executable(), "search", b"Garc\xeda"], capture_output=True, env=env, check=False)
    assert done.returncode == 2, done.stderr
    assert b"argument 2 is not UTF-8 text" in done.stderr and b"Traceback" not in done.stderr


# -- finding 10: a name searched for stays out of the shell's history and the process list

def test_search_reads_the_name_from_stdin(kinlink: Run, agent: services.Session, example_document: bytes) -> None:
    services.register_family(session=agent, document=example_document)
    found = kinlink("search", "-", user=AGENT, stdin="garcía\n".encode())
    assert found.code == 0, found.stderr
    assert found.json["query"] == "garcía" and [p["given_names"] for p in found.json["people"]] == ["María José"]
    too_long = kinlink("search", "-", user=AGENT, stdin=b"a" * 1001)
    assert too_long.code == 2 and "more than 1,000 characters on stdin" in too_long.stderr
    helped = kinlink("search", "--help")
    assert helped.code == 0 and "- reads it from stdin" in " ".join(helped.stdout.split())


# -- finding 7: no command writes a file the user named through a link someone planted there

OUTPUTS: dict[str, tuple[str | None, Callable[[str, Path], list[str]], str]] = {
    "band render zpl": (AGENT, lambda band, out: ["band", "render", band, "--format", "zpl", "-o", str(out)],
                        "is a symbolic link"),
    "band render png": (AGENT, lambda band, out: ["band", "render", band, "--format", "png", "-o", str(out)],
                        "is a symbolic link"),
    "reunification": (AGENT, lambda _, out: ["reunification", "--format", "csv", "-o", str(out)],
                      "is a symbolic link"),
    "registry reunification": (None, lambda _, out: ["--data-dir", str(out.parent.parent / "registry"), "registry",
                                                     "reunification", "--format", "csv", "-o", str(out)],
                               "is a symbolic link"),
    "audit export": (SUPERVISOR, lambda _, out: ["audit", "export", str(out)], "is a symbolic link"),
    "recovery-key new": (None, lambda _, out: ["recovery-key", "new", "--out", str(out)], "already exists"),
}


@pytest.mark.parametrize("command", list(OUTPUTS))
def test_an_output_file_through_a_planted_link_is_refused(kinlink: Run, agent: services.Session,
                                                          example_document: bytes, tmp_path: Path,
                                                          command: str) -> None:
    user, argv, said = OUTPUTS[command]
    band = services.register_family(session=agent, document=example_document)["families"][0]["people"][0]["band"]
    owned = tmp_path / "planter" / "notes.txt"
    owned.parent.mkdir()
    owned.write_bytes(b"the planter's own file\n")
    shared = tmp_path / "shared"
    shared.mkdir()
    link = shared / "out.file"
    link.symlink_to(owned)
    done = kinlink(*argv(band, link), user=user)
    assert done.code == 2, done.stderr
    assert f"{link} {said}" in done.stderr
    assert owned.read_bytes() == b"the planter's own file\n", "nothing was written through the link"
    assert link.is_symlink() and os.readlink(link) == str(owned), "the planted link is left as it was"
    assert sorted(p.name for p in shared.iterdir()) == ["out.file"], "no temporary file left behind"


def test_audit_list_user_filters_and_does_not_sign_in_as_that_user(kinlink: Run, station: Path) -> None:
    """``audit list --user`` shared its name with the global ``--user``: a supervisor filtering by an
    agent signed in as the agent, with the supervisor's passphrase (a failed logon counted against
    the agent, five of them a lock)."""
    done = kinlink("audit", "list", "--user", ADMIN, user=SUPERVISOR)
    assert done.code == 0, done.stderr
    assert done.json["records"] and {r["user"] for r in done.json["records"]} == {ADMIN}
    assert ADMIN not in (station / "logon-state.json").read_text(), "no failed logon counted against the admin"


def test_a_sequence_number_past_sqlite_integers_is_bad_input(kinlink: Run, tmp_path: Path) -> None:
    done = kinlink("--data-dir", str(tmp_path / "registry"), "registry", "audit", "list", "--after", "9" * 30)
    assert done.code == 2, done.stderr  # was an OverflowError: exit 70
    assert "--after a sequence number, 0 or more" in done.stderr


def test_a_recovery_key_file_that_is_no_key_is_bad_input(kinlink: Run, station: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "not-a-key.pub"
    garbage.write_text("garbage\n")
    slots = paths.keyslot_path(station).read_bytes()
    done = kinlink("recovery-key", "set", str(garbage), user=ADMIN)
    assert done.code == 2, done.stderr  # was 3, as if a key had been refused
    assert "not a base64 X25519 key" in done.stderr
    assert paths.keyslot_path(station).read_bytes() == slots, "no recovery slot was written"


def test_a_folder_planted_at_the_sign_in_lock_file_is_named_not_a_crash(kinlink: Run, station: Path) -> None:
    (station / "logon-state.lock").unlink(missing_ok=True)
    (station / "logon-state.lock").mkdir()
    done = kinlink("user", "list", user=ADMIN)
    assert done.code == 2, done.stderr
    assert "logon-state.lock" in done.stderr and "something went wrong" not in done.stderr
