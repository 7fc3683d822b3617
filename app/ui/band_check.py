"""Check bands: scan one band to see whether it is valid and whose it is; scan a second to answer
"same family?" — MATCH or NO MATCH with the reason, offline. A keyboard-wedge scanner types into
the scan field and presses Enter; a person can type or paste the same. Every check is audited by
the service. A band of a family this station does not hold can be followed from here: the person is
in front of the agent, so the scan is the right to see the family (it arrives with the next sync).
Under each band, the photo and description of its person (a pre-verbal child's, above all): the
agent compares the child in front of them with the photo before trusting a MATCH."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import services

from . import labels, messages
from .forms import Retranslating, hint
from .person_pane import PersonPane, has_likeness
from .scanning import take_scan
from .worker import Operation

GOOD, BAD = "#1b5e20", "#b3261e"


class BandCheckDialog(Retranslating, QDialog):
    person_opened = Signal(str)  # a family id, when the agent asks to see the scanned person's family
    followed = Signal()  # the agent asked to follow a scanned band's family: sync soon

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._data_dir = session, data_dir
        self._scans: list[str] = []
        self._answer: dict[str, Any] | None = None
        self.setMinimumWidth(560)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.explanation = hint("")
        self.scan_label = QLabel()
        self.scan = QLineEdit()
        self.scan.setMaxLength(400)
        self.scan.returnPressed.connect(self._scanned)
        self.scan_label.setBuddy(self.scan)
        self.first, self.second = QLabel(), QLabel()
        for label in (self.first, self.second):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.first_pane, self.second_pane = (PersonPane(session, data_dir, named=False, details=False, side=120)
                                             for _ in range(2))
        self.result = QLabel()
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result.setStyleSheet("font-size: 22pt; font-weight: 700;")
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.follow_note = QLabel()
        self.follow_note.setWordWrap(True)
        self.open_button, self.new_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.follow_button = QPushButton()
        for button in (self.open_button, self.follow_button, self.new_button, self.close_button):
            button.setAutoDefault(False)  # Enter belongs to the scan field: a scanner ends every scan with it
        self.open_button.clicked.connect(self._open_person)
        self.follow_button.clicked.connect(self.follow)
        self.new_button.clicked.connect(self.start_over)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+R"), self, self.start_over)
        self._lay_out()
        self.retranslate()
        self.start_over()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.open_button, self.follow_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        for widget in (self.heading, self.explanation, self.scan_label, self.scan, self.first, self.first_pane,
                       self.second, self.second_pane, self.result, self.reasons, self.follow_note):
            column.addWidget(widget)
        column.addLayout(buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — check bands"))
        self.heading.setText(self.tr("Check bands"))
        self.explanation.setText(self.tr("Scan a band to see whether it is valid and whose it is. Scan a second "
                                         "band to see whether both belong to the same family unit."))
        self.scan_label.setText(self.tr("&Scan"))
        self.scan.setAccessibleName(self.tr("Scanned band"))
        self.scan.setPlaceholderText(self.tr("Scan a band (or type its code and press Enter)"))
        self.first.setAccessibleName(self.tr("First band"))
        self.second.setAccessibleName(self.tr("Second band"))
        self.result.setAccessibleName(self.tr("Result"))
        self.reasons.setAccessibleName(self.tr("Reasons"))
        self.open_button.setText(self.tr("&Open the family"))
        self.follow_button.setText(self.tr("&Follow this family"))
        self.follow_button.setToolTip(self.tr("Hold this band's family unit from now on: it arrives with the next "
                                              "sync (the scan shows the person is here)"))
        self.new_button.setText(self.tr("&New check (Ctrl+R)"))
        self.close_button.setText(self.tr("Close"))
        if self._answer is not None:
            self._show(self._answer)

    def start_over(self) -> None:
        self._scans, self._answer = [], None
        for label in (self.first, self.second, self.result, self.reasons, self.follow_note):
            label.clear()
            label.setVisible(False)
        for pane in (self.first_pane, self.second_pane):
            pane.clear()
            pane.setVisible(False)
        self.open_button.setEnabled(False)
        self.follow_button.setEnabled(False)
        self.scan.clear()
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def scan_text(self, text: str) -> None:
        """A scan from elsewhere in the app (the scan catcher): as if scanned here."""
        self.scan.setText(text)
        self._scanned()

    def _scanned(self) -> None:
        text = take_scan(self.scan)
        if text is None:
            return
        self._scans = [text] if len(self._scans) != 1 else [*self._scans, text]
        scans, session = list(self._scans), self._session
        self.scan.setEnabled(False)
        Operation(self, lambda: services.verify_bands(session=session, payloads=scans)) \
            .success(self._checked).failure(self._failed).run()

    def _checked(self, answer: dict[str, Any]) -> None:
        self.scan.setEnabled(True)
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)
        self._answer = answer
        self._show(answer)

    def _failed(self, error: BaseException) -> None:
        self.scan.setEnabled(True)
        self._scans = []
        text = messages.known_message(error)
        if text is None:
            messages.report_unexpected(self, error, self._data_dir)
        else:
            self._say(self.result, text, BAD)

    def _show(self, answer: dict[str, Any]) -> None:
        checks = answer["bands"]
        for label, check in zip((self.first, self.second), checks, strict=False):
            label.setText(self._describe(check))
            label.setStyleSheet(f"color: {GOOD if check['valid'] else BAD};")
            label.setVisible(True)
        for pane, check in zip((self.first_pane, self.second_pane), [*checks, {}, {}], strict=False):
            person = check.get("person") if check.get("valid") else None  # never a picture for a refused band
            pane.show_person(person if has_likeness(person) else None)
            pane.setVisible(has_likeness(person))
        self.second.setVisible(len(checks) == 2)
        self.open_button.setEnabled(bool((checks[-1].get("person") or {}).get("family_id")))
        self.follow_button.setEnabled(self._followable(checks[-1]))
        self.fit()
        if len(checks) == 1:
            self.result.setVisible(False)
            self.reasons.setVisible(False)
            return
        match = answer["result"] == "MATCH"
        if not match:
            QApplication.beep()  # heard at a scanning desk, as WRONG PERSON is
        self._say(self.result, self.tr("MATCH") if match else self.tr("NO MATCH"), GOOD if match else BAD)
        self._say(self.reasons, self.tr("Same family unit: %1").replace("%1", str(answer["family"])) if match
                  else "\n".join(messages.sentence(r) for r in answer["reasons"]), GOOD if match else BAD)

    def _describe(self, check: dict[str, Any]) -> str:
        if not check.get("band"):
            return self.tr("Not valid: %1").replace("%1", messages.sentence(check["reason"]))
        person = check.get("person")
        who = labels.person_name(person) if person else self.tr("a person this station does not hold")
        text = self.tr("Band %1, family unit %2 (%3): %4").replace("%1", check["band"]) \
            .replace("%2", str(check["family"])).replace("%3", labels.word("role", check["role"])).replace("%4", who)
        return text if check["valid"] else \
            self.tr("%1 — not valid: %2").replace("%1", text).replace("%2", messages.sentence(check["reason"]))

    @staticmethod
    def _followable(check: dict[str, Any]) -> bool:
        """A valid band whose person this station does not hold."""
        return bool(check.get("band")) and check.get("valid", False) and not check.get("person")

    def follow(self) -> None:
        """Keep the last scan to follow at the next sync, and ask for that sync soon."""
        if not self._scans or not self.follow_button.isEnabled():
            return
        scan, session = self._scans[-1], self._session
        self.follow_button.setEnabled(False)
        Operation(self, lambda: services.follow_bands(session=session, payloads=[scan])) \
            .success(self._following).failure(self._failed).run()

    def _following(self, _answer: dict[str, Any]) -> None:
        self._say(self.follow_note, self.tr("This family unit arrives with the next sync (it is kept until then, "
                                            "also without a network)."), GOOD)
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)
        self.followed.emit()

    def _say(self, label: QLabel, text: str, colour: str) -> None:
        label.setText(text)
        label.setStyleSheet(label.styleSheet().split("color:")[0] + f"color: {colour};")
        label.setVisible(True)
        self.fit()

    def fit(self) -> None:
        """Grow to show every line of what the check says (wrapped lines need more height than a window
        works out for itself); never shrink under the agent's own resizing."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else \
            layout.totalMinimumSize().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def _open_person(self) -> None:
        person = (self._answer or {}).get("bands", [{}])[-1].get("person") or {}
        if person.get("family_id"):
            self.person_opened.emit(str(person["family_id"]))
