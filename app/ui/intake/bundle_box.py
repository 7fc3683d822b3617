"""A pre-verbal child's identity bundle in the people step: the adult who carried the child, a photo.

The photo comes from a file (typed path + Return, or "Choose…", or Return in the empty path); the
file dialog opens in the folder the last photo was taken from at this station, the newest picture
there chosen, so that Enter takes it (``station_memory``). The photo is read and processed
(checked, turned upright, re-encoded without metadata) on the worker thread, never on this one,
and kept in memory only until the family is saved. A refused file is named next to the field, and
nothing typed is lost. A camera needs Qt Multimedia, which PySide6-Essentials does not ship
(``PySide6-Addons`` does): without it there is no camera button; with it, the button opens
``app.ui.camera.CameraDialog`` (which says so when no camera is plugged in) and the frame it
captures, PNG bytes in memory, goes through the same processing as a file.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app import services
from app.domain.errors import DomainError

from ..forms import InlineMessage, Retranslating, hint, photo_file_dialog
from ..worker import Operation
from .station_memory import StationMemory

THUMBNAIL = 96  # px, the longest side of the preview


def camera_available() -> bool:
    """Qt Multimedia is installed (PySide6-Addons); PySide6-Essentials alone has no camera support."""
    try:
        return importlib.util.find_spec("PySide6.QtMultimedia") is not None
    except (ImportError, ValueError):
        return False


def _load(path: str) -> tuple[bytes, QImage]:
    """On the worker: the file's bytes (checked and processed) and a small preview of what is kept."""
    return _prepare(services.read_photo_file(path=Path(path)))


def _prepare(data: bytes) -> tuple[bytes, QImage]:
    """On the worker: the photo's bytes, checked and processed, and a small preview of what is kept."""
    photo = services.prepare_photo(data=data)
    preview = QImage.fromData(photo.jpeg, "JPEG")  # QImage (not QPixmap) may be made off the UI thread
    small = preview.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    return data, small


