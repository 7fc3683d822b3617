"""Exports for other agencies' systems: `kinlink export fhir FAMILY|BAND -o FILE [--for TEXT] [--photos]`
(docs/exports.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app import services

from .common import Handlers, with_session


def add(commands: Any) -> None:
    export = commands.add_parser("export", help="a family unit for another agency's system (audited)") \
        .add_subparsers(dest="action", metavar="FORMAT", required=True)
    fhir = export.add_parser("fhir", help="a family unit as a FHIR R4 Bundle: a Patient per person, a Group, a "
                             "RelatedPerson per link, the encounter and custody (docs/exports.md)")
    fhir.add_argument("ident", metavar="FAMILY|BAND", help="the family number or id, or a band number or id of "
                      "anyone in it")
    fhir.add_argument("-o", "--out", type=Path, required=True, metavar="FILE",
                      help="write the bundle to FILE (JSON, mode 0600; a symbolic link there is refused)")
    fhir.add_argument("--for", dest="for_whom", metavar="TEXT", help="who the export is for (kept in the audit "
                      "log, not in the file)")
    fhir.add_argument("--photos", action="store_true", help="include the pre-verbal children's photos "
                      "(Patient.photo); without it no photo leaves the station")


HANDLERS: Handlers = {
    ("export", "fhir"): with_session(lambda s, a: services.export_fhir(
        session=s, ident=a.ident, out=a.out, for_whom=a.for_whom, photos=a.photos)),
}
