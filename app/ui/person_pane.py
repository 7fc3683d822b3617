"""The person pane: what lets an agent tell that the person in front of them is the one on record,
as hospital mother–baby matching shows it. A pre-verbal child has no name to say and no words to
answer with; the identity bundle taken at intake (the photo, the description and marks, the adult
who carried the child) is what stands for one. The family view shows the pane for the person
chosen in its table, with the custody; Check bands and Put bands on show the photo and the
description beside their answer.

The photo is fetched with ``services.person_photo`` (each fetch audited as a view of the person)
and decoded in memory for the screen only: it is never written to disk."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import services

from . import labels, messages
from .forms import Retranslating
from .worker import Operation

PHOTO_SIDE = 140  # pixels: the photo is scaled into a square this wide, its proportions kept


def has_likeness(person: Mapping[str, Any] | None) -> bool:
    """Whether there is anything to compare with: a photo or a description."""
    return bool(person and (person.get("photos") or person.get("description")))


class PersonPane(Retranslating, QFrame):
    """One person's photo and description; with ``details``, who carried the child and the custody
    too; with ``named``, the person's name above. ``show_person`` fills it, ``clear`` empties it."""

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None, *,
                 named: bool = True, details: bool = True, side: int = PHOTO_SIDE) -> None:
        super().__init__(parent)
        self._session, self._data_dir = session, data_dir
        self._named, self._details, self._side = named, details, side
        self._person: Mapping[str, Any] | None = None
        self._carrier: Mapping[str, Any] | None = None
        self._custody: str | None = None
        self._facts: str | None = None
        self._photo_id: str | None = None  # the photo the pane shows or is fetching
        self._photo_note: str | None = None  # why there is no picture, when fetching it failed
        self._pixmaps: dict[str, QPixmap] = {}  # photo id -> picture, until ``clear``: one fetch per photo
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo = QLabel()
        self.photo.setFixedSize(side, side)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.photo.setStyleSheet("background: palette(base); border: 1px solid palette(mid);")
        self.name, self.description, self.carrier, self.custody = QLabel(), QLabel(), QLabel(), QLabel()
        self.facts = QLabel()
        self.name.setStyleSheet("font-weight: 600;")
        for label in (self.name, self.facts, self.description, self.carrier, self.custody):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # the description is as typed
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        for label in (self.name, self.facts, self.description, self.carrier, self.custody):
            column.addWidget(label)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.setMinimumHeight(side + 14)
        self.retranslate()

    def show_person(self, person: Mapping[str, Any] | None, *, carrier: Mapping[str, Any] | None = None,
                    custody: str | None = None, facts: str | None = None) -> None:
        """``person`` as the services give it (with ``photos`` and ``description``); ``carrier``: the
        adult who carried the child, when of the same family; ``custody``: where the person is, in words;
        ``facts``: a line under the name, in words (a supervisor's preview: band, unit, age, sex)."""
        self._person, self._carrier, self._custody, self._facts = person, carrier, custody, facts
        photos = (person or {}).get("photos") or []
        wanted = str(photos[-1]["id"]) if photos else None  # the latest: the likest to the child now
        if wanted != self._photo_id:
            self._photo_id, self._photo_note = wanted, None
            if wanted is not None and wanted not in self._pixmaps:
                self._fetch(wanted)
        self.retranslate()

    def clear(self) -> None:
        """Nobody shown, and no picture kept."""
        self._pixmaps.clear()
        self._photo_id = None
        self.show_person(None)

    def retranslate(self) -> None:
        person = self._person
        self.setAccessibleName(self.tr("The chosen person"))
        self.photo.setAccessibleName(self.tr("Photo"))
        self._show_photo()
        if person is None:
            self.name.setText(self.tr("Choose a person in the table (Up and Down keys) to see their photo, "
                                      "description and custody."))
            for label in (self.facts, self.description, self.carrier, self.custody):
                label.clear()
                label.setVisible(False)
            self.name.setVisible(self._named)
            return
        self.name.setText(labels.person_label(dict(person)))
        self.name.setVisible(self._named)
        self.facts.setText(self._facts or "")
        self.facts.setVisible(bool(self._facts))
        self.description.setText(self.tr("Description: %1").replace(
            "%1", person.get("description") or labels.MISSING))
        self.description.setVisible(True)
        carried = self._carried_by(person)
        self.carrier.setText(self.tr("Carried by: %1").replace("%1", carried or ""))
        self.carrier.setVisible(self._details and carried is not None)
        self.custody.setText(self.tr("Custody: %1").replace("%1", self._custody or labels.MISSING))
        self.custody.setVisible(self._details and self._custody is not None)

    def _carried_by(self, person: Mapping[str, Any]) -> str | None:
        """Who carried the child, by name and band; "not recorded" for a pre-verbal child nobody was
        recorded carrying; None where the question does not arise (an adult, a child who talks)."""
        if self._carrier is not None:
            band = self._carrier.get("band") or labels.MISSING
            return QCoreApplication.translate("Labels", "%1 (band %2)") \
                .replace("%1", labels.person_name(dict(self._carrier))).replace("%2", band)
        if person.get("carried_by"):
            return QCoreApplication.translate("Labels", "a person of another family")
        if person.get("role") == "child" and person.get("preverbal"):
            return self.tr("not recorded")
        return None

    def _show_photo(self) -> None:
        if self._person is None:
            self.photo.clear()
        elif self._photo_id is None:
            self.photo.setText(self.tr("No photo on record"))
        elif self._photo_id in self._pixmaps:
            self.photo.setPixmap(self._pixmaps[self._photo_id])
        else:
            self.photo.setText(self._photo_note or self.tr("Loading the photo…"))

    def _fetch(self, photo_id: str) -> None:
        session = self._session
        Operation(self, lambda: services.person_photo(session=session, photo_id=photo_id)) \
            .success(lambda data: self._fetched(photo_id, data)) \
            .failure(lambda error: self._fetch_failed(photo_id, error)).run()

    def _fetched(self, photo_id: str, data: bytes) -> None:
        image = QImage.fromData(data)  # in memory: the photo never touches the disk here
        if image.isNull():
            self._fetch_failed(photo_id, None)
            return
        self._pixmaps[photo_id] = QPixmap.fromImage(image).scaled(
            self._side, self._side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        if photo_id == self._photo_id:
            self._show_photo()

    def _fetch_failed(self, photo_id: str, error: BaseException | None) -> None:
        note = messages.known_message(error) if error is not None else None
        if error is not None and note is None:
            messages.report_unexpected(self, error, self._data_dir)
        if photo_id == self._photo_id:
            self._photo_note = note or self.tr("The photo could not be shown.")
            self._show_photo()

    def text(self) -> str:
        """What the pane says, line by line (the photo's place included when it holds words)."""
        return "\n".join([self.photo.text(), *(label.text() for label in self.shown_labels())]).strip()

    def shown_labels(self) -> list[QLabel]:
        return [label for label in (self.name, self.facts, self.description, self.carrier, self.custody)
                if not label.isHidden() and label.text()]
