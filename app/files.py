"""Files written safely: private modes from the first byte, temp file, fsync, atomic replace."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def restrict_umask() -> int:
    """Make everything this process creates private to its user; returns the previous umask."""
    return os.umask(0o077)


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A fresh temporary file beside ``path`` to fill in the block, private from the first byte, under a
    random name opened with O_EXCL|O_NOFOLLOW (nobody can have planted it); once the block is done it
    is synced and renamed over ``path``, so that a crash leaves either the old or the new file, never
    half (a link planted at ``path`` is replaced, not written through). On an error it is removed."""
    tmp = path.with_name(f".{path.name}.tmp-{os.urandom(8).hex()}")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE_MODE))
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (``replacing``)."""
    with replacing(path) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SymlinkTarget(Exception):
    """An output file's path is a symbolic link: refused, whoever planted it."""


def write_private_file(path: Path, data: bytes) -> None:
    """Write a file the user asked for (an export, a board) with ``atomic_write``; a ``path`` that is a
    symbolic link is refused (``SymlinkTarget``) and left as it is."""
    if path.is_symlink():
        raise SymlinkTarget(f"{path} is a symbolic link; write to a plain file name")
    atomic_write(path, data)
