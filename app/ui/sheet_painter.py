"""Drawing a child's transfer sheet (docs/exports.md) on any QPainter whose device is a paged one (a
QPdfWriter, a QPrinter): one page, or more when the adults the child arrived with do not fit on it.

The page is laid out in millimetres inside a box that fits both A4 and US letter (186 × 255 mm),
from the top: a heading; the child's band as printed (``band_painter.paint_band``: the same
drawing and signed QR code as the wristband, at its real size, so that a scanner verifies the
sheet as it verifies the band), the child's details and, for a pre-verbal child, the photo; the
transfer; the adults the child arrived with; the family picture of the intake's review step
(``intake.family_graph.FamilyGraph``, drawn as an image); a line for the receiver; a footer.
Every text is translated in the "TransferSheet" context; record values through ``labels``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPagedPaintDevice, QPainter, QPalette, QPen

from app import services
from app.domain.custody import STATION
from app.domain.transfer_sheet import SheetAdult, SheetContent, Transfer

from . import labels
from .band_painter import FONT_FAMILIES, paint_band
from .intake.family_graph import FamilyGraph, GraphEdge, GraphNode

MM_PER_INCH = 25.4
BOX_WIDTH_MM, BOX_HEIGHT_MM = 186.0, 255.0  # fits A4 (210 × 297) and letter (215.9 × 279.4) with margins
# Where the end of a page goes (mm from the box's top): the receiver's line (last page only), the footer's
# rule and its words under it. A row of the adults' table ends above the one that is on its page.
RECEIVER_Y = BOX_HEIGHT_MM - 32
FOOTER_RULE_Y = BOX_HEIGHT_MM - 10
GRAPH_SCALE = 3  # the family picture's pixels per widget pixel (~290 dpi at its natural size)
GREY, BLACK = QColor("#555555"), QColor("#000000")
translate = QCoreApplication.translate  # translate("TransferSheet", …): what pyside6-lupdate reads


class Page:
    """A painter on a page, measured in millimetres from the top-left corner of the content box."""

    def __init__(self, painter: QPainter, dpi: float, left_mm: float, top_mm: float) -> None:
        self.painter, self.dpi, self.left, self.top = painter, dpi, left_mm, top_mm

    def px(self, mm: float) -> float:
        return mm * self.dpi / MM_PER_INCH

    def rect(self, x: float, y: float, width: float, height: float) -> QRectF:
        return QRectF(self.px(self.left + x), self.px(self.top + y), self.px(width), self.px(height))

    def font(self, points: float, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPixelSize(max(1, round(points * self.dpi / 72)))
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def text(self, x: float, y: float, width: float, text: str, points: float = 9.0, *, bold: bool = False,
             italic: bool = False, colour: QColor = BLACK, right: bool = False, draw: bool = True) -> float:
        """``text`` wrapped in a column ``width`` mm wide from (x, y); returns the height it took, in mm
        (with ``draw`` False, only the height it would take)."""
        self.painter.setFont(self.font(points, bold=bold, italic=italic))
        self.painter.setPen(colour)
        flags = int((Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                    | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        box = self.rect(x, y, width, BOX_HEIGHT_MM)
        used = self.painter.boundingRect(box, flags, text)
        if draw:
            self.painter.drawText(box, flags, text)
        return used.height() * MM_PER_INCH / self.dpi

    def new_page(self) -> None:
        device = self.painter.device()
        if not isinstance(device, QPagedPaintDevice) or not device.newPage():
            raise services.OutputError("the printer or file did not accept a new page")

    def rule(self, y: float, *, colour: QColor = GREY, weight_mm: float = 0.3) -> None:
        pen = QPen(colour)
        pen.setWidthF(self.px(weight_mm))
        self.painter.setPen(pen)
        self.painter.drawLine(self.rect(0, y, BOX_WIDTH_MM, 0).topLeft(), self.rect(0, y, BOX_WIDTH_MM, 0).topRight())


def paint_sheet(page: Page, sheet: services.TransferSheet) -> None:
    """The whole sheet from ``page`` on: one page, or more when the adults the child arrived with do not
    fit on the first (each page after it headed with the child's name and band; every page numbered, so
    that a receiver sees when one is missing); the picture, the receiver's line and the footer end it."""
    content = sheet.content
    y = _heading(page, sheet)
    y = _child(page, sheet, y + 4)
    y = _transfer(page, content, y + 4) + 4
    pages = _adults_by_page(page, sheet, y)
    for number, adults in enumerate(pages, 1):
        if number > 1:
            _footer(page, sheet, number - 1, len(pages))
            page.new_page()
            y = _continued(page, sheet)
        if number == 1 or adults:
            y = _adults(page, content, y, adults, continued=number > 1)
    _picture(page, content, y + 4, RECEIVER_Y - 4)
    _receiver(page, RECEIVER_Y)
    _footer(page, sheet, len(pages), len(pages))


