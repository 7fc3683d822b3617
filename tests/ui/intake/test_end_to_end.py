"""Issue 5's end-to-end test: an agent registers two adults and three children (one pre-verbal,
with a photo from a file) with the keyboard alone, prints the bands to PDF, confirms each band on
its wrist by a simulated scan; the store then holds exactly that family with every link and the
child's identity bundle, and the PDF's QR codes decode. (Invented people; invented photo.)"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import Qt

from app import services
from app.ui.main_window import MainWindow
from app.ui.scanning import MAX_GAP_MS
from tests.band_images import decode, rasterise_pdf

from .conftest import CTRL, SHIFT, Keyboard
from .test_keyboard_registration import SPACE, _check_store, _grid, _person


def _photo_file(folder: Path) -> Path:
    """A made-up picture with a GPS position and a camera name in its EXIF, as a phone would write it."""
    image = Image.new("RGB", (1600, 1200), (60, 140, 90))
    image.paste((230, 200, 40), (0, 0, 800, 1200))
    exif = Image.Exif()
    exif[0x010F] = "Invented Phone"
    exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 29.0, 0.0), 3: "W", 4: (111.0, 32.0, 0.0)})
    path = folder / "baby.jpg"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return path


def _tick(qtbot: Any, keyboard: Keyboard, letters: str) -> None:
    """Languages: a letter then Space each, at a person's pace (the main window takes keys faster than
    60 ms apart, outside text fields, for a scanner's)."""
    for letter in letters:
        for key in (letter, " "):
            qtbot.wait(MAX_GAP_MS + 20)
            if key == " ":
                keyboard.key(SPACE)
            else:
                keyboard.type(key)


def _activate(qtbot: Any, widget: Any) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)


def _register(qtbot: Any, keyboard: Keyboard, window: MainWindow, photo: Path) -> dict[str, Any]:
    _activate(qtbot, window)
    keyboard.key(Qt.Key.Key_N, CTRL)
    wizard = window.intake
    assert wizard is not None and keyboard.focus() is wizard.encounter_page.place
    keyboard.type("Sasabe port, sector Tucson")
    keyboard.tab()
    keyboard.type("31.48")
    keyboard.tab()
    keyboard.type("-111.54")
    keyboard.next(wizard)
    _person(keyboard, wizard, "adult", given="Ixchel", family="Batz'ín Tum", birth="1991-04-12", sex="f",
            country="g")
    _tick(qtbot, keyboard, "sk")  # Spanish, K'iche'
    _person(keyboard, wizard, "adult", given="Tz'unun", family="Quixabé Sic", age="35", sex="m", country="h")
    _tick(qtbot, keyboard, "m")  # Mam
    _person(keyboard, wizard, "child", given="Saqik", family="Quixabé Batz'ín", birth="2016-08-30", sex="f",
            country="g")
    _tick(qtbot, keyboard, "k")
    _person(keyboard, wizard, "child", given="B'alam", family="Quixabé Batz'ín", age="7", sex="m")
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)  # the baby: name unknown, pre-verbal, described
    baby = wizard.people_page.forms.currentWidget()
    keyboard.tab(2)
    keyboard.key(SPACE)
    keyboard.tab(2)
    keyboard.type("0.5")
    keyboard.tab()
    keyboard.type("u")
    keyboard.tab(3)
    assert keyboard.focus() is baby.preverbal
    keyboard.key(SPACE)
    for text in ("black, curly", "brown", "mole behind the left ear", "yellow onesie"):
        keyboard.tab()
        keyboard.type(text)
    keyboard.tab()
    keyboard.type("carried by Ixchel")
    keyboard.tab()
    assert keyboard.focus() is baby.bundle.carried_by
    keyboard.type("i")  # Ixchel
    keyboard.tab()
    assert keyboard.focus() is baby.bundle.photo_path
    keyboard.type(str(photo))
    keyboard.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: baby.bundle.thumbnail.isVisible(), timeout=10_000)
    assert not baby.bundle.photo_message.isVisible() and not baby.bundle.loading
    keyboard.key(Qt.Key.Key_Return, CTRL)
    assert wizard.step() == "relationships", wizard.people_page.message.text()
    _grid(keyboard, wizard, [[("m", ""), ("f", "d")], [("m", "o"), ("u", "")], [("m", "o"), ("r", "")]])
    keyboard.next(wizard)
    summary = wizard.review_page.summary.text()
    assert "carried by Ixchel Batz" in summary and "photo ✓" in summary
    with qtbot.waitSignal(wizard.family_saved, timeout=20_000) as saved:
        keyboard.key(Qt.Key.Key_Return, CTRL)
    return saved.args[0]


def test_register_print_and_put_on_the_bands_by_keyboard(qtbot: Any, agent: services.Session, station: Path,
                                                        keyboard: Keyboard, tmp_path: Path) -> None:
    window = MainWindow(agent, station)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    answer = _register(qtbot, keyboard, window, _photo_file(tmp_path))

    qtbot.waitUntil(lambda: window.bands.printing is not None and window.bands.printing.isVisible(), timeout=5000)
    printing = window.bands.printing
    assert printing is not None
    _activate(qtbot, printing)
    [pdf_index] = [i for i in range(printing.destination.count()) if printing.destination.itemData(i).kind == "pdf"]
    printing.destination.setCurrentIndex(pdf_index)
    out = tmp_path / "bands.pdf"
    printing.file_path.clear()
    qtbot.keyClicks(printing.file_path, str(out))
    qtbot.keyClick(printing, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: printing.done_message.isVisible(), timeout=20_000)
    assert printing.close_button.text() == "&Next: put the bands on"
    qtbot.keyClick(printing.close_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.bands.attaching is not None and window.bands.attaching.isVisible(), timeout=5000)
    attaching = window.bands.attaching
    assert attaching is not None
    _activate(qtbot, attaching)
    for _ in range(5):
        scan = services.band_payload(session=agent, band=attaching.current_person()["band"])
        qtbot.keyClicks(attaching.scan, scan)
        qtbot.keyClick(attaching.scan, Qt.Key.Key_Return)
        qtbot.waitUntil(attaching.scan.isEnabled, timeout=5000)
    assert attaching.all_on()

    _check_store(agent, answer)
    family = services.show_family(session=agent, ident=answer["families"][0]["id"])
    refs = {p["ref"]: p["id"] for p in answer["families"][0]["people"]}
    people = {p["id"]: p for p in family["people"]}
    assert all(b["attached_at"] for p in people.values() for b in p["bands"])
    baby = people[refs["c3"]]
    assert baby["carried_by"] == refs["a1"]
    assert all(people[refs[r]]["carried_by"] is None and people[refs[r]]["photos"] == []
               for r in ("a1", "a2", "c1", "c2"))
    [photo] = baby["photos"]
    assert (photo["source"], photo["width"], photo["height"]) == ("file", 1280, 960)
    jpeg = services.person_photo(session=agent, photo_id=photo["id"])
    with Image.open(io.BytesIO(jpeg)) as kept:
        assert kept.format == "JPEG" and not kept.getexif() and b"Invented Phone" not in jpeg

    pages = rasterise_pdf(out, tmp_path, dpi=300)
    found = sorted(text for page in pages for text in decode(page))
    assert found == sorted(services.band_payload(session=agent, band=p["band"]) for p in family["people"])
