"""The bundled program's entry point: the same as the `kinlink` console script (app.cli.entry)."""

from app.cli import entry

entry()