def _adults_by_page(page: Page, sheet: services.TransferSheet, top: float) -> list[list[SheetAdult]]:
    """The adults' rows, page by page: as many on a page as end above its footer, and on the last page
    above the receiver's line (which goes on a page of its own when the last row leaves no room for it)."""
    adults = sheet.content.adults
    if not adults:
        return [[]]
    heading = _adults(page, sheet.content, 0, [], continued=False, draw=False)
    next_top = _continued(page, sheet, draw=False) + heading
    pages: list[list[SheetAdult]] = [[]]
    y = top + heading
    for adult in adults:
        height = _row(page, adult, 0, draw=False)
        if pages[-1] and y + height > FOOTER_RULE_Y - 1:
            pages.append([])
            y = next_top
        pages[-1].append(adult)
        y += height
    if y > RECEIVER_Y - 1:
        pages.append([])
    return pages


def _continued(page: Page, sheet: services.TransferSheet, *, draw: bool = True) -> float:
    """The top of a page after the first: which sheet it goes on with."""
    child = sheet.content.child
    height = page.text(0, 0, 120, translate("TransferSheet", "Custody transfer sheet (continued)"), 13, bold=True,
                       draw=draw)
    unit = translate("TransferSheet", "Family unit %1").replace("%1", sheet.content.family_number)
    page.text(120, 0.5, BOX_WIDTH_MM - 120, unit, 11, bold=True, right=True, draw=draw)
    who = f"{labels.person_name(dict(child))} · {child['band'] or labels.MISSING}"
    height += page.text(0, height + 1, BOX_WIDTH_MM, who, 10, draw=draw) + 1
    if draw:
        page.rule(height + 1.5, colour=BLACK, weight_mm=0.5)
    return height + 5.5


def _heading(page: Page, sheet: services.TransferSheet) -> float:
    height = page.text(0, 0, 120, translate("TransferSheet", "Custody transfer sheet"), 17, bold=True)
    unit = translate("TransferSheet", "Family unit %1").replace("%1", sheet.content.family_number)
    page.text(120, 1, BOX_WIDTH_MM - 120, unit, 11, bold=True, right=True)
    made = translate("TransferSheet", "Made %1 at Kinlink station %2. Goes with the child.").replace(
        "%1", labels.local_time(sheet.made_at)).replace("%2", sheet.station)
    height += page.text(0, height + 1, BOX_WIDTH_MM, made, 8.5, colour=GREY) + 1
    page.rule(height + 1.5, colour=BLACK, weight_mm=0.5)
    return height + 1.5


