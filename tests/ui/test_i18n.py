"""Languages: texts 40% longer (the pseudo-language) clip nowhere, and a language switch re-sets
the texts of open windows in place, keeping what was typed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app import services
from app.ui import i18n
from app.ui.first_run import FirstRunDialog
from app.ui.login import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.settings import LANGUAGE, Settings


@pytest.fixture
def pseudo(qapp: object) -> Iterator[i18n.PseudoTranslator]:
    translator = i18n.install_pseudo()
    yield translator
    i18n.switch("en")


def clipped(root: QWidget) -> list[str]:
    """The visible labels and buttons whose text does not fit the room they were given."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton) or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            too_small = widget.height() < widget.heightForWidth(widget.width())
        else:
            too_small = widget.width() < widget.minimumSizeHint().width() or \
                widget.width() < widget.sizeHint().width() - 2
        if too_small:
            found.append(f"{type(widget).__name__} {widget.text()!r} ({widget.width()}x{widget.height()})")
    return found


def _shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)  # let layouts settle
    return widget


def test_the_pseudo_language_really_lengthens_texts(qtbot, data_dir: Path, pseudo) -> None:
    dialog = _shown(qtbot, LoginDialog(data_dir))
    assert len(dialog.sign_in_button.text()) >= round(len("Sign in") * 1.4)
    assert dialog.user_label.text().startswith("&")  # the mnemonic survives


def test_first_run_and_sign_in_clip_nothing_in_the_pseudo_language(qtbot, data_dir: Path, pseudo) -> None:
    assert clipped(_shown(qtbot, FirstRunDialog(data_dir))) == []
    assert clipped(_shown(qtbot, LoginDialog(data_dir))) == []


