"""Building blocks of the station's forms: a field with its hint and inline message, a busy
indicator, and the dialog base that disables the form while its operation runs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from . import messages

ERROR_STYLE = "color: #b3261e;"


class Retranslating:
    """For widgets whose texts follow the app's language: ``retranslate()`` sets every text; the
    widget calls it once built, and Qt's LanguageChange (sent to every widget when a translator is
    installed or removed) calls it again, so open windows switch language in place."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class InlineMessage(QLabel):
    """A message next to a field or a form; hidden while it has nothing to say."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what the user typed
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setAccessibleName(accessible_name)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def password_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    edit.setMaxLength(256)
    return edit


def text_edit(accessible_name: str, max_length: int = 100) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible_name)
    edit.setMaxLength(max_length)
    return edit


def typed_user_name(edit: QLineEdit) -> str:
    """The user name typed in ``edit``: user names are lower case (``services.check_user_name``), so
    a capital typed at a tired desk ("Chief") means the same name, not a refusal."""
    return edit.text().strip().lower()


def grow_to_fit(widget: QWidget) -> None:
    """Make the shown window holding ``widget`` tall enough for what the form shows now (a preview
    answered, a taller input picked): a dialog with a minimum width set does not grow by itself, and
    squeezes its rows instead. It never shrinks, so that it does not jump while a number is typed; it
    stays within the screen. Done once the layouts have taken the change in (the next turn of the
    event loop), or a widget just shown would be measured by its old hints."""
    QTimer.singleShot(0, widget, lambda: _grow(widget))


def _grow(widget: QWidget) -> None:
    window = widget.window()
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else \
        layout.totalSizeHint().height()
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height())
    if needed > window.height():
        window.resize(window.width(), needed)


def field_box(edit: QWidget, *below: QWidget) -> QWidget:
    """The input with its hint and message stacked under it, as one row of a form."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(3)
    column.addWidget(edit)
    for widget in below:
        column.addWidget(widget)
    return box


class BusyIndicator(QWidget):
    """An indeterminate progress bar and what is being done; hidden while idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)
        self._bar.setTextVisible(False)
        self._bar.setMaximumHeight(10)
        self._label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._label)
        row.addWidget(self._bar, 1)
        self.setVisible(False)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._label.setText(text)
        self._bar.setAccessibleName(text)
        self.setVisible(busy)


class FormDialog(QDialog):
    """A dialog whose form runs one background operation: while it runs, the inputs and the
    buttons are disabled, a busy indicator shows, and the dialog cannot be closed. Once it is idle
    again the focus is back where it was and Enter still presses the default button, so a refused
    attempt is corrected and sent again from the keyboard alone."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._busy = False
        self._focus_before_busy: QWidget | None = None
        self._inputs: list[QWidget] = []
        self.form_message = InlineMessage(self.tr("Form message"))
        self.busy_indicator = BusyIndicator()
        # The dialog's child from the start: a button made default (setDefault) inside a box that
        # has no dialog yet is never the dialog's own default, and Qt drops it for good the first
        # time the focus leaves it (the box disabled while busy, a Tab), or hands the part to
        # whichever button the focus crossed next (Close). Enter then did nothing, or closed.
        self.buttons = QDialogButtonBox(self)

    @property
    def is_busy(self) -> bool:
        return self._busy

    def add_footer(self, column: QVBoxLayout) -> None:
        """The form's message, its busy indicator and its buttons, under everything else."""
        for widget in (self.form_message, self.busy_indicator, self.buttons):
            column.addWidget(widget)

    def set_busy(self, busy: bool, text: str = "") -> None:
        if busy and not self._busy:
            self._focus_before_busy = self.focusWidget()
        self._busy = busy
        for widget in (*self._inputs, self.buttons):
            widget.setEnabled(not busy)
        self.busy_indicator.set_busy(busy, text)
        if not busy:
            self._restore_focus()

    def _restore_focus(self) -> None:
        """Disabling the focused field took the focus off the form: give it back, so that typing
        and Enter go on where they were (a subclass may then move it to the field at fault)."""
        focus, self._focus_before_busy = self._focus_before_busy, None
        if (self.focusWidget() is None and focus is not None and shiboken6.isValid(focus)
                and focus.isEnabled() and focus.isVisible()):
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_messages(self) -> None:
        for message in self.findChildren(InlineMessage):
            message.clear_message()

    def show_failure(self, error: BaseException) -> None:
        """A known condition in the form's message; a bug reported with a reference."""
        text = messages.known_message(error)
        if text is None:
            messages.report_unexpected(self, error, self._data_dir)
        else:
            self.form_message.show_message(text)

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._busy:
            event.ignore()
        else:
            super().closeEvent(event)


PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def photo_file_dialog(parent: QWidget, chosen: Callable[[str], None], folder: Path | None = None) -> QFileDialog:
    """A photo file chooser, opened without blocking (the window may lock meanwhile), deleted when
    closed; ``chosen`` gets the file's path. Opened in ``folder`` when given, with its newest photo
    chosen (the one just taken by the desk's camera or scanner): Enter takes it."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("PhotoFile", text)

    dialog = QFileDialog(parent, tr("Choose a photo"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters([tr("Photos (*.jpg *.jpeg *.png *.webp)"), tr("All files (*)")])
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(chosen)
    if folder is not None:
        dialog.setDirectory(str(folder))
        newest = newest_photo(folder)
        if newest is not None:
            dialog.selectFile(str(newest))
    dialog.open()
    return dialog


def newest_photo(folder: Path) -> Path | None:
    """The photo file last changed in ``folder`` (by its suffix), or None."""
    try:
        found = [(entry.stat().st_mtime, entry.name, Path(entry.path)) for entry in os.scandir(folder)
                 if entry.is_file() and Path(entry.name).suffix.lower() in PHOTO_SUFFIXES]
    except OSError:
        return None
    return max(found)[2] if found else None