def _child(page: Page, sheet: services.TransferSheet, y: float) -> float:
    """The band (or why there is none) and the child's details on the left; the photo on the right."""
    child, photo_width = sheet.content.child, 44.0
    column = BOX_WIDTH_MM - (photo_width + 6 if child["preverbal"] else 0)
    top = y
    if sheet.band is not None:
        caption = translate("TransferSheet", "The child's band: scan its QR code to check this sheet")
        y += page.text(0, y, column, caption, 8.5, colour=GREY)
        drawing = sheet.band
        width_mm, height_mm = drawing.size_mm()
        frame = page.rect(0, y + 1, width_mm, height_mm)
        page.painter.setPen(QPen(GREY, page.px(0.25)))
        page.painter.setBrush(Qt.BrushStyle.NoBrush)
        page.painter.drawRoundedRect(frame.adjusted(-page.px(1), -page.px(1), page.px(1), page.px(1)),
                                     page.px(2), page.px(2))
        page.painter.save()
        page.painter.translate(round(frame.left()), round(frame.top()))
        paint_band(page.painter, drawing, scale=page.dpi / drawing.dpi)
        page.painter.restore()
        y += height_mm + 4
    else:
        note = translate("TransferSheet", "No QR code: %1.").replace("%1", sheet.band_note or "")
        y += page.text(0, y + 1, column, note, 10, bold=True) + 2
    name = labels.person_name(dict(child))
    y += page.text(0, y, column, name, 14, bold=bool(child["given_names"] or child["family_names"]),
                   italic=not (child["given_names"] or child["family_names"]))
    band = translate("TransferSheet", "Band %1").replace("%1", child["band"] or labels.MISSING)
    kind = labels.person_kind(dict(child))  # "boy" (it read "child · male"), or the role and the sex
    sex = [] if kind != labels.word("role", "child") else [labels.word("sex", child["sex"])]
    facts = [band, kind, *sex, labels.age(dict(child))]
    if child["preverbal"]:
        facts.append(translate("TransferSheet", "pre-verbal"))
    y += page.text(0, y + 0.5, column, " · ".join(facts), 10) + 0.5
    if child["description"]:
        said = translate("TransferSheet", "Description: %1").replace("%1", child["description"])
        y += page.text(0, y + 0.5, column, said, 10) + 0.5
    if child["preverbal"]:
        y = max(y, top + _photo(page, sheet, BOX_WIDTH_MM - photo_width, top, photo_width))
    return y


