"""`kinlink backup FILE` and `kinlink restore FILE [--replace [--yes]]` (issue 18): exit codes, the
confirmation on a terminal, and the answers. They run ``app.cli.main`` in this process (the real
process's code, exit codes and messages, without its start-up time); the stores and files are real."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app import services
from app.cli import main
from tests.conftest import ADMIN, AGENT, PASSPHRASES, CliResult

Run = Callable[..., CliResult]


class _Terminal(io.StringIO):
    """What someone types at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def kinlink(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``kinlink ARGS`` in this process; ``typed``: stdin is a terminal where this is typed."""

    def run(*args: str, user: str | None = None, typed: str | None = None) -> CliResult:
        for name in [n for n in os.environ if n.startswith("KINLINK_")]:
            monkeypatch.delenv(name)
        monkeypatch.setenv("KINLINK_DATA_DIR", str(data_dir))
        if user is not None:
            monkeypatch.setenv("KINLINK_USER", user)
            monkeypatch.setenv("KINLINK_PASSPHRASE", PASSPHRASES[user])
        monkeypatch.setattr(sys, "stdin", _Terminal(typed) if typed is not None else io.StringIO(""))
        capsys.readouterr()
        code = main(list(args))
        said = capsys.readouterr()
        return CliResult(code, said.out, said.err)

    return run


def test_backup_and_restore_through_the_command_line(kinlink: Run, agent: services.Session, station: Path,
                                                     example_document: bytes, tmp_path: Path) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    agent.close()
    out = tmp_path / "backups" / "station.kinlink"
    out.parent.mkdir()
    assert kinlink("backup", str(out), user=AGENT).code == 3, "admins only"
    done = kinlink("backup", str(out), user=ADMIN)
    assert done.code == 0, done.stderr
    answer = done.json
    assert (answer["file"], answer["families"], out.stat().st_mode & 0o777) == (str(out), 1, 0o600)

    new = tmp_path / "new station"
    done = kinlink("--data-dir", str(new), "restore", str(out))
    assert done.code == 0, done.stderr
    assert (done.json["station"], done.json["kept_aside"]) == (answer["station"], [])
    restored = services.sign_in(data_dir=new, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        assert services.show_family(session=restored, ident=family["id"])["number"] == family["number"]
    finally:
        restored.close()


def test_what_the_command_line_refuses(kinlink: Run, station: Path, tmp_path: Path) -> None:
    out = tmp_path / "station.kinlink"
    owned = tmp_path / "owned.txt"
    owned.write_text("someone's\n")
    (tmp_path / "link.kinlink").symlink_to(owned)
    done = kinlink("backup", str(tmp_path / "link.kinlink"), user=ADMIN)
    assert done.code == 2 and "is a symbolic link" in done.stderr and owned.read_text() == "someone's\n"
    done = kinlink("backup", str(tmp_path / "no such folder" / "b.kinlink"), user=ADMIN)
    assert done.code == 2 and "cannot write" in done.stderr
    assert kinlink("backup", str(out), user=ADMIN).code == 0

    done = kinlink("restore", str(out))
    assert done.code == 2 and "--replace" in done.stderr, "a store is there"
    done = kinlink("restore", str(out), "--replace")
    assert done.code == 2 and "needs confirmation" in done.stderr and "--yes" in done.stderr, "no terminal"
    assert not list(station.glob("*before-restore*"))
    damaged = tmp_path / "damaged.kinlink"
    damaged.write_bytes(out.read_bytes()[:20_000])
    done = kinlink("--data-dir", str(tmp_path / "new"), "restore", str(damaged))
    assert done.code == 2 and f"{damaged} is not a Kinlink backup, or it is damaged or cut short" in done.stderr
    done = kinlink("--data-dir", str(tmp_path / "new"), "restore", str(tmp_path / "nothing.kinlink"))
    assert done.code == 2 and "there is no file" in done.stderr


def test_replacing_asks_for_the_station_code_on_a_terminal(kinlink: Run, station: Path, tmp_path: Path) -> None:
    out = tmp_path / "station.kinlink"
    code = kinlink("backup", str(out), user=ADMIN).json["station"]
    done = kinlink("restore", str(out), "--replace", typed="WRONG\n")
    assert done.code == 2 and f"the code typed is not {code}" in done.stderr
    assert f"Type the station code {code} to go on" in done.stderr and done.stdout == ""
    assert not list(station.glob("*before-restore*")), "nothing changed"
    done = kinlink("restore", str(out), "--replace", typed=f"{code.lower()}\n")
    assert done.code == 0, done.stderr
    assert len(done.json["kept_aside"]) == 2 and json.loads(done.stdout)["replaces"] == done.json["store_id"]
    done = kinlink("restore", str(out), "--replace", "--yes")  # for scripts
    assert done.code == 0 and len(list(station.glob("station.db.before-restore-*"))) == 2
