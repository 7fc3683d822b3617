"""Step 1 of the intake wizard: when and where the encounter happened.

The place and coordinates of the last family unit saved at this station are offered as defaults
(``station_memory``, ``defaults``): filled in and selected, so that Next keeps them and typing
replaces them. The time is always now. Enter moves from field to field; in the longitude it is Next.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QRegularExpression, Qt, QTime, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDateTimeEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.fields import MAX_PLACE_LENGTH

from ..forms import InlineMessage, Retranslating, field_box, hint
from .defaults import holds_offer, offer_text
from .document_builder import EncounterEntry
from .enter_key import EnterMovesOn
from .inline import add_message
from .station_memory import StationMemory

_NUMBER = QRegularExpression(r"^[-−]?\d{0,3}([.,]\d{0,8})?$")


def parse_number(text: str) -> float | None:
    """A typed coordinate ("31.3", "-110,9") as a number; None when empty. ValueError if unreadable."""
    cleaned = text.strip().replace(",", ".").replace("−", "-")
    return float(cleaned) if cleaned else None


def utc_offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class EncounterPage(Retranslating, QWidget):
    """Occurred at (local time, defaults to now), place, and optional coordinates."""

    next_asked = Signal()  # Enter in the last field

    def __init__(self, memory: StationMemory | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._memory = memory or StationMemory()
        self.occurred_at = QDateTimeEdit()
        self.occurred_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.occurred_at.setCalendarPopup(True)
        self.place = QLineEdit()
        self.place.setMaxLength(MAX_PLACE_LENGTH)
        self.latitude, self.longitude = QLineEdit(), QLineEdit()
        for edit in (self.latitude, self.longitude):
            edit.setValidator(QRegularExpressionValidator(_NUMBER, edit))
            edit.setMaximumWidth(160)
        self.messages = {name: InlineMessage("") for name in ("occurred_at", "place", "latitude", "longitude")}
        self.offset_hint = hint("")
        self.place_hint = hint("")
        self.coordinates_hint = hint("")
        for label in (self.offset_hint, self.place_hint, self.coordinates_hint):
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.intro = hint("")
        self.labels = {name: QLabel() for name in ("occurred_at", "place", "latitude", "longitude")}
        self._lay_out()
        self.enter = EnterMovesOn(self)
        self.enter.watch(self.occurred_at, self.place, self.latitude)
        self.enter.finish(self.longitude, self.next_asked.emit)
        self.reset()
        self.retranslate()

    def _lay_out(self) -> None:
        coordinates = QHBoxLayout()
        coordinates.setContentsMargins(0, 0, 0, 0)
        for name in ("latitude", "longitude"):
            edit = self.latitude if name == "latitude" else self.longitude
            self.labels[name].setBuddy(edit)
            coordinates.addWidget(self.labels[name])
            coordinates.addWidget(edit)
            coordinates.addSpacing(16)
        coordinates.addStretch(1)
        coordinate_row = QWidget()
        coordinate_row.setLayout(coordinates)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.labels["occurred_at"].setBuddy(self.occurred_at)
        self.labels["place"].setBuddy(self.place)
        form.addRow(self.labels["occurred_at"], field_box(self.occurred_at, self.offset_hint,
                                                          self.messages["occurred_at"]))
        form.addRow(self.labels["place"], field_box(self.place, self.place_hint, self.messages["place"]))
        self.coordinates_label = QLabel()
        form.addRow(self.coordinates_label, field_box(coordinate_row, self.coordinates_hint,
                                                      self.messages["latitude"], self.messages["longitude"]))
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        column.addSpacing(8)
        column.addLayout(form)
        column.addStretch(1)
        self.occurred_at.setMaximumWidth(260)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Encounter"))
        self.intro.setText(self.tr("When and where the family unit was apprehended."))
        self.labels["occurred_at"].setText(self.tr("&When"))
        self.labels["place"].setText(self.tr("&Place"))
        self.labels["latitude"].setText(self.tr("&Latitude"))
        self.labels["longitude"].setText(self.tr("L&ongitude"))
        self.coordinates_label.setText(self.tr("Coordinates"))
        self.occurred_at.setAccessibleName(self.tr("When the encounter happened"))
        self.place.setAccessibleName(self.tr("Place of the encounter"))
        self.place.setPlaceholderText(self.tr("Sector, station, road, landmark…"))
        self.latitude.setAccessibleName(self.tr("Latitude"))
        self.longitude.setAccessibleName(self.tr("Longitude"))
        self.latitude.setPlaceholderText(self.tr("e.g. 31.3"))
        self.longitude.setPlaceholderText(self.tr("e.g. -110.9"))
        self.offset_hint.setText(self.tr("Local time at this station (%1).").replace("%1", utc_offset_text(
            datetime.now(UTC).astimezone())))
        self.place_hint.setText(self.tr("Required. Free text: the sector, station, road or landmark."))
        self.coordinates_hint.setText(self.tr("Optional: both or neither, in decimal degrees."))
        for name, message in self.messages.items():
            message.setAccessibleName(self.tr("Problem with %1").replace("%1", self.labels[name].text()
                                                                         .replace("&", "")))

    def reset(self) -> None:
        """Now, and the place and coordinates of the last family unit saved here (as defaults)."""
        now = QDateTime.currentDateTime()
        now.setTime(QTime(now.time().hour(), now.time().minute()))
        self.occurred_at.setDateTime(now)
        for edit, remembered in zip((self.place, self.latitude, self.longitude), self._memory.place(), strict=True):
            edit.clear()
            offer_text(edit, remembered)
        self.clear_messages()

    def remember(self) -> None:
        """The family unit is saved: its place and coordinates are the next encounter's defaults."""
        self._memory.remember_place(self.place.text(), self.latitude.text(), self.longitude.text())

    def has_input(self) -> bool:
        """Something typed (a remembered place left as it was is not)."""
        return any(edit.text().strip() and not holds_offer(edit) for edit in (self.place, self.latitude,
                                                                               self.longitude))

    def entry(self) -> EncounterEntry:
        """What was typed; a coordinate that cannot be read as a number counts as not given (see
        :meth:`unreadable`)."""
        moment = datetime.fromtimestamp(self.occurred_at.dateTime().toSecsSinceEpoch(), tz=UTC).astimezone()
        return EncounterEntry(moment.isoformat(), self.place.text(), self._number(self.latitude),
                              self._number(self.longitude))

    @staticmethod
    def _number(edit: QLineEdit) -> float | None:
        try:
            return parse_number(edit.text())
        except ValueError:
            return None

    def unreadable(self) -> dict[str, str]:
        """Coordinates that are not numbers, with what to do (checked before the domain's rules)."""
        found = {}
        for name, edit in (("latitude", self.latitude), ("longitude", self.longitude)):
            try:
                parse_number(edit.text())
            except ValueError:
                found[name] = self.tr("Type a number such as 31.3 or -110.9.")
        return found

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.clear_message()

    def show_problem(self, field: str | None, text: str) -> QWidget:
        """Show ``text`` next to its field; returns the field to focus."""
        name = field if field in self.messages else "latitude"
        add_message(self.messages[name], text)
        return self.field_widget(name)

    def field_widget(self, name: str) -> QWidget:
        return {"occurred_at": self.occurred_at, "place": self.place, "latitude": self.latitude,
                "longitude": self.longitude}.get(name, self.place)

    def first_input(self) -> QWidget:
        return self.place