def _photo(page: Page, sheet: services.TransferSheet, x: float, y: float, width: float) -> float:
    """The pre-verbal child's latest photo in a ``width`` mm column; returns the height it took."""
    box_height = width * 4 / 3
    box = page.rect(x, y, width, box_height)
    image = QImage.fromData(sheet.photo) if sheet.photo else QImage()
    page.painter.setPen(QPen(GREY, page.px(0.25)))
    page.painter.setBrush(Qt.BrushStyle.NoBrush)
    if image.isNull():
        page.painter.drawRect(box)
        none = translate("TransferSheet", "No photo on record")
        page.text(x + 2, y + box_height / 2 - 4, width - 4, none, 9, italic=True, colour=GREY)
    else:
        fitted = image.size().scaled(round(box.width()), round(box.height()), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(box.left() + (box.width() - fitted.width()) / 2, box.top(), fitted.width(), fitted.height())
        page.painter.drawImage(target, image)
        box_height = fitted.height() * MM_PER_INCH / page.dpi
    taken = sheet.content.child["photos"][-1]["taken_at"] if sheet.content.child["photos"] else None
    caption = translate("TransferSheet", "Photo taken %1").replace("%1", labels.local_time(taken)) if taken else ""
    return box_height + (page.text(x, y + box_height + 1, width, caption, 7.5, colour=GREY) + 1 if caption else 0)


def custody_words(record: dict[str, Any] | None, *, in_transit: bool | None = None) -> str:
    """Where a custody record says the person is (or goes), in words, with its facility and agency's
    reference; ``in_transit`` (a person's current custody) adds "in transit"."""
    if not record:
        return translate("TransferSheet", "not recorded")
    kind = str(record.get("location") or "unknown")
    if kind == STATION:
        code = str(record.get("station") or labels.MISSING)
        text = (translate("TransferSheet", "in transit to Kinlink station %1") if in_transit
                else translate("TransferSheet", "Kinlink station %1")).replace("%1", code)
    else:
        text = labels.word("location", kind)
    if record.get("receiving_party"):
        text += f" ({record['receiving_party']})"
    return text


def _transfer(page: Page, content: SheetContent, y: float) -> float:
    y += page.text(0, y, BOX_WIDTH_MM, translate("TransferSheet", "Transfer"), 12, bold=True) + 0.5
    now = content.child["custody"]
    lines = _transfer_lines(content.transfer) if content.transfer else [
        (translate("TransferSheet", "No transfer recorded"), translate("TransferSheet", "custody now: %1, since %2")
         .replace("%1", custody_words(now, in_transit=_moving(now)))
         .replace("%2", labels.local_time((now or {}).get("since"))))]
    for caption, value in lines:
        used = page.text(0, y, 38, caption, 9.5, bold=True)
        y += max(used, page.text(40, y, BOX_WIDTH_MM - 40, value, 9.5)) + 0.6
    return y


def _moving(record: dict[str, Any] | None) -> bool:
    return bool(record and record.get("in_transit"))


def _transfer_lines(transfer: Transfer) -> list[tuple[str, str]]:
    record = transfer.record
    writer = str(record.get("writer") or labels.MISSING)
    if record.get("writer_facility"):
        writer += f" ({record['writer_facility']})"
    by = translate("TransferSheet", "%1, at Kinlink station %2").replace("%1", transfer.recorded_by or labels.MISSING) \
        .replace("%2", writer)
    lines = [(translate("TransferSheet", "To"), custody_words(record)),
             (translate("TransferSheet", "When"), labels.local_time(record.get("since"))),
             (translate("TransferSheet", "Transferred by"), by)]
    if transfer.reason:
        lines.append((translate("TransferSheet", "Reason"), transfer.reason))
    if record.get("reference"):
        lines.append((translate("TransferSheet", "Reference"), str(record["reference"])))
    if record.get("location") == STATION:
        arrived = transfer.arrival
        scanned = translate("TransferSheet", "not scanned yet: the receiving station scans the child's band "
                                             "on arrival")
        if arrived:
            scanned = translate("TransferSheet", "scanned at Kinlink station %1, %2") \
                .replace("%1", str(arrived.get("station") or labels.MISSING)) \
                .replace("%2", labels.local_time(arrived.get("since")))
        lines.append((translate("TransferSheet", "Arrival"), scanned))
    return lines


COLUMNS = (0.0, 46.0, 74.0, 140.0)  # the adults' table: name, band, link to the child, custody now (mm)
WIDTHS = (44.0, 26.0, 64.0, BOX_WIDTH_MM - 140.0)


def _adults(page: Page, content: SheetContent, y: float, adults: Sequence[SheetAdult], *, continued: bool,
            draw: bool = True) -> float:
    """The table of the adults the child arrived with (its heading and ``adults``' rows) from ``y``;
    returns where it ends."""
    title = (translate("TransferSheet", "Adults the child arrived with (continued)") if continued else
             translate("TransferSheet", "Adults the child arrived with (%1)").replace("%1", str(len(content.adults))))
    y += page.text(0, y, BOX_WIDTH_MM, title, 12, bold=True, draw=draw) + 0.5
    if not content.adults:
        return y + page.text(0, y, BOX_WIDTH_MM, translate("TransferSheet", "The child arrived without an adult."),
                             9.5, draw=draw)
    titles = (translate("TransferSheet", "Name"), translate("TransferSheet", "Band"),
              translate("TransferSheet", "Link to the child"), translate("TransferSheet", "Custody now"))
    if draw:
        for x, width, column in zip(COLUMNS, WIDTHS, titles, strict=True):
            page.text(x, y, width, column, 8.5, bold=True, colour=GREY)
    y += 4.5
    for adult in adults:
        y += _row(page, adult, y, draw=draw)
    return y


def _row(page: Page, adult: SheetAdult, y: float, *, draw: bool = True) -> float:
    """One adult's row at ``y``, with its rule; returns its height."""
    cells = _adult_cells(adult)
    height = max(page.text(x, y, w, text, 9, bold=n == 0, draw=draw)
                 for n, (x, w, text) in enumerate(zip(COLUMNS, WIDTHS, cells, strict=True))) + 0.3
    if draw:
        page.rule(y + height, weight_mm=0.15)
    return height + 0.8


def _adult_cells(adult: SheetAdult) -> list[str]:
    person = dict(adult.person)
    link = " · ".join([labels.word("relationship", adult.relationship), labels.word("state", adult.state),
                       labels.word("provenance", adult.provenance)])
    custody = custody_words(person.get("custody"), in_transit=_moving(person.get("custody")))
    return [labels.person_name(person), person.get("band") or labels.MISSING, link, custody]


def _picture(page: Page, content: SheetContent, y: float, bottom: float) -> None:
    """The family picture in the space left between ``y`` and ``bottom`` (mm), never larger than its
    natural size; nothing when there is no room for it."""
    if bottom - y < 30:
        return
    unit = translate("TransferSheet", "Family unit %1").replace("%1", content.family_number)
    y += page.text(0, y, BOX_WIDTH_MM, unit, 12, bold=True)
    image = family_picture(content)
    natural_w, natural_h = (image.width() / GRAPH_SCALE * MM_PER_INCH / 96, image.height() / GRAPH_SCALE
                            * MM_PER_INCH / 96)
    scale = min(1.0, BOX_WIDTH_MM / natural_w, (bottom - y - 1) / natural_h)
    width, height = natural_w * scale, natural_h * scale
    page.painter.save()
    page.painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)  # lines and words: no JPEG noise
    page.painter.drawImage(page.rect((BOX_WIDTH_MM - width) / 2, y + 1, width, height), image)
    page.painter.restore()


