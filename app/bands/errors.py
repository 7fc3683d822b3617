"""Errors of band output that people see: a printer that did not take a job, a file not written.

Both say in plain words what to check; neither leaves anything half done: the band records are
unchanged and the job can be made again.
"""

from __future__ import annotations


class PrinterError(Exception):
    """A printer that did not take the job; ``str()`` says what to check. Nothing was lost: the job
    can be sent again."""


class OutputError(Exception):
    """A band file that could not be made or written; ``str()`` says why. Nothing was written."""
