"""The band outputs that need Qt: PNG and PDF files, and printing through the Qt print system.

The services (``app/services/printing.py``) check the permission, read the family and sign the
payloads (:func:`~app.services.printing.band_job`) and write the audit record; this module only
draws (``band_painter``) and deals with printers. The desktop app and ``kinlink band render`` call
these functions; ZPL needs no Qt and stays in the services.

A print job is one family unit. Before it, the printer is looked up in the print system (a queue
that does not exist or is stopped is a :class:`PrinterError` naming it); after it, libcups' answer
is checked (a refused job is a PrinterError too, not silence). The bands are drawn at the band's
dpi so that QR modules are whole printer dots.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication

from app import services
from app.bands import zpl_send
from app.bands.errors import OutputError, PrinterError
from app.services import printing

from . import band_painter, cups_job
from .settings import DEFAULT_PRINTER, Settings

QT_FORMATS = ("png", "pdf")
DESTINATIONS = ("printer", "zpl", "pdf", "png")


@dataclass(frozen=True)
class Destination:
    """Where a family's bands go: a printer of the print system (``printer`` names it; None: the
    remembered or system default), a Zebra-compatible printer on the network (``host``, ``port``),
    or a PDF or PNG file (``path``)."""

    kind: str
    printer: str | None = None
    host: str = ""
    port: int = zpl_send.DEFAULT_PORT
    path: Path | None = None

    def setting(self) -> str:
        """How the station remembers it (no file path: a file is chosen each time)."""
        if self.kind == "printer":
            return f"printer:{self.printer or ''}"
        if self.kind == "zpl":
            return f"zpl:{self.host}:{self.port}"
        return self.kind

    @classmethod
    def from_setting(cls, text: str) -> Destination:
        kind, _, rest = str(text or "").partition(":")
        if kind == "zpl":
            host, _, port = rest.rpartition(":")
            return cls("zpl", host=host, port=int(port) if port.isdigit() else zpl_send.DEFAULT_PORT)
        if kind in ("pdf", "png"):
            return cls(kind)
        return cls("printer", printer=rest or None)


def output_family_bands(*, session: services.Session, family: str, destination: Destination, dpi: int = 203,
                        reason: str | None = None) -> dict[str, Any]:
    """A family unit's bands, one job, to ``destination``; what the desktop app's Print does. A
    printer that does not take the job raises PrinterError and records nothing: print again."""
    if destination.kind == "printer":
        return print_family_bands(session=session, family=family, printer_name=destination.printer, dpi=dpi,
                                  reason=reason)
    if destination.kind == "zpl":
        if not destination.host.strip():
            raise PrinterError("give the network printer's address (host name or IP); nothing was printed")
        return printing.send_family_zpl(session=session, family=family, host=destination.host.strip(),
                                        port=destination.port, dpi=dpi, reason=reason)
    if destination.path is None:
        raise OutputError("choose the file to write; nothing was written")
    return render_family_bands(session=session, family=family, fmt=destination.kind, out=destination.path, dpi=dpi)


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new one without a display (for the command line). A widgets
    application (``QApplication``), so that whatever runs later in the same process may use widgets
    (a command run in-process, then a window: a plain QGuiApplication cannot become one)."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication(["kinlink"])


def render_family_bands(*, session: services.Session, family: str, fmt: str, out: Path, dpi: int = 203,
                        layout: str | None = None, band: str | None = None) -> dict[str, Any]:
    """A family unit's bands (or one, with ``band``) in the file ``out``: PNG (the bands one under
    the other), PDF (a page per band) or ZPL. Written atomically, mode 0600; nothing else is."""
    if fmt == "zpl":
        return printing.render_family_zpl(session=session, family=family, out=out, dpi=dpi, layout=layout, band=band)
    if fmt not in QT_FORMATS:
        raise OutputError(f"unknown band file format {fmt!r}: use png, pdf or zpl")
    job = printing.band_job(session=session, family=family, dpi=dpi, layout=layout, band=band)
    with printing.audited(session, job, "band.render", {"format": fmt}):
        if fmt == "png":
            band_painter.render_png(job.drawings, out)
        else:
            band_painter.render_pdf(job.drawings, out, title=job.title)
    return {**job.summary(), "format": fmt, "file": str(out)}


def printer_for(session: services.Session, printer_name: str | None) -> QPrinterInfo:
    """The named printer, else the one remembered for wristbands, else the system's default."""
    name = printer_name or Settings(session.data_dir).get(DEFAULT_PRINTER) or QPrinterInfo.defaultPrinterName()
    if not name:
        raise PrinterError("no printer is chosen for wristbands and this station has no default printer — "
                           "choose one; nothing was printed")
    return find_printer(name)


def find_printer(name: str) -> QPrinterInfo:
    """The printer ``name`` of the print system, ready for a job: one that does not exist or is stopped
    is a PrinterError naming it (and the printers there are)."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        known = ", ".join(QPrinterInfo.availablePrinterNames()) or "none"
        raise PrinterError(f"there is no printer {name!r} on this station (printers: {known}) — check its name "
                           "or set it up again; nothing was printed")
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrinterError(f"the printer {name!r} is stopped in the print system — resume it (or choose "
                           "another), then print again; nothing was printed")
    return info


def print_family_bands(*, session: services.Session, family: str, printer_name: str | None = None,
                       dpi: int = 203, layout: str | None = None, band: str | None = None,
                       reason: str | None = None) -> dict[str, Any]:
    """A family unit's bands as one job on a printer of the Qt print system (a CUPS queue or any
    system printer). A printer given by name is remembered as the wristband printer. Bands printed
    before need a ``reason`` (a reprint)."""
    with cups_job.private_spool():  # libcups' temporary files (PPDs, the job) stay in memory
        info = printer_for(session, printer_name)
        job = printing.band_job(session=session, family=family, dpi=dpi, layout=layout, band=band)
        with printing.audited(session, job, "band.print", {"printer": info.printerName()}, reason=reason):
            _print(job, info)
    if printer_name:
        Settings(session.data_dir).set(DEFAULT_PRINTER, info.printerName())
    return {**job.summary(), "printer": info.printerName()}


def _print(job: printing.BandJob, info: QPrinterInfo) -> None:
    with printer_job(info) as printer:
        band_painter.print_bands(job.drawings, printer, title=job.title)


@contextmanager
def printer_job(info: QPrinterInfo) -> Iterator[QPrinter]:
    """A job on the printer ``info``, drawn within the block: a drawing the printer does not take, or a
    job that libcups refuses (Qt ignores its answer: this thread's last one is it), is a PrinterError
    saying that nothing was lost."""
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    try:
        yield printer
    except OutputError as error:
        raise PrinterError(f"the printer {info.printerName()!r} did not take the job ({error}) — "
                           "nothing was lost: print again") from None
    refused = cups_job.cups_failure()
    if refused:
        raise PrinterError(f"the printer {info.printerName()!r} refused the job ({refused.rstrip('.')}) — check the "
                           "printer's queue, then print again; nothing was lost")