def family_picture(content: SheetContent) -> QImage:
    """The unit as the intake's review step draws it (each link labelled with its relationship and
    state), rendered from the widget to an image at ``GRAPH_SCALE`` times its size, on white."""
    graph = FamilyGraph()
    palette = QPalette(graph.palette())
    for role, colour in ((QPalette.ColorRole.Base, "#ffffff"), (QPalette.ColorRole.Window, "#ffffff"),
                         (QPalette.ColorRole.Text, "#000000"), (QPalette.ColorRole.PlaceholderText, "#666666")):
        palette.setColor(role, QColor(colour))
    graph.setPalette(palette)
    graph.set_family(graph_nodes(content), graph_edges(content))
    graph.resize(graph.sizeHint())
    image = QImage(graph.width() * GRAPH_SCALE, graph.height() * GRAPH_SCALE, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(GRAPH_SCALE)
    image.fill(QColor("#ffffff"))
    graph.render(image)
    graph.deleteLater()
    return image


def graph_nodes(content: SheetContent) -> list[GraphNode]:
    nodes = []
    for person in content.people:
        if person["role"] not in ("adult", "child") or person["merged_into"]:
            continue
        named = bool(person["given_names"] or person["family_names"])
        detail = " · ".join(p for p in (labels.person_kind(dict(person)), labels.age(dict(person)),
                                        person["band"] or "") if p and p != labels.MISSING)
        alone = translate("TransferSheet", "arrived without an adult") if person["arrived_without_adult"] else ""
        name = labels.person_name(dict(person))
        if person["id"] == content.child["id"]:
            name = translate("TransferSheet", "%1 (this sheet)").replace("%1", name)
        nodes.append(GraphNode(person["id"], name, detail, person["role"], name_known=named, alone_text=alone))
    return nodes


def graph_edges(content: SheetContent) -> list[GraphEdge]:
    roles = {p["id"]: p["role"] for p in content.people if not p["merged_into"]}
    edges = []
    for link in content.links:
        ends = {roles.get(link["from"]): link["from"], roles.get(link["to"]): link["to"]}
        if "adult" not in ends or "child" not in ends:
            continue  # the picture draws adults above children: a link between two children is in the list
        relationship = link["relationship"] if roles.get(link["from"]) == "adult" else "unknown"
        label = f"{labels.word('relationship', relationship)} · {labels.word('state', link['state'])}"
        edges.append(GraphEdge(ends["adult"], ends["child"], label, unknown=relationship == "unknown"))
    return edges


def _receiver(page: Page, y: float) -> None:
    page.rule(y, colour=BLACK, weight_mm=0.4)
    line = translate("TransferSheet", "Received by (name, agency, signature, date and time):")
    page.text(0, y + 1, BOX_WIDTH_MM, line, 9.5, bold=True)


def _footer(page: Page, sheet: services.TransferSheet, number: int, pages: int) -> None:
    page.rule(FOOTER_RULE_Y, weight_mm=0.2)
    words: Sequence[str] = (
        translate("TransferSheet", "The QR code is the child's band's own, signed by the station that issued it: a "
                                   "Kinlink station that scans it checks it as it checks the band. This sheet carries "
                                   "personal data: hand it only to the receiving agency."),
        translate("TransferSheet", "Kinlink transfer sheet %1").replace(
            "%1", sheet.content.child["band"] or sheet.content.family_number) + "\n"
        + translate("TransferSheet", "Page %1 of %2").replace("%1", str(number)).replace("%2", str(pages)))
    page.text(0, FOOTER_RULE_Y + 1, BOX_WIDTH_MM - 40, words[0], 7.5, colour=GREY)
    page.text(BOX_WIDTH_MM - 38, FOOTER_RULE_Y + 1, 38, words[1], 7.5, colour=GREY, right=True)