class IdentityBundleBox(Retranslating, QWidget):
    """"Carried by" and "Photo" for one pre-verbal child."""

    changed = Signal()
    loading_changed = Signal(bool)

    def __init__(self, memory: StationMemory | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._memory = memory or StationMemory()
        self._photo: bytes | None = None
        self._source = "file"
        self._loaded_path = ""
        self._generation = 0
        self.loading = False
        self.carried_by_label, self.photo_label = QLabel(), QLabel()
        self.carried_by = QComboBox()
        self.carried_by.addItem("", None)
        self.photo_path = QLineEdit()
        self.choose_button, self.remove_button = QPushButton(), QPushButton()
        self.camera_button: QPushButton | None = QPushButton() if camera_available() else None
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setVisible(False)
        self.photo_hint = hint("")
        self.photo_message = InlineMessage("")
        self.file_dialog: QFileDialog | None = None
        self._lay_out()
        self.photo_path.editingFinished.connect(self._path_entered)
        self.photo_path.returnPressed.connect(self._return_pressed)
        self.photo_path.textChanged.connect(lambda _text: self._update_buttons())
        self.choose_button.clicked.connect(self.browse)
        self.remove_button.clicked.connect(self.remove_photo)
        if self.camera_button is not None:
            self.camera_button.clicked.connect(self.open_camera)
        self.carried_by.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.retranslate()
        self._update_buttons()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.carried_by_label.setBuddy(self.carried_by)
        self.photo_label.setBuddy(self.photo_path)
        grid.addWidget(self.carried_by_label, 0, 0)
        grid.addWidget(self.carried_by, 0, 1)
        grid.addWidget(self.photo_label, 1, 0)
        line = QHBoxLayout()
        line.addWidget(self.photo_path, 1)
        line.addWidget(self.choose_button)
        if self.camera_button is not None:
            line.addWidget(self.camera_button)
        line.addWidget(self.remove_button)
        grid.addLayout(line, 1, 1)
        grid.addWidget(self.photo_hint, 2, 1)
        grid.addWidget(self.photo_message, 3, 1)
        grid.addWidget(self.thumbnail, 4, 1)
        grid.setColumnStretch(1, 1)

    def retranslate(self) -> None:
        self.carried_by_label.setText(self.tr("Ca&rried by"))
        self.carried_by.setItemText(0, self.tr("— not recorded —"))
        self.photo_label.setText(self.tr("P&hoto"))
        self.photo_path.setPlaceholderText(self.tr("Path of a JPEG, PNG or WebP file; Enter loads it (empty: "
                                                   "Enter chooses one)"))
        self.choose_button.setText(self.tr("Ch&oose…"))
        self.remove_button.setText(self.tr("Remove photo"))
        if self.camera_button is not None:
            self.camera_button.setText(self.tr("Ta&ke with the camera…"))
            self.camera_button.setAccessibleName(self.tr("Take a photo with the camera"))
        self.photo_hint.setText(self.tr("Up to 15 MB. Kept re-encoded, without location or camera data, "
                                        "only in the encrypted store."))
        self.carried_by.setAccessibleName(self.tr("Adult who carried the child"))
        self.photo_path.setAccessibleName(self.tr("Photo file"))
        self.choose_button.setAccessibleName(self.tr("Choose a photo file"))
        self.remove_button.setAccessibleName(self.tr("Remove the photo"))
        self.thumbnail.setAccessibleName(self.tr("Photo preview"))
        self.photo_message.setAccessibleName(self.tr("Problem with the photo"))

    # --- carried by ------------------------------------------------------------------------------

    def set_adults(self, adults: list[tuple[str, str]]) -> None:
        """The adults entered so far, as (key, name); the choice stays while its adult is there."""
        chosen = self.carried_by.currentData()
        self.carried_by.blockSignals(True)
        while self.carried_by.count() > 1:
            self.carried_by.removeItem(1)
        for key, name in adults:
            self.carried_by.addItem(name, key)
        index = self.carried_by.findData(chosen) if chosen is not None else 0
        self.carried_by.setCurrentIndex(max(index, 0))
        self.carried_by.blockSignals(False)
        if chosen is not None and index < 0:
            self.changed.emit()

    def carrier(self) -> str | None:
        value = self.carried_by.currentData()
        return str(value) if value else None

    # --- photo -----------------------------------------------------------------------------------

    def photo(self) -> bytes | None:
        """The bytes of the photo file loaded (in memory only), or None."""
        return self._photo

    def photo_source(self) -> str:
        """Where the photo came from: ``"file"`` or ``"camera"``."""
        return self._source

    def browse(self) -> None:
        """A file dialog, opened without blocking (the window may lock meanwhile)."""
        self.file_dialog = photo_file_dialog(self, self._chosen, self._memory.photo_folder())
        self.file_dialog.destroyed.connect(lambda *_: setattr(self, "file_dialog", None))

    def open_camera(self) -> None:
        """The camera's preview, opened without blocking; a captured frame is processed like a file."""
        from ..camera import CameraDialog

        dialog = CameraDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.captured.connect(self.take_captured)
        dialog.open()

    def take_captured(self, data: bytes) -> None:
        self.photo_path.clear()
        self._start(lambda: _prepare(data), "camera")

    def _chosen(self, path: str) -> None:
        self.photo_path.setText(path)
        self.load(path)

    def _return_pressed(self) -> None:
        """Enter in the empty path, no photo taken: choose one (Enter in the dialog takes the newest)."""
        if not self.photo_path.text().strip() and self._photo is None and not self.loading:
            self.browse()

    def _path_entered(self) -> None:
        path = self.photo_path.text().strip()
        if path and path != self._loaded_path:
            self.load(path)
        elif not path and self._photo is not None:
            self.remove_photo()

    def load(self, path: str) -> None:
        """Read and check the photo on the worker; the preview appears once it is accepted."""
        self._loaded_path = path
        self._start(lambda: _load(path), "file")

    def _start(self, work: Callable[[], tuple[bytes, QImage]], source: str) -> None:
        self._generation += 1
        generation = self._generation
        self.photo_message.clear_message()
        self._set_loading(True)
        Operation(self, work) \
            .success(lambda answer: self._loaded(generation, answer, source)) \
            .failure(lambda error: self._refused(generation, error)).run()

    def _loaded(self, generation: int, answer: tuple[bytes, QImage], source: str) -> None:
        if generation != self._generation:
            return  # another photo was asked for meanwhile
        data, preview = answer
        self._photo, self._source = data, source
        if source == "file":
            self._memory.remember_photo_folder(Path(self._loaded_path))  # the next dialog opens there
        self.thumbnail.setPixmap(QPixmap.fromImage(preview))
        self.thumbnail.setVisible(True)
        self._set_loading(False)
        self.changed.emit()

    def _refused(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        self._loaded_path = ""  # the same path may be tried again once the file is fixed
        if isinstance(error, DomainError):
            problems = getattr(error, "problems", None)
            detail = "; ".join(p.message for p in problems) if problems else str(error)
        elif isinstance(error, OSError):
            detail = error.strerror or type(error).__name__
        else:
            raise error
        self.photo_message.show_message(self.tr("This photo was not taken: %1").replace("%1", detail))
        self.photo_path.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_photo(self) -> None:
        self._generation += 1
        self._photo = None
        self._loaded_path = ""
        self.photo_path.clear()
        self.thumbnail.clear()
        self.thumbnail.setVisible(False)
        self.photo_message.clear_message()
        self._set_loading(False)
        self.changed.emit()

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self._update_buttons()
        self.loading_changed.emit(loading)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self._photo is not None or bool(self.photo_path.text()))

    def has_input(self) -> bool:
        return self._photo is not None or self.carried_by.currentIndex() > 0 or bool(self.photo_path.text().strip())

    def tab_chain(self) -> list[QWidget]:
        camera = [self.camera_button] if self.camera_button is not None else []
        return [self.carried_by, self.photo_path, self.choose_button, *camera, self.remove_button]
