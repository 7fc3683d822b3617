"""A photo from the station's camera, through Qt Multimedia (PySide6-Addons): a live preview and
Take photo (Space or Enter). The picture stays in memory (``QImageCapture.capture``, never
``captureToFile``) and leaves as PNG bytes, for the same processing as a photo from a file
(re-encoded, metadata stripped, size-limited). Without Qt Multimedia or without a camera the app
says so and the file path stays open.

The preview and the capture need a camera, which the test machine does not have: the tests check
that no camera is reported as such and that a captured image becomes bytes the photo processing
takes; the capture itself is exercised only where a camera is plugged in.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .forms import InlineMessage, Retranslating


def _multimedia() -> Any | None:
    """The QtMultimedia module, or None when PySide6-Addons (or a library it needs) is missing."""
    rules = os.environ.get("QT_LOGGING_RULES", "")
    if "symbolsresolver" not in rules:  # optional libraries (PipeWire, VA-API) it does without: no noise
        os.environ["QT_LOGGING_RULES"] = ";".join(filter(None, [rules, "qt.multimedia.symbolsresolver=false"]))
    try:
        from PySide6 import QtMultimedia
    except ImportError:
        return None
    return QtMultimedia


def camera_available() -> bool:
    """Whether Qt Multimedia finds a camera on this station now."""
    multimedia = _multimedia()
    return bool(multimedia and multimedia.QMediaDevices.videoInputs())


def image_bytes(image: QImage) -> bytes:
    """A captured frame as PNG bytes, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image.isNull() or not image.save(buffer, "PNG"):
        raise ValueError("the camera gave no picture")
    buffer.close()
    return bytes(data.data())


class CameraDialog(Retranslating, QDialog):
    """Preview and capture; ``captured`` carries the photo as PNG bytes."""

    captured = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(520, 440)
        self.message = InlineMessage("")
        self.buttons = QDialogButtonBox(self)  # the dialog's own: so is its default (forms.FormDialog)
        self.take_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.take_button.setDefault(True)
        self.buttons.accepted.connect(self.take)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.take)
        column = QVBoxLayout(self)
        self._camera: Any = None
        self._capture: Any = None
        self._session: Any = None
        multimedia = _multimedia()
        inputs = multimedia.QMediaDevices.videoInputs() if multimedia else []
        if multimedia is not None and inputs:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self.preview: QWidget = QVideoWidget()
            self._camera = multimedia.QCamera(multimedia.QMediaDevices.defaultVideoInput())
            self._capture = multimedia.QImageCapture()
            self._session = multimedia.QMediaCaptureSession()
            self._session.setCamera(self._camera)
            self._session.setImageCapture(self._capture)
            self._session.setVideoOutput(self.preview)
            self._capture.imageCaptured.connect(self._frame)
            self._capture.errorOccurred.connect(lambda _id, _error, text: self.message.show_message(text))
            self._camera.errorOccurred.connect(lambda _error, text: self.message.show_message(text))
            self._camera.start()
        else:
            self.preview = QLabel()
            self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.preview.setWordWrap(True)
            self.take_button.setEnabled(False)
        column.addWidget(self.preview, 1)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — photo from the camera"))
        self.take_button.setText(self.tr("&Take photo (Space)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.message.setAccessibleName(self.tr("Camera message"))
        if isinstance(self.preview, QLabel):
            self.preview.setText(self.tr("No camera found. Connect one, or choose a photo file instead.")
                                 if _multimedia() is not None else
                                 self.tr("This installation has no camera support (Qt Multimedia). Choose a photo "
                                         "file instead."))
        else:
            self.preview.setAccessibleName(self.tr("Camera preview"))

    def take(self) -> None:
        if self._capture is not None and self._capture.isReadyForCapture():
            self._capture.capture()

    def _frame(self, _id: int, image: QImage) -> None:
        try:
            data = image_bytes(image)
        except ValueError:
            self.message.show_message(self.tr("The camera gave no picture. Try again."))
            return
        self.captured.emit(data)
        self.accept()

    def done(self, result: int) -> None:
        if self._camera is not None:
            self._camera.stop()
        super().done(result)
