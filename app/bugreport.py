"""Unexpected errors: logged with a trace but without any message text (messages can carry personal
data), under a short reference the user can quote; the user sees "something went wrong"."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import traceback
from pathlib import Path

from app.files import PRIVATE_FILE_MODE, ensure_private_dir


def record(error: BaseException, log_dir: Path) -> str:
    reference = secrets.token_hex(4).upper()
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"{dt.datetime.now(dt.UTC).isoformat()} reference {reference}: {type(error).__qualname__}"]
    lines += [f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames]
    try:
        ensure_private_dir(log_dir)
        # appended to, private, and never through a link planted at its name (that open fails: no log)
        fd = os.open(log_dir / "kinlink.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write("\n".join(lines) + "\n")
    except OSError:
        pass
    return reference
