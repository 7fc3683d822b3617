"""Photos from a camera: this machine has Qt Multimedia but no camera, so the dialog must say so and
offer nothing to press; a captured frame becomes PNG bytes in memory."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtGui import QColor, QImage

from app.ui import camera


def test_without_a_camera_the_dialog_says_so_and_cannot_take_a_photo(qtbot) -> None:
    assert camera.camera_available() is False, "this test machine has no camera"
    dialog = camera.CameraDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.take_button.isEnabled()
    assert dialog.preview.text().startswith("No camera found.")
    with qtbot.assertNotEmitted(dialog.captured):
        dialog.take()


def test_a_captured_frame_becomes_png_bytes_in_memory() -> None:
    frame = QImage(64, 48, QImage.Format.Format_RGB32)
    frame.fill(QColor(200, 30, 30))
    data = camera.image_bytes(frame)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (64, 48))
    assert image.convert("RGB").getpixel((10, 10)) == (200, 30, 30)
    with pytest.raises(ValueError, match="no picture"):
        camera.image_bytes(QImage())
