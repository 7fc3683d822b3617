"""Safe file writes (app/files.py) against someone who can write in the same folder: a link planted
at the target or at the old predictable temporary name is never written through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import bugreport, files


def test_a_link_planted_at_the_target_is_replaced_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"the planter's")
    target = tmp_path / "slots.json"
    target.symlink_to(victim)
    files.atomic_write(target, b"new")
    assert victim.read_bytes() == b"the planter's"
    assert not target.is_symlink() and target.read_bytes() == b"new"
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_a_link_at_the_old_predictable_temporary_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"the planter's")
    target = tmp_path / "slots.json"
    (tmp_path / f".slots.json.tmp-{os.getpid()}").symlink_to(victim)
    files.atomic_write(target, b"new")
    assert victim.read_bytes() == b"the planter's" and target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == [f".slots.json.tmp-{os.getpid()}"]


def test_an_output_file_that_is_a_link_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"the planter's")
    out = tmp_path / "board.csv"
    out.symlink_to(victim)
    with pytest.raises(files.SymlinkTarget, match="symbolic link"):
        files.write_private_file(out, b"names")
    assert out.is_symlink() and victim.read_bytes() == b"the planter's"


def test_the_bug_log_is_not_written_through_a_planted_link(tmp_path: Path) -> None:
    planted = tmp_path / "planters-file"
    planted.write_text("theirs\n")
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "kinlink.log").symlink_to(planted)
    try:
        raise RuntimeError("a bug")
    except RuntimeError as error:
        reference = bugreport.record(error, logs)
    assert reference and planted.read_text() == "theirs\n"
    (logs / "kinlink.log").unlink()
    try:
        raise RuntimeError("another bug")
    except RuntimeError as error:
        reference = bugreport.record(error, logs)
    assert f"reference {reference}: RuntimeError" in (logs / "kinlink.log").read_text()
    assert (logs / "kinlink.log").stat().st_mode & 0o777 == 0o600
