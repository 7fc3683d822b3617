"""A supervisor's correction that would make a record impossible is refused in the dialog, in the
desk's words, with nothing changed. (The example family: María José, born 1990, and her son.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app import services
from app.ui.correction_dialog import CorrectionDialog


def test_a_correction_making_a_mother_six_years_old_is_refused(qtbot, agent: services.Session,
                                                               supervisor: services.Session, station: Path,
                                                               example_document: bytes) -> None:
    band = services.register_family(session=agent, document=example_document)["families"][0]["people"][0]["band"]
    mother = services.show_family(session=supervisor, ident=band)["people"][0]
    dialog = CorrectionDialog(supervisor, station, "person", mother, "María José")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.field.setCurrentIndex(dialog.field.findData("birth_date"))
    dialog.value.text.setText("2020-03-02")
    qtbot.keyClicks(dialog.reason, "typed at intake")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.form_message.text() != "", timeout=5000)
    assert dialog.form_message.text().startswith(
        "María José García López is registered as an adult but is 6 years old: an adult is at least 12. Check the "
        "age, or register them as a child.")
    assert dialog.isVisible() and services.show_family(session=supervisor, ident=band)["people"][0] == mother
