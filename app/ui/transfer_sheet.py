"""A child's transfer sheet as a PDF file or a print job (docs/exports.md): what ``kinlink custody
sheet`` and the custody transfer dialog's "Print transfer sheet" step call.

The services (``app/services/transfer_sheet.py``) check the permission, gather the content and the
signed QR payload, and write the audit record; this module chooses the paper and the language,
draws the page (``sheet_painter``) and writes the file (0600, atomically; a symbolic link there is
refused) or sends it to a printer of the print system as the bands are sent (``band_output``).
The paper is A4 or US letter: for a printer, the one it has loaded when it is either; else the
locale's (letter where the locale measures in US units, as the United States' does; A4 elsewhere
and when the locale says nothing), because the paper in a station's printer is the paper of the
country it stands in. The language is English or Spanish: by default the app's (its setting, else
the system's).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QApplication

from app import services
from app.bands.errors import OutputError, write_output

from . import band_output, cups_job, i18n
from .band_output import ensure_gui_application
from .settings import LANGUAGE, Settings
from .sheet_painter import BOX_HEIGHT_MM, BOX_WIDTH_MM, Page, paint_sheet

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
PDF_DPI = 300  # the band on the sheet is drawn at 300 dpi: whole device pixels per QR module


def ensure_widget_application() -> QApplication:
    """The running Qt application, or a new one without a display (the command line, as ``band render``
    makes it: ``band_output.ensure_gui_application``); the family picture is a widget, drawn offscreen."""
    app = ensure_gui_application()
    if not isinstance(app, QApplication):
        raise OutputError("a transfer sheet needs the Qt widgets, and this process started Qt without them")
    return app


def default_paper() -> str:
    """letter where the locale measures in US units, else A4."""
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial else "a4"


def sheet_pdf(sheet: services.TransferSheet, *, paper: str) -> bytes:
    """The one-page PDF of ``sheet`` on ``paper`` (a4 or letter), the content box centred on it."""
    if paper not in PAPERS:
        raise OutputError(f"unknown paper {paper!r}: use a4 or letter")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(sheet.title)
    writer.setCreator("Kinlink")
    _draw(writer, sheet, paper)
    del writer  # flushes the PDF into the buffer
    buffer.close()
    return bytes(data.data())


def _draw(device: QPagedPaintDevice, sheet: services.TransferSheet, paper: str) -> None:
    """The sheet on ``device`` (a PDF writer or a printer set to PDF_DPI), paper ``paper``
    without margins, the content box centred on it."""
    size = QPageSize(PAPERS[paper])
    device.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    width_mm, height_mm = size.size(QPageSize.Unit.Millimeter).width(), size.size(QPageSize.Unit.Millimeter).height()
    painter = QPainter()
    if not painter.begin(device):
        raise OutputError("the page could not be opened for drawing")
    try:
        paint_sheet(Page(painter, PDF_DPI, (width_mm - BOX_WIDTH_MM) / 2, (height_mm - BOX_HEIGHT_MM) / 2), sheet)
    finally:
        painter.end()


def printer_paper(info: QPrinterInfo) -> str:
    """The paper loaded in the printer ``info`` (its default page size) when it is A4 or letter, else
    the locale's."""
    loaded = info.defaultPageSize().id()
    for name, size in PAPERS.items():
        if loaded == size:
            return name
    return default_paper()


def sheet_language(session: services.Session, language: str | None) -> str:
    """``language`` when given (en or es), else the app's: its setting, else the system's."""
    if language is not None:
        if language not in i18n.LANGUAGES:
            raise OutputError(f"unknown language {language!r}: use {' or '.join(i18n.LANGUAGES)}")
        return language
    return str(Settings(session.data_dir).get(LANGUAGE)) or i18n.system_language()


def render_transfer_sheet(*, session: services.Session, person: str, out: Path, paper: str | None = None,
                          language: str | None = None, for_whom: str | None = None) -> dict[str, Any]:
    """The transfer sheet of the child ``person`` (band number or id) in the PDF file ``out``; audited
    (``custody.sheet``) once written, or as failed. ``language`` (en, es) switches the app's texts for
    the time of the drawing only; None: the language the app is in (``sheet_language`` gives the
    command line the app's setting). ``for_whom``: who it goes to, for the audit record (the transfer
    it names says so too)."""
    paper = paper or default_paper()

    def write(sheet: services.TransferSheet) -> bytes:
        data = sheet_pdf(sheet, paper=paper)
        write_output(out, data)
        return data

    answer = _made(session, person, paper, language, for_whom, {"format": "pdf"}, write)
    return {**answer, "file": str(out)}


def print_transfer_sheet(*, session: services.Session, person: str, printer_name: str, paper: str | None = None,
                         language: str | None = None, for_whom: str | None = None) -> dict[str, Any]:
    """The transfer sheet of the child ``person`` as one job on the printer ``printer_name`` of the
    print system (what the custody dialog's Print does); ``paper``: None, the paper loaded in that
    printer. A printer that is missing, stopped or refuses the job is a PrinterError, audited as
    failed; nothing else changes, so printing again is safe. libcups' spool files stay in memory
    (``cups_job.private_spool``), as the bands'."""
    with cups_job.private_spool():
        info = band_output.find_printer(printer_name)
        paper = paper or printer_paper(info)

        def send(sheet: services.TransferSheet) -> None:
            with band_output.printer_job(info) as printer:
                printer.setFullPage(True)
                printer.setResolution(PDF_DPI)
                printer.setDocName(sheet.title)  # what the print queue shows: a band number, never a name
                _draw(printer, sheet, paper)

        answer = _made(session, person, paper, language, for_whom,
                       {"format": "print", "printer": info.printerName()}, send)
    return {**answer, "printer": info.printerName()}


def _made(session: services.Session, person: str, paper: str, language: str | None, for_whom: str | None,
          detail: dict[str, Any], output: Callable[[services.TransferSheet], bytes | None]) -> dict[str, Any]:
    """The sheet of ``person`` made by ``output`` (in ``language`` for the time of the drawing) and its
    audit record (``custody.sheet``): ok with the bytes' digest when ``output`` returns them, failed
    with the kind of error when it raises."""
    recipient = services.export_recipient(for_whom)
    if paper not in PAPERS:
        raise OutputError(f"unknown paper {paper!r}: use a4 or letter")
    sheet = services.transfer_sheet(session=session, person=person)
    wanted = sheet_language(session, language) if language is not None else None
    before = i18n.current_language()
    detail = {"paper": paper, **detail, "for": recipient}
    try:
        used = i18n.switch(wanted) if wanted is not None and wanted != before else before
        detail["language"] = used
        data = output(sheet)
    except BaseException as error:
        services.record_sheet(session=session, sheet_made=sheet, ok=False,
                              detail={**detail, "error": type(error).__name__})
        raise
    finally:
        if i18n.current_language() != before:
            i18n.switch(before)
    services.record_sheet(session=session, sheet_made=sheet, ok=True, detail=detail, data=data)
    transfer = sheet.content.transfer
    return {"person": sheet.child_id, "band": sheet.content.child["band"], "family": sheet.content.family_number,
            "transfer": transfer.record["id"] if transfer else None, "qr": sheet.band is not None,
            "paper": paper, "language": detail["language"]}
