"""Printing bands: a family's bands as drawings for any back end, as ZPL (file or printer on TCP
9100), and the audit record of every output. Permission: print bands.

The Qt outputs (PNG, PDF, Qt printers) live in ``app/ui/band_output.py``: they call
:func:`band_job` for the drawings and :func:`record_output` for the audit, as the ZPL use cases
here do. A job is one family unit (or one band of it); its drawings live only in memory.
Audit records carry ids and band numbers, never a name or a file path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from app.bands import zpl, zpl_send
from app.bands.content import BandContent, family_contents, people_without_band
from app.bands.errors import OutputError, PrinterError, write_output
from app.bands.layout import BandDrawing, band_drawing
from app.domain import bandnumber
from app.domain.bands import reason_text
from app.domain.errors import NotFound, ValidationError
from app.security import audit
from app.security.roles import Permission
from app.store import queries

from .answers import FamilyDocument
from .bands import band_payload, printed_before, record_printed
from .session import Session

FORMATS = ("png", "pdf", "zpl")


@dataclass(frozen=True)
class BandJob:
    """The bands of one family unit (or one of them), drawn and ready for a back end."""

    family_id: str
    family_number: str
    drawings: tuple[BandDrawing, ...]
    people: tuple[str, ...]  # person ids, in the order of the drawings
    without_band: tuple[str, ...]  # person ids with no issued band: not in this job

    @property
    def title(self) -> str:
        """The job's name for print queues: the family number, never a name."""
        return f"Kinlink bands {self.family_number}"

    def summary(self) -> dict[str, Any]:
        return {"family": {"id": self.family_id, "number": self.family_number},
                "bands": [{"band": d.band_number, "person": p, "layout": d.layout, "dpi": d.dpi}
                          for d, p in zip(self.drawings, self.people, strict=True)],
                "without_band": list(self.without_band)}

    def audit_detail(self) -> dict[str, Any]:
        return {"bands": [bandnumber.normalize(d.band_number) for d in self.drawings],
                "layouts": [d.layout for d in self.drawings], "dpi": self.drawings[0].dpi}


def band_job(*, session: Session, family: str, dpi: int = 203, layout: str | None = None,
             band: str | None = None, today: date | None = None) -> BandJob:
    """The drawings of a family unit's bands (``family``: a family id or number, a person id or a
    band number); with ``band``, only that band. ``layout`` overrides each band's own."""
    session.require(Permission.PRINT, action="band.print", target=family)
    with session.engine.connect() as conn:
        view = queries.family_view(conn, queries.find_family_id(conn, family))
    contents = family_contents(view, today or datetime.now(UTC).date())
    if band is not None:
        contents = [_one(view, contents, band)]
    if not contents:
        raise ValidationError.one("family", f"family unit {view['number']} has no valid band to print: "
                                            "issue new bands for its people first")
    drawings = tuple(band_drawing(c, band_payload(session=session, band=c.band_number), dpi=dpi, layout=layout)
                     for c in contents)
    return BandJob(family_id=view["id"], family_number=str(view["number"]), drawings=drawings,
                   people=tuple(c.person_id for c in contents), without_band=tuple(people_without_band(view)))


def _one(view: FamilyDocument, contents: list[BandContent], band: str) -> BandContent:
    wanted = bandnumber.normalize(band)
    for content in contents:
        if bandnumber.normalize(content.band_number) == wanted:
            return content
    for person in view["people"]:
        for held in person["bands"]:
            if bandnumber.normalize(held["number"]) == wanted:
                raise ValidationError.one("band", f"{held['number']} is {held['status']} "
                                                  f"({held['void_reason']}); print the person's new band instead")
    raise NotFound(f"no band {band!r} in family unit {view['number']}")


PRINT_ACTIONS = frozenset({"band.print", "band.send"})  # a printer took it: the bands count as printed


def reprints(*, session: Session, job: BandJob) -> list[str]:
    """The job's bands that were printed before (formatted numbers): printing them again is a
    reprint, which needs a reason."""
    with session.engine.connect() as conn:
        return [bandnumber.format_band_number(n) for n in printed_before(conn, [d.band_number for d in job.drawings])]


def _reprint_reason(session: Session, job: BandJob, reason: str | None) -> str | None:
    again = reprints(session=session, job=job)
    if not again:
        return None
    if reason is None or not str(reason).strip():
        raise ValidationError.one("reason", f"{', '.join(again)} {'was' if len(again) == 1 else 'were'} printed "
                                            "before: say why they are printed again (for example: band torn)")
    return reason_text(reason)


def record_output(*, session: Session, job: BandJob, action: str, ok: bool, detail: dict[str, Any],
                  reason: str | None = None) -> None:
    """The audit record of one output of a job (``band.render``, ``band.print``, ``band.send``);
    for a print a printer took, also each band's first print or counted reprint (change records)."""
    with session.writing() as (conn, writer):
        if ok and action in PRINT_ACTIONS:
            record_printed(writer, [d.band_number for d in job.drawings], reason=reason)
        session.audit(conn, action, job.family_id, audit.Outcome.OK if ok else audit.Outcome.FAILED,
                      {**job.audit_detail(), **detail})


@contextmanager
def audited(session: Session, job: BandJob, action: str, detail: dict[str, Any],
            reason: str | None = None) -> Iterator[None]:
    """Record the output made in the block: ok, or failed with the kind of error (then re-raised).
    A print of bands printed before is refused before it starts unless it has a ``reason``."""
    reason = _reprint_reason(session, job, reason) if action in PRINT_ACTIONS else None
    try:
        yield
    except BaseException as error:
        record_output(session=session, job=job, action=action, ok=False,
                      detail={**detail, "error": type(error).__name__})
        raise
    record_output(session=session, job=job, action=action, ok=True, detail=detail, reason=reason)


def render_family_zpl(*, session: Session, family: str, out: Path, dpi: int = 203, layout: str | None = None,
                      band: str | None = None, qr: str = "graphic") -> dict[str, Any]:
    """The family's bands as one ZPL job in the file ``out`` (mode 0600, written atomically)."""
    job = band_job(session=session, family=family, dpi=dpi, layout=layout, band=band)
    with audited(session, job, "band.render", {"format": "zpl", "qr": qr}):
        write_output(out, zpl.job_zpl(job.drawings, qr=qr))
    return {**job.summary(), "format": "zpl", "file": str(out)}


def send_family_zpl(*, session: Session, family: str, host: str, port: int = zpl_send.DEFAULT_PORT,
                    dpi: int = 203, layout: str | None = None, band: str | None = None, qr: str = "graphic",
                    status_timeout: float = zpl_send.STATUS_TIMEOUT_S, reason: str | None = None) -> dict[str, Any]:
    """The family's bands as one ZPL job sent to the printer at ``host:port``. PrinterError when it
    does not take it: nothing is lost, the same call can be made again. Bands printed before need
    a ``reason`` (a reprint)."""
    job = band_job(session=session, family=family, dpi=dpi, layout=layout, band=band)
    data = zpl.job_zpl(job.drawings, qr=qr)
    with audited(session, job, "band.send", {"format": "zpl", "printer": f"{host}:{port}"}, reason=reason):
        status = zpl_send.send_job(data, host=host, port=port, status_timeout=status_timeout)
    return {**job.summary(), "format": "zpl", "printer": f"{host}:{port}",
            "printer_status": "reported ok" if status else "not reported"}


__all__ = ["FORMATS", "BandJob", "OutputError", "PrinterError", "audited", "band_job", "record_output",
           "render_family_zpl", "reprints", "send_family_zpl"]
