"""Security through the real `kinlink` process: refusals exit 3, the audit chain, lockout, recovery,
and no personal data anywhere on disk after a full run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from app.store import engine as store_engine
from app.store import keyslots, paths
from tests.conftest import ADMIN, AGENT, PASSPHRASES, SUPERVISOR, adult, child, document, kinlink_executable, link

FORBIDDEN_BY_CLI = [
    (AGENT, ["user", "add", "eve", "--role", "agent"]),
    (AGENT, ["user", "list"]),
    (AGENT, ["user", "release", SUPERVISOR]),
    (AGENT, ["audit", "verify"]),
    (SUPERVISOR, ["user", "disable", AGENT]),
    (SUPERVISOR, ["user", "role", AGENT, "--role", "admin"]),
    (ADMIN, ["search", "garcia"]),
    (ADMIN, ["family", "show", "anything"]),
    (ADMIN, ["family", "add", "-"]),
]


@pytest.mark.parametrize(("user", "args"), FORBIDDEN_BY_CLI,
                         ids=[f"{u}-{' '.join(a[:2])}" for u, a in FORBIDDEN_BY_CLI])
def test_forbidden_commands_exit_3(cli, station: Path, example_document: bytes, user: str, args: list[str]) -> None:  # noqa: ANN001
    done = cli(*args, user=user, new_passphrase="some new passphrase", stdin=example_document)
    assert done.code == 3, done.stderr
    assert "not permitted" in done.stderr
    assert done.stdout == ""


def test_audit_verify_exit_0_then_1_naming_the_record(cli, station: Path) -> None:  # noqa: ANN001
    intact = cli("audit", "verify", user=SUPERVISOR)
    assert intact.code == 0, intact.stderr
    assert intact.json["intact"] is True and intact.json["records"] >= 4
    key = keyslots.load(paths.keyslot_path(station)).unwrap(ADMIN, PASSPHRASES[ADMIN])
    engine = store_engine.open_engine(paths.store_path(station), key)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit SET user = 'someone-else' WHERE seq = 2")
    engine.dispose()
    broken = cli("audit", "verify", user=SUPERVISOR)
    assert broken.code == 1
    assert broken.json["broken_at"] == 2
    assert "broken at record 2" in broken.stderr


def test_lockout_through_the_cli_and_release(cli, station: Path) -> None:  # noqa: ANN001
    for attempt in range(5):
        done = cli("search", "x", user=AGENT, passphrase=f"wrong {attempt}")
        assert done.code == 3
    assert "locked after 5 failed logons" in done.stderr
    assert cli("search", "x", user=AGENT).code == 3, "the right passphrase is refused while locked"
    assert cli("user", "release", AGENT, user=SUPERVISOR).json == {"user": AGENT, "released": True}
    assert cli("search", "x", user=AGENT).code == 0


def test_recovery_through_the_cli(cli, tmp_path: Path) -> None:  # noqa: ANN001
    made = cli("recovery-key", "new", "--out", str(tmp_path / "recovery.pem"))
    assert made.code == 0, made.stderr
    assert (tmp_path / "recovery.pem").stat().st_mode & 0o077 == 0
    public_file = tmp_path / "recovery.pub"
    public_file.write_text(made.json["public_key"])
    assert cli("init", "--station", "North", "--admin", "chief", "--recovery-key", str(public_file),
               new_passphrase="the old chief passphrase").code == 0
    again = cli("recovery-key", "new", "--out", str(tmp_path / "recovery.pem"))
    assert again.code == 2 and "already exists" in again.stderr
    recovered = cli("recover", "--key", str(tmp_path / "recovery.pem"), "--admin", "chief",
                    new_passphrase="the new chief passphrase")
    assert recovered.code == 0, recovered.stderr
    assert cli("user", "list", user="chief", passphrase="the old chief passphrase").code == 3
    assert cli("user", "list", user="chief", passphrase="the new chief passphrase").code == 0


def test_no_invented_name_anywhere_on_disk_after_a_full_run(data_dir: Path, tmp_path: Path) -> None:
    """Run a whole session through the real process with its own HOME, TMPDIR and config dirs,
    then look for the invented names in every file it could have written."""
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINLINK_")}
    env.update(HOME=str(home), TMPDIR=str(tmp), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), KINLINK_DATA_DIR=str(data_dir))

    def run(*args: str, stdin: bytes = b"", **extra: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([kinlink_executable(), *args], input=stdin, capture_output=True,
                              env={**env, **extra}, timeout=60, check=False)

    names = ["Xochiquetzal", "Ixchel-Tzunún", "Quetzalli"]
    doc = document({"people": [adult("a1", given=names[0], family=names[1]), child("c1", given=names[2],
                                                                              family=names[1])],
                    "links": [link("a1", "c1")]})
    boss = {"KINLINK_USER": "boss", "KINLINK_PASSPHRASE": "boss passphrase 1"}
    initialised = run("init", "--station", "Grep", "--admin", "boss", KINLINK_NEW_PASSPHRASE="boss passphrase 1")
    assert initialised.returncode == 0
    assert run("user", "add", "ana", "--role", "agent", KINLINK_NEW_PASSPHRASE="ana passphrase 1",
               **boss).returncode == 0
    ana = {"KINLINK_USER": "ana", "KINLINK_PASSPHRASE": "ana passphrase 1"}
    added = run("family", "add", "-", stdin=doc, **ana)
    assert added.returncode == 0, added.stderr
    band = json.loads(added.stdout)["families"][0]["people"][1]["band"]
    shown = run("family", "show", band, **ana)
    assert names[2].encode() in shown.stdout, "the name is really in the store"
    run("search", names[0].lower(), **ana)
    run("search", "x", KINLINK_USER="ana", KINLINK_PASSPHRASE="wrong passphrase")
    run("family", "add", "-", stdin=doc.replace(b'"a1"', b'"a9"', 1), **ana)  # a refused document

    written = [p for root in (data_dir, home, tmp) for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "station.db" for p in written)
    for path in written:
        content = path.read_bytes()
        for name in names:
            assert name.encode() not in content and name.encode("utf-16-le") not in content, (
                f"{name} found in {path}")
