"""What Qt's CUPS printing does behind our back, made safe and visible.

Qt prints to a CUPS queue by writing the whole job as a PDF to a temporary file (libcups'
``cupsTempFd``, in ``$TMPDIR`` or ``/tmp``), handing it to ``cupsPrintFile`` and deleting it; it
ignores the answer. For bands that file holds names in the clear (invariant 4), and a refused job
(a queue that does not accept jobs, or that vanished) would be lost without a word. So:

- :func:`private_spool` points ``$TMPDIR`` at a fresh folder of ours, mode 0700, in memory (a
  tmpfs: ``$XDG_RUNTIME_DIR`` or ``/dev/shm``), for the length of the job, and removes it after;
- :func:`cups_failure` reads libcups' own last error for this thread after the job (Qt's call
  to ``cupsPrintFile`` runs in the thread that ends the painting) and returns it in words.

The copy that the CUPS scheduler keeps in its spool belongs to the system (see docs/bands.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

_MEMORY_FILESYSTEMS = {"tmpfs", "ramfs"}
_IPP_ERRORS_FROM = 0x0400  # ipp_status_t: below are successes and informational answers


def _mounts() -> list[tuple[str, str]]:
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return []
    return [(parts[1], parts[2]) for parts in (line.split() for line in lines) if len(parts) > 2]


def in_memory(path: Path) -> bool:
    """Whether ``path`` lies on a memory file system (its deepest mount point is tmpfs or ramfs)."""
    resolved, best, kind = str(path.resolve()), "", ""
    for mount, fstype in _mounts():
        inside = resolved == mount or resolved.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, kind = mount, fstype
    return kind in _MEMORY_FILESYSTEMS


def memory_folder() -> Path | None:
    """A writable folder in memory for this user, or None when there is none."""
    for candidate in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):
        if candidate and os.access(candidate, os.W_OK) and in_memory(Path(candidate)):
            return Path(candidate)
    return None


@contextmanager
def private_spool() -> Iterator[Path | None]:
    """Within the block, temporary files that libcups makes for Qt go to a private folder in memory
    (None when this system has no memory file system: then they go where they always would)."""
    base = memory_folder()
    if base is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="kinlink-print-", dir=base))  # mode 0700
    previous = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = previous
        shutil.rmtree(folder, ignore_errors=True)


@cache
def _libcups() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("cups")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.cupsLastError.restype = ctypes.c_int
    lib.cupsLastErrorString.restype = ctypes.c_char_p
    return lib


def cups_failure() -> str | None:
    """libcups' last error in this thread, in its words, when the last request failed; else None."""
    lib = _libcups()
    if lib is None or lib.cupsLastError() < _IPP_ERRORS_FROM:
        return None
    message = lib.cupsLastErrorString()
    return message.decode("utf-8", "replace") if message else "the print system refused the job"
