"""Errors of output that people see: a printer that did not take a job, a file not written.

Both say in plain words what to check; neither leaves anything half done: the band records are
unchanged and the job can be made again.
"""

from __future__ import annotations

from pathlib import Path

from app.files import SymlinkTarget, write_private_file


class PrinterError(Exception):
    """A printer that did not take the job; ``str()`` says what to check. Nothing was lost: the job
    can be sent again."""


class OutputError(Exception):
    """A file (bands, an export, a sheet) that could not be made or written; ``str()`` says why. Nothing
    was written. ``symlink``: refused because the path is a symbolic link."""

    def __init__(self, message: str, *, symlink: bool = False) -> None:
        super().__init__(message)
        self.symlink = symlink


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user named (``files.write_private_file``: 0600, atomic, a symbolic link there
    refused); OutputError, saying why, when it cannot be: nothing is written then."""
    try:
        write_private_file(path, data)
    except SymlinkTarget as refused:
        raise OutputError(f"{refused}; nothing was written", symlink=True) from None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}; nothing was written") from None
