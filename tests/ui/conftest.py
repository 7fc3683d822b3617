"""UI test fixtures: error boxes recorded instead of shown, and the worker drained after each test."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.ui import messages, worker


@pytest.fixture(autouse=True)
def error_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Every message box the app would show, as (title, text). A test that expects one empties the
    list; one left over fails the test."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, text: shown.append((title, text)))
    yield shown
    worker.wait_for_idle()
    assert shown == [], f"unexpected message boxes: {shown}"


@pytest.fixture(autouse=True)
def drained_worker(qapp: object) -> Iterator[None]:
    yield
    assert worker.wait_for_idle(), "an operation was still running at the end of the test"


@pytest.fixture
def private_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of the test's own (Python's and Qt's), to search afterwards for what leaked."""
    folder = tmp_path_factory.mktemp("tmpdir")
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
