"""Where a station keeps its files: ``--data-dir``, ``KINLINK_DATA_DIR`` or the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

STORE_FILE = "station.db"
KEYSLOT_FILE = "keyslots.json"


def default_data_dir() -> Path:
    explicit = os.environ.get("KINLINK_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kinlink"


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILE


def keyslot_path(data_dir: Path) -> Path:
    return data_dir / KEYSLOT_FILE
