"""The people step's identity bundle for a pre-verbal child: "Carried by" offers the adults typed so
far; a photo is loaded on the worker and previewed; a bad file is refused next to the field with
everything typed kept. (Invented people.)"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from app.ui.intake import bundle_box
from app.ui.intake.person_form import PersonForm
from app.ui.intake.wizard import IntakeWizard

from .conftest import add, fill_encounter


def _people_step(wizard: IntakeWizard) -> None:
    if wizard.step() != "people":
        fill_encounter(wizard)
        wizard.next()
        assert wizard.step() == "people"


def _baby(wizard: IntakeWizard) -> PersonForm:
    _people_step(wizard)
    form = add(wizard, "child", unknown=True, sex="unknown", age="1")
    form.preverbal.setChecked(True)
    form.features["hair"].setText("black, curly")
    return form


def _png_bomb(path: Path) -> Path:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\0" * 4096)) + chunk(b"IEND", b""))
    return path


def _big(path: Path) -> Path:
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    return path


def _photo(path: Path) -> Path:
    Image.new("RGB", (640, 480), (20, 90, 160)).save(path, format="PNG")
    return path


def _enter(qtbot, form: PersonForm, path: Path) -> None:
    form.bundle.photo_path.setFocus()
    form.bundle.photo_path.setText(str(path))
    qtbot.keyClick(form.bundle.photo_path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.bundle.loading, timeout=10_000)


def test_the_bundle_shows_only_for_a_pre_verbal_child(wizard: IntakeWizard) -> None:
    _people_step(wizard)
    adult = add(wizard, "adult", "Ixchel", "Batz'ín Tum")
    child = add(wizard, "child", "Saqik", "Quixabé", age="9")
    assert adult.bundle.isHidden() and child.bundle.isHidden()
    child.preverbal.setChecked(True)
    assert not child.bundle.isHidden()


def test_carried_by_offers_the_adults_entered_so_far(wizard: IntakeWizard) -> None:
    baby = _baby(wizard)
    combo = baby.bundle.carried_by
    assert [combo.itemText(i) for i in range(combo.count())] == ["— not recorded —"]
    mother = add(wizard, "adult", "Ixchel", "Batz'ín Tum")
    add(wizard, "adult", "Tz'unun", "Quixabé Sic", sex="male")
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["Ixchel Batz'ín Tum", "Tz'unun Quixabé Sic"]
    combo.setCurrentIndex(combo.findData(mother.key))
    mother.given_names.setText("Ixchel Maribel")
    assert combo.currentText() == "Ixchel Maribel Batz'ín Tum", "renamed, still chosen"
    wizard.people_page.remove_person(mother)
    assert combo.currentIndex() == 0 and combo.count() == 2


@pytest.mark.parametrize(("make", "expected"), [
    (lambda folder: (folder / "notes.jpg").write_bytes(b"not a photo at all") and folder / "notes.jpg",
     "the file is not a photo"),
    (lambda folder: _png_bomb(folder / "bomb.png"), "too many pixels"),
    (lambda folder: _big(folder / "huge.jpg"), "the photo is 50 MB; the largest accepted is 15 MB"),
    (lambda folder: folder / "missing.jpg", "there is no such file"),
])
def test_a_bad_photo_file_is_refused_next_to_the_field(qtbot, wizard: IntakeWizard, tmp_path: Path, make,
                                                       expected: str) -> None:
    baby = _baby(wizard)
    _enter(qtbot, baby, make(tmp_path))
    message = baby.bundle.photo_message
    assert message.isVisible() and message.text().startswith("This photo was not taken: ")
    assert expected in message.text()
    assert baby.bundle.photo() is None and baby.bundle.thumbnail.isHidden()
    assert baby.features["hair"].text() == "black, curly" and baby.name_unknown.isChecked(), "nothing typed is lost"
    assert baby.bundle.photo_path.hasFocus()

    _enter(qtbot, baby, _photo(tmp_path / "good.png"))  # a good file replaces the refused one
    assert not message.isVisible() and baby.bundle.thumbnail.isVisible() and baby.bundle.photo() is not None
    assert max(baby.bundle.thumbnail.pixmap().width(), baby.bundle.thumbnail.pixmap().height()) == 96


def test_choose_opens_a_file_dialog_without_blocking_and_remove_forgets_the_photo(qtbot, wizard: IntakeWizard,
                                                                                 tmp_path: Path) -> None:
    baby = _baby(wizard)
    photo = _photo(tmp_path / "baby.png")
    baby.bundle.choose_button.click()  # returns at once: the dialog is open, not run
    dialog = baby.bundle.file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.fileSelected.emit(str(photo))
    dialog.close()
    qtbot.waitUntil(lambda: baby.bundle.thumbnail.isVisible(), timeout=10_000)
    assert baby.bundle.photo_path.text() == str(photo) and baby.entry().photo
    baby.bundle.remove_button.click()
    assert baby.bundle.photo() is None and baby.bundle.photo_path.text() == "" and baby.bundle.thumbnail.isHidden()


def test_photo_processing_reads_in_memory_only(qtbot, wizard: IntakeWizard, private_tmp: Path,
                                               tmp_path: Path) -> None:
    baby = _baby(wizard)
    source = io.BytesIO()
    Image.new("RGB", (2000, 1500), (200, 40, 40)).save(source, format="JPEG")
    path = tmp_path / "phone.jpg"
    path.write_bytes(source.getvalue())
    _enter(qtbot, baby, path)
    assert baby.bundle.thumbnail.isVisible()
    assert list(private_tmp.iterdir()) == [], "no temp file"


def test_a_camera_frame_is_processed_like_a_file(qtbot, wizard: IntakeWizard) -> None:
    """The camera dialog (where Qt Multimedia is installed) hands over PNG bytes; they take the same path."""
    baby = _baby(wizard)
    assert (baby.bundle.camera_button is not None) == bundle_box.camera_available()
    frame = io.BytesIO()
    Image.new("RGB", (320, 240), (10, 200, 10)).save(frame, format="PNG")
    baby.bundle.take_captured(frame.getvalue())
    qtbot.waitUntil(lambda: not baby.bundle.loading, timeout=10_000)
    assert baby.bundle.thumbnail.isVisible() and baby.bundle.photo_source() == "camera"
    assert wizard.bundles()[baby.key] == (None, frame.getvalue(), "camera")