def test_the_main_window_and_lock_screen_clip_nothing_in_the_pseudo_language(
        qtbot, agent: services.Session, station: Path, example_document: bytes, pseudo) -> None:
    services.register_family(session=agent, document=example_document)
    window = _shown(qtbot, MainWindow(agent, station))
    assert isinstance(window, MainWindow)
    qtbot.keyClicks(window.search_box, "garcia")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    window.results.setCurrentItem(window.results.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    assert window.search_button.text() == i18n.PseudoTranslator.stretch("Search")
    assert clipped(window) == []
    window.lock()
    qtbot.wait(20)
    assert clipped(window) == []


def test_a_language_switch_retranslates_open_windows_in_place(qtbot, data_dir: Path, pseudo) -> None:
    i18n.switch("en")
    dialog = _shown(qtbot, FirstRunDialog(data_dir))
    dialog.station_name.insert("Lukeville")
    assert dialog.create_button.text() == "Create station"
    i18n.install_pseudo()
    qtbot.waitUntil(lambda: dialog.create_button.text() != "Create station", timeout=2000)
    assert dialog.create_button.text() == i18n.PseudoTranslator.stretch("Create station")
    assert dialog.station_name.text() == "Lukeville", "what was typed stays"
    i18n.switch("en")
    qtbot.waitUntil(lambda: dialog.create_button.text() == "Create station", timeout=2000)


def test_the_clipping_check_finds_a_clipped_label(qtbot) -> None:
    box = QWidget()
    label = QLabel("a label much longer than the room it gets", box)
    label.setFixedWidth(40)
    _shown(qtbot, box)
    assert len(clipped(box)) == 1


# --- Spanish ------------------------------------------------------------------------------------

TS = i18n.TRANSLATIONS / "kinlink_es.ts"


def _messages(ts: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(context, source, translation, type) of every message of a Qt Linguist file."""
    root = ElementTree.parse(ts).getroot()
    return [(context.findtext("name") or "", message.findtext("source") or "", message.findtext("translation"),
             message.find("translation").get("type"))  # type: ignore[union-attr]
            for context in root.iter("context") for message in context.iter("message")]


def test_every_text_of_the_app_has_a_spanish_translation(tmp_path: Path) -> None:
    """lupdate reads the code as `make translations` does; each text must be in the .ts, translated."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in Path("app/ui").rglob("*.py"))
    subprocess.run([str(Path(sys.executable).with_name("pyside6-lupdate")), *sources, "-ts", str(fresh),
                    "-target-language", "es"], check=True, capture_output=True)
    in_code = {(c, s) for c, s, _, _ in _messages(fresh)}
    translated = {(c, s): (t, kind) for c, s, t, kind in _messages(TS)}
    missing = sorted(in_code - translated.keys())
    unfinished = sorted(key for key in in_code & translated.keys()
                        if translated[key][1] == "unfinished" or not translated[key][0])
    assert missing == [] and unfinished == [], "run `make translations` and translate these"


def test_spanish_keeps_placeholders_and_mnemonics() -> None:
    for context, source, translation, _kind in _messages(TS):
        assert translation is not None
        for mark in ("%1", "%2", "%3", "%4"):
            assert (mark in source) == (mark in translation), (context, source)
        assert source.count("&") == translation.count("&"), (context, source)


def test_sign_in_in_spanish(qtbot, station: Path, spanish: None) -> None:
    dialog = _shown(qtbot, LoginDialog(station, "ana"))
    assert dialog.windowTitle() == "Kinlink — iniciar sesión"
    assert dialog.sign_in_button.text() == "Entrar"
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    dialog.sign_in_button.click()
    qtbot.waitUntil(dialog.login_message.isVisible, timeout=5000)
    assert dialog.login_message.text() == "Usuario o frase de contraseña incorrectos."
    assert clipped(dialog) == []


def test_the_main_window_switches_to_spanish_and_back_in_place(
        qtbot, agent: services.Session, station: Path, example_document: bytes) -> None:
    services.register_family(session=agent, document=example_document)
    window = _shown(qtbot, MainWindow(agent, station))
    assert isinstance(window, MainWindow)
    qtbot.keyClicks(window.search_box, "garcia")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    window.results.setCurrentItem(window.results.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    spanish = next(a for a in window.language_actions.actions() if a.data() == "es")
    try:
        spanish.trigger()
        qtbot.waitUntil(lambda: window.search_button.text() == "Buscar", timeout=2000)
        assert window.family_view.links.topLevelItem(0).text(1) == "madre"  # the record's words too
        qtbot.waitUntil(lambda: window.today.topLevelItem(0).text(4) == "0 de 2", timeout=5000)  # today's units
        assert window.search_box.text() == "garcia"
        assert Settings(station).get(LANGUAGE) == "es"
        qtbot.wait(50)  # the layouts' turn after the texts changed
        assert clipped(window) == []
    finally:
        next(a for a in window.language_actions.actions() if a.data() == "en").trigger()
    qtbot.waitUntil(lambda: window.search_button.text() == "Search", timeout=2000)


def test_the_band_dialogs_clip_nothing_in_the_pseudo_language(qtbot, agent: services.Session, station: Path,
                                                              example_document: bytes, pseudo) -> None:
    from app.ui.attach_dialog import AttachBandsDialog
    from app.ui.print_dialog import PrintBandsDialog

    answer = services.register_family(session=agent, document=example_document)["families"][0]
    family = services.show_family(session=agent, ident=answer["id"])
    printing = _shown(qtbot, PrintBandsDialog(agent, station, family))
    assert isinstance(printing, PrintBandsDialog)
    for index in range(printing.destination.count()):  # every row of the form, shown in turn
        printing.destination.setCurrentIndex(index)
        qtbot.wait(20)
        assert clipped(printing) == []
    attaching = _shown(qtbot, AttachBandsDialog(agent, station, family))
    assert isinstance(attaching, AttachBandsDialog)
    attaching.scan_text(services.band_payload(session=agent, band=family["people"][1]["band"]))
    qtbot.waitUntil(lambda: bool(attaching.answer.text()), timeout=5000)
    qtbot.wait(20)
    assert clipped(attaching) == []


def test_putting_bands_on_answers_in_the_new_language_after_a_switch(qtbot, agent: services.Session, station: Path,
                                                                     example_document: bytes, spanish: None) -> None:
    from app.ui.attach_dialog import AttachBandsDialog

    i18n.switch("en")  # the dialog starts in English; the .qm is built by the fixture
    answer = services.register_family(session=agent, document=example_document)["families"][0]
    family = services.show_family(session=agent, ident=answer["id"])
    dialog = _shown(qtbot, AttachBandsDialog(agent, station, family))
    assert isinstance(dialog, AttachBandsDialog)
    dialog.scan_text(services.band_payload(session=agent, band=family["people"][1]["band"]))  # on the first person
    qtbot.waitUntil(lambda: dialog.answer.text().startswith("WRONG PERSON"), timeout=5000)
    assert dialog.people.topLevelItem(1).text(0) == "Name unknown"
    i18n.switch("es")
    qtbot.waitUntil(lambda: dialog.answer.text().startswith("PERSONA EQUIVOCADA"), timeout=2000)
    assert dialog.people.topLevelItem(0).text(2) == "⚠ Brazalete equivocado"
    assert dialog.people.topLevelItem(1).text(0) != "Name unknown"


def test_the_supervisor_dialogs_clip_nothing_in_the_pseudo_language(qtbot, supervisor: services.Session,
                                                                    station: Path, example_document: bytes,
                                                                    pseudo) -> None:
    from app.ui.conflicts_dialog import ConflictsDialog
    from app.ui.correction_dialog import CorrectionDialog

    answer = services.register_family(session=supervisor, document=example_document)["families"][0]
    family = services.show_family(session=supervisor, ident=answer["id"])
    correcting = _shown(qtbot, CorrectionDialog(supervisor, station, "person", family["people"][0], "María José"))
    assert isinstance(correcting, CorrectionDialog)
    for index in range(correcting.field.count()):  # every field, text or list, shown in turn
        correcting.field.setCurrentIndex(index)
        qtbot.wait(10)
        assert clipped(correcting) == []
    conflicts = _shown(qtbot, ConflictsDialog(supervisor, station))
    qtbot.waitUntil(lambda: not conflicts.is_busy, timeout=5000)
    assert conflicts.empty.isVisible() and clipped(conflicts) == []
    from app.ui.audit_viewer import AuditDialog

    trail = _shown(qtbot, AuditDialog(supervisor, station))
    qtbot.waitUntil(lambda: not trail.is_busy, timeout=5000)
    assert clipped(trail) == []
    from app.ui.band_reason_dialog import BandReasonDialog

    for voiding in (True, False):
        assert clipped(_shown(qtbot, BandReasonDialog(supervisor, station, family["people"][1], voiding))) == []
    from app.ui.proposals_dialog import ProposalsDialog

    proposals = _shown(qtbot, ProposalsDialog(supervisor, station))
    qtbot.waitUntil(lambda: not proposals.is_busy, timeout=5000)
    assert clipped(proposals) == []
    proposing = CorrectionDialog(supervisor, station, "person", family["people"][0], "María José", propose=True)
    assert clipped(_shown(qtbot, proposing)) == []
    from app.ui.merge_dialog import MergeDialog

    assert clipped(_shown(qtbot, MergeDialog(supervisor, station, family["people"][0]))) == []
    merged = {**family["people"][0], "merged_into": "someone"}
    assert clipped(_shown(qtbot, MergeDialog(supervisor, station, merged))) == []
    from app.ui.move_dialog import MoveDialog

    assert clipped(_shown(qtbot, MoveDialog(supervisor, station, family["people"][1]))) == []


def test_every_record_field_has_a_name_to_translate() -> None:
    """Field names are looked up at run time (history, corrections, conflicts), so lupdate cannot find
    them in the code: each is listed in labels.FIELD_NAMES, and so has a Spanish translation."""
    from app.domain.model import ENTITIES
    from app.ui import labels

    named = {f.replace("_", " ") for spec in ENTITIES.values() for f in spec.fields}
    assert named == set(labels.FIELD_NAMES)


def test_the_users_dialogs_clip_nothing_in_the_pseudo_language(qtbot, admin: services.Session, station: Path,
                                                               pseudo) -> None:
    from app.ui.users_dialog import AccountDialog, RoleDialog, UsersDialog

    users = _shown(qtbot, UsersDialog(admin, station))
    qtbot.waitUntil(lambda: not users.is_busy and users.users.topLevelItemCount() == 3, timeout=5000)
    assert clipped(users) == []
    agent = {"name": "ana", "role": "agent", "disabled": False, "locked": False}
    for dialog in (AccountDialog(admin, station, None), AccountDialog(admin, station, agent),
                   RoleDialog(admin, station, agent)):
        assert clipped(_shown(qtbot, dialog)) == []
