"""One version, everywhere it is shown: ``app.__version__`` is the package's metadata, what
``kinlink --version`` says and the CHANGELOG's newest release (the Debian package's is checked by
tests/e2e/test_package.py)."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]


def newest_release(changelog: str) -> str:
    match = re.search(r"^## (\d+\.\d+\.\d+)\b", changelog, re.MULTILINE)
    assert match, "the CHANGELOG has no release heading (## X.Y.Z)"
    return match.group(1)


def test_the_package_the_command_and_the_changelog_say_one_version(cli) -> None:  # noqa: ANN001
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert importlib.metadata.version("kinlink") == __version__
    assert newest_release((ROOT / "CHANGELOG.md").read_text(encoding="utf-8")) == __version__
    answer = cli("--version")
    assert answer.code == 0, answer.stderr
    assert answer.stdout.strip() == f"kinlink {__version__} (sync protocol 2)"


def test_a_changelog_without_the_release_heading_is_noticed() -> None:
    assert newest_release("# Changelog\n\n## Unreleased\n\n## 0.2.0 — 2027-01-02\n") == "0.2.0"
    with pytest.raises(AssertionError, match="no release heading"):
        newest_release("# Changelog\n\n## Unreleased\n")
