"""The supervisor's queue (Station ▸ Conflicts…) shows what the registry refused and what a pull set
aside, against a real registry process (tests/syncing.py): a station followed a family unit of
another station by a scan, the registry's operator revoked that holding, and the station then
corrected a person of that unit and recorded a custody transfer there: two transactions refused;
a bad record (as an older registry might have stored it) is set aside. Driven with the keys a
supervisor presses: Ctrl+Shift+K, Alt+mnemonics, Enter and Escape."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from sqlalchemy import select

from app import services
from app.domain import clock
from app.domain.changes import Change
from app.ui import conflicts_dialog, i18n, worker
from app.ui.conflicts_dialog import ConflictsDialog
from app.ui.main_window import MainWindow
from app.ui.refusal_words import transaction_summary
from app.ui.sync_panel import Problem, SyncScheduler
from app.ui.withdraw_dialog import WithdrawDialog
from sync import client, protocol
from sync.registry import tables
from tests.conftest import adult, child, document, link
from tests.syncing import RunningRegistry, TestStation
from tests.ui.conftest import show_main_window
from tests.ui.test_i18n import TS, clipped

ALT, CTRL, SHIFT = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier, \
    Qt.KeyboardModifier.ShiftModifier
SOON_MS = 300
LONG_MS = 600_000
THEIRS = document({"people": [adult("a", given="Rosa Elvira", family="Tzul Ixcoy", nationality="GT"),
                              child("b", given="Mateo", family="Tzul", age_estimate_years=4)],
                   "links": [link("a", "b")]})


@pytest.fixture
def registry_db(tmp_path: Path) -> str:
    """The registry over SQLite only (the engine's tests cover PostgreSQL; the screens are the same)."""
    return f"sqlite:///{tmp_path / 'registry.db'}"


@pytest.fixture(autouse=True)
def timers(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sync on its own while a test runs, but one soon after a decision (as after any change)."""
    monkeypatch.setattr(SyncScheduler, "START_MS", LONG_MS)
    monkeypatch.setattr(SyncScheduler, "PERIOD_MS", LONG_MS)
    monkeypatch.setattr(SyncScheduler, "SOON_MS", SOON_MS)


@dataclass
class Scene:
    registry: RunningRegistry
    here: TestStation  # the station whose queue is shown
    there: TestStation  # registered the family unit ``here`` no longer holds
    theirs: dict[str, Any]  # that unit, as registered
    payload: str  # a scan of one of its bands

    def status(self) -> dict[str, Any]:
        assert worker.wait_for_idle()
        return services.sync_status(session=self.here.agent)


@pytest.fixture
def scene(registry: RunningRegistry, make_station: Any, example_document: bytes) -> Scene:
    here, there = make_station("Here"), make_station("There")
    own = here.register(example_document)["families"][0]
    here.sync()
    theirs = there.register(THEIRS)["families"][0]
    there.sync()
    payload = there.payload(theirs["people"][0]["band"])
    here.sync(follow=[payload])
    opened = registry.open()
    try:
        opened.revoke_holding(here.agent.identity.code, theirs["id"], "followed by mistake")
    finally:
        opened.close()
    mother, boy = theirs["people"][0]["id"], theirs["people"][1]["id"]
    services.correct_record(session=here.supervisor, ident=mother, field="nationality", value="HN",
                            reason="passport seen")
    services.transfer_custody(session=here.agent, person=boy, to="hhs_orr", facility="ORR, Tucson",
                              reason="placed in an ORR shelter")
    _set_aside(registry, there, own["people"][0]["id"])
    answer = here.sync()
    assert (answer["refused"], answer["quarantined"], answer["pending"]) == (2, 1, 0), answer
    return Scene(registry, here, there, theirs, payload)


def _set_aside(registry: RunningRegistry, author: TestStation, person_id: str) -> None:
    """A record no registry accepts now, written straight into its tables as an older one might have."""
    identity = author.agent.identity
    bad = Change(uuid.uuid4().hex, "person", person_id, {"role": (None, "pirate")}, False,
                 str(clock.Hlc(clock.now_ms(), 0, identity.code)), identity.code, "agent", None)
    bad = replace(bad, signature=identity.sign(bad.signing_bytes()))
    opened = registry.open()
    try:
        with opened.engine.begin() as conn:
            conn.execute(tables.change.insert().values(
                id=bad.id, station=bad.station, entity=bad.entity, entity_id=bad.entity_id, hlc=bad.hlc,
                body=bad.signing_bytes().decode(), signature=bad.signature, received_at="2026-12-06T00:00:00+00:00"))
    finally:
        opened.close()


@pytest.fixture
def open_window(qtbot: Any, make_station: Any) -> Iterator[Any]:
    """Main windows, closed (and the worker drained) before the stations' sessions close: a sync at
    either station announces changes that send a window reading on its session."""
    opened: list[MainWindow] = []

    def open_(session: services.Session, data_dir: Path) -> MainWindow:
        window = show_main_window(qtbot, session, data_dir)
        qtbot.waitUntil(lambda: window.sync.status is not None, timeout=5000)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.close()
    assert worker.wait_for_idle(), "a sync was still running"


class Keys:
    """Keys to whatever has the focus, as a supervisor's keyboard sends them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifiers)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)

    def mnemonic(self, key: Qt.Key, button: QAbstractButton) -> None:
        """Alt+key; a button's mnemonic clicks it after a short animation, so wait for the click."""
        with self.qtbot.waitSignal(button.clicked, timeout=2000):
            self.press(key, ALT)


@pytest.fixture
def keys(qtbot: Any) -> Keys:
    return Keys(qtbot)


def _queue(qtbot: Any, window: MainWindow, keys: Keys) -> ConflictsDialog:
    """Ctrl+Shift+K, as a supervisor opens it; read."""
    keys.press(Qt.Key.Key_K, CTRL | SHIFT)
    found = [d for d in window.findChildren(ConflictsDialog) if d.isVisible()]
    assert len(found) == 1
    dialog = found[0]
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: not dialog.is_busy and dialog.tabs.tabText(1).endswith(")"), timeout=5000)
    return dialog


def _rows(tree: Any) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())]


def _choose(qtbot: Any, keys: Keys, dialog: ConflictsDialog, what: str) -> None:
    """Home, then down the refused list (it has the focus) to the row that says ``what``."""
    assert QApplication.focusWidget() is dialog.refused
    keys.press(Qt.Key.Key_Home)
    for _ in range(dialog.refused.topLevelItemCount()):
        if dialog.refused.currentItem().text(0).split(" · ")[0] == what:
            return
        keys.press(Qt.Key.Key_Down)
    raise AssertionError(f"no row {what!r}: {_rows(dialog.refused)}")


def test_the_queue_lists_what_was_refused_and_set_aside_with_the_reasons(qtbot, open_window, keys: Keys,
                                                                         scene: Scene) -> None:
    window = open_window(scene.here.supervisor, scene.here.data_dir)
    indicator = window.sync_indicator
    qtbot.waitUntil(lambda: "refused" in indicator.label.text(), timeout=5000)
    assert re.fullmatch(r"Synced \d\d:\d\d · 0 pending · 2 refused · 1 set aside — see Conflicts",
                        indicator.label.text()), indicator.label.text()
    tooltip = indicator.toolTip()
    assert "Transactions the registry refused: 2" in tooltip and "Records set aside from a pull: 1" in tooltip
    assert "Station ▸ Conflicts…" in tooltip
    dialog = _queue(qtbot, window, keys)
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["&Conflicts (0)", "Refused by the re&gistry (2)",
                                                          "Set &aside (1)"]
    assert dialog.tabs.currentIndex() == conflicts_dialog.REFUSED, "it opens on what waits"
    rows = _rows(dialog.refused)
    assert [r[0].split(" · ")[0] for r in rows] == ["Change of a person", "A custody transfer"]
    assert rows[0][0].split(" · ")[1].startswith("Rosa Elvira Tzul Ixcoy ("), "whom it is about, and the unit"
    assert all("does not hold family unit" in r[2] for r in rows)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d \(.+\)", rows[0][1]), rows[0][1]
    assert dialog.refused_detail.text().startswith("The registry's reason: Change of person ")
    assert "records in it: 1" in dialog.refused_detail.text()
    keys.press(Qt.Key.Key_A, ALT)  # the "Set aside" tab
    assert dialog.tabs.currentIndex() == conflicts_dialog.SET_ASIDE
    [aside] = _rows(dialog.aside)
    assert "person.role" in aside[1] and "pirate" in aside[1]
    assert "never merged" in dialog.aside_about.text() and dialog.aside_detail.text().startswith("Why it was set")
    keys.press(Qt.Key.Key_C, ALT)
    assert dialog.tabs.currentIndex() == conflicts_dialog.CONFLICTS and dialog.empty.isVisible()
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_resend_puts_it_back_and_once_the_cause_is_put_right_the_next_sync_sends_it(
        qtbot, open_window, keys: Keys, scene: Scene) -> None:
    window = open_window(scene.here.supervisor, scene.here.data_dir)
    dialog = _queue(qtbot, window, keys)
    keys.press(Qt.Key.Key_T, ALT)  # the list of transactions refused
    _choose(qtbot, keys, dialog, "Change of a person")
    synced_before = window.sync.status["last_success"]
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        keys.mnemonic(Qt.Key.Key_R, dialog.resend_button)
    assert scene.status()["pending"] == 1, "back in the outbox"
    # the cause is not put right yet: the sync that follows the decision soon is refused again, and
    # the queue (open all along) shows it again
    qtbot.waitUntil(lambda: not window.sync.running and window.sync.status["last_success"] != synced_before,
                    timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.is_busy and dialog.refused.topLevelItemCount() == 2, timeout=5000)
    assert scene.status()["pending"] == 0 and scene.status()["refused"] == 2
    scene.here.sync(follow=[scene.payload])  # the station scans a band of the unit: it holds it again
    dialog.refused.setFocus()
    _choose(qtbot, keys, dialog, "Change of a person")
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        keys.mnemonic(Qt.Key.Key_R, dialog.resend_button)
    qtbot.waitUntil(lambda: not dialog.is_busy and dialog.refused.topLevelItemCount() == 1, timeout=5000)
    assert QApplication.focusWidget() is dialog.refused, "the focus stays where it was"
    assert dialog.refusal()["records"][0]["entity"] == "custody", "the one left is chosen"
    keys.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.resend_button
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        keys.press(Qt.Key.Key_Return)  # Enter presses the button that has the focus
    qtbot.waitUntil(lambda: dialog.refused.topLevelItemCount() == 0 and dialog.refused_empty.isVisible(),
                    timeout=5000)
    assert dialog.tabs.tabText(conflicts_dialog.REFUSED) == "Refused by the re&gistry (0)"
    qtbot.waitUntil(lambda: window.sync_indicator.label.text().endswith("· 0 pending · 1 set aside — see Conflicts"),
                    timeout=10_000)
    status = scene.status()
    assert (status["pending"], status["refused"], status["last_error"]) == (0, 0, None)
    scene.there.sync()
    mother = next(p for p in scene.there.show(scene.theirs["id"])["people"] if p["given_names"] == "Rosa Elvira")
    assert mother["nationality"] == "HN", "the correction reached the station that registered her"


def test_withdraw_asks_a_reason_and_a_confirmation(qtbot, open_window, keys: Keys, scene: Scene) -> None:
    window = open_window(scene.here.supervisor, scene.here.data_dir)
    dialog = _queue(qtbot, window, keys)
    keys.press(Qt.Key.Key_T, ALT)
    _choose(qtbot, keys, dialog, "A custody transfer")
    withdrawn = {r["change"] for r in dialog.refusal()["records"]}
    keys.mnemonic(Qt.Key.Key_W, dialog.withdraw_button)
    form = dialog.withdrawing
    assert isinstance(form, WithdrawDialog) and form.isVisible()
    qtbot.waitUntil(form.isActiveWindow)
    assert QApplication.focusWidget() is form.reason
    assert form.heading.text() == "Withdraw: A custody transfer" and "This is final" in form.warning.text()
    keys.press(Qt.Key.Key_Return)  # no reason
    assert form.problems[form.reason].text() == "Required." and form.confirmation is None
    keys.type("   ")
    keys.press(Qt.Key.Key_Return)
    assert form.problems[form.reason].text() == "Required." and form.confirmation is None, "blank is no reason"
    keys.type("the boy left this station")
    keys.press(Qt.Key.Key_Return)
    box = form.confirmation
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isActiveWindow)
    assert box.windowTitle() == "Withdraw for good?" and "cannot be undone" in box.text()
    keys.press(Qt.Key.Key_Return)  # Cancel is the default: nothing final happens by accident
    qtbot.waitUntil(lambda: form.confirmation is None and QApplication.focusWidget() is form.reason, timeout=2000)
    assert scene.status()["refused"] == 2
    keys.press(Qt.Key.Key_Return)
    box = form.confirmation
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isActiveWindow)
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: form.confirmation is None and QApplication.focusWidget() is form.reason, timeout=2000)
    assert scene.status()["refused"] == 2 and form.isVisible()
    keys.press(Qt.Key.Key_Return)
    box = form.confirmation
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isActiveWindow)
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        keys.press(Qt.Key.Key_W, ALT)  # "Withdraw for good"
    qtbot.waitUntil(lambda: dialog.withdrawing is None and dialog.refused.topLevelItemCount() == 1, timeout=5000)
    assert not shiboken6.isValid(form), "closed and deleted"
    assert [r[0].split(" · ")[0] for r in _rows(dialog.refused)] == ["Change of a person"]
    status = scene.status()
    assert (status["refused"], status["pending"]) == (1, 0), "withdrawn: neither refused nor waiting to be sent"
    queue = services.refused_queue(session=scene.here.supervisor)
    assert [t["records"][0]["entity"] for t in queue["refused"]] == ["person"]
    scene.here.sync(follow=[scene.payload])
    assert scene.status()["pending"] == 0, "holding the unit again does not send what was withdrawn"
    opened = scene.registry.open()
    try:
        with opened.engine.connect() as conn:
            stored = {row[0] for row in conn.execute(select(tables.change.c.id))}
    finally:
        opened.close()
    assert withdrawn and not withdrawn & stored, "never sent: no other station can have it"
    history = services.show_family(session=scene.here.supervisor, ident=scene.theirs["id"])["history"]
    assert withdrawn <= {entry["change"] for entry in history}, "it stays in this station's history"


def test_an_agent_cannot_open_the_queue_and_is_told_to_ask_a_supervisor(qtbot, open_window, keys: Keys,
                                                                       scene: Scene) -> None:
    window = open_window(scene.here.agent, scene.here.data_dir)
    assert not window.conflicts_action.isEnabled()
    keys.press(Qt.Key.Key_K, CTRL | SHIFT)
    qtbot.wait(100)
    assert [d for d in window.findChildren(ConflictsDialog) if d.isVisible()] == []
    qtbot.waitUntil(lambda: "refused" in window.sync_indicator.label.text(), timeout=5000)
    assert window.sync_indicator.label.text().endswith("· 2 refused · 1 set aside — tell a supervisor")
    forced = ConflictsDialog(scene.here.agent, scene.here.data_dir)  # as if the menu let it through
    qtbot.addWidget(forced)
    forced.show()
    qtbot.waitUntil(lambda: not forced.is_busy, timeout=5000)
    assert forced.form_message.text().startswith("Not permitted: your role may not ")
    assert forced.refused.topLevelItemCount() == 0
    for call in (lambda: services.resend_refused(session=scene.here.agent, tx="x"),
                 lambda: services.withdraw_refused(session=scene.here.agent, tx="x", reason="no")):
        with pytest.raises(services.NotPermitted):
            call()


def _built_spanish() -> None:
    qm = TS.with_suffix(".qm")
    if not qm.exists() or qm.stat().st_mtime < TS.stat().st_mtime:  # as the set-up does
        subprocess.run([str(Path(sys.executable).with_name("pyside6-lrelease")), "-silent", str(TS), "-qm", str(qm)],
                       check=True)


@pytest.fixture
def spanish(qapp: object) -> Iterator[None]:
    _built_spanish()
    assert i18n.switch("es") == "es"
    yield
    i18n.switch("en")


def test_the_queue_in_spanish(qtbot, open_window, keys: Keys, scene: Scene, spanish: None) -> None:
    window = open_window(scene.here.supervisor, scene.here.data_dir)
    indicator = window.sync_indicator
    qtbot.waitUntil(lambda: "rechazad" in indicator.label.text(), timeout=5000)
    assert indicator.label.text().endswith("· rechazadas: 2 · apartados: 1 — véase Conflictos"), indicator.label.text()
    qtbot.wait(50)
    assert clipped(window.statusBar()) == []
    dialog = _queue(qtbot, window, keys)
    assert [dialog.tabs.tabText(i) for i in range(3)] == [
        "Con&flictos (0)", "&Rechazadas por el registro central (2)", "A&partados (1)"]
    assert [r[0].split(" · ")[0] for r in _rows(dialog.refused)] == ["Cambio de una persona",
                                                                     "Un traslado de custodia"]
    assert dialog.resend_button.text() == "Ree&nviar" and dialog.withdraw_button.text() == "Ret&irar…"
    qtbot.wait(50)
    assert clipped(dialog) == []
    keys.press(Qt.Key.Key_P, ALT)  # "Apartados"
    assert dialog.tabs.currentIndex() == conflicts_dialog.SET_ASIDE
    qtbot.wait(50)
    assert clipped(dialog) == [] and "nunca se fusionan" in dialog.aside_about.text()
    keys.press(Qt.Key.Key_R, ALT)
    keys.press(Qt.Key.Key_T, ALT)
    keys.mnemonic(Qt.Key.Key_I, dialog.withdraw_button)
    form = dialog.withdrawing
    assert form is not None
    qtbot.waitUntil(form.isActiveWindow)
    assert form.heading.text() == "Retirar: Cambio de una persona"
    keys.press(Qt.Key.Key_Return)
    assert form.problems[form.reason].text() == "Obligatorio."
    qtbot.wait(50)
    assert clipped(form) == []
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.withdrawing is None, timeout=2000)


def test_the_queue_clips_nothing_in_the_pseudo_language(qtbot, open_window, scene: Scene) -> None:
    window = open_window(scene.here.supervisor, scene.here.data_dir)
    i18n.install_pseudo()
    try:
        dialog = window.show_conflicts()
        qtbot.waitUntil(lambda: not dialog.is_busy and dialog.refused.topLevelItemCount() == 2, timeout=5000)
        for index in range(3):
            dialog.tabs.setCurrentIndex(index)
            qtbot.wait(30)
            assert clipped(dialog) == [], index
        form = dialog.withdraw()
        assert form is not None
        qtbot.wait(30)
        assert clipped(form) == []
        form.close()
        qtbot.wait(30)
        assert clipped(window.statusBar()) == []
    finally:
        i18n.switch("en")


def test_a_transaction_is_said_in_a_few_words() -> None:
    def record(entity: str, ident: str, created: bool = False) -> dict[str, Any]:
        return {"change": uuid.uuid4().hex, "entity": entity, "entity_id": ident, "created": created}

    registration = [record("encounter", "e", True), record("family", "f", True),
                    *(record("person", p, True) for p in "abc"), record("link", "l1", True), record("band", "b", True)]
    assert transaction_summary(registration) == "Registration of 3 people"
    assert transaction_summary(registration[:3]) == "Registration of one person"
    assert transaction_summary([record("person", "a")]) == "Change of a person"
    assert transaction_summary([record("person", "a"), record("link", "x", True), record("link", "y", True)]) == \
        "Change of a person, 2 new family links"
    assert transaction_summary([record("photo", "p", True), record("person", "a"), record("person", "b")]) == \
        "A photo, changes of 2 people"
    assert transaction_summary([record("widget", "w"), record("widget", "v")]) == "Widget: 2 records"


# --- the status bar's short reasons for the new failures --------------------------------------------

def _sync_fails(qtbot: Any, window: MainWindow, keys: Keys) -> str:
    keys.press(Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.sync_indicator.label.text().startswith("Sync failed"), timeout=10_000)
    return window.sync_indicator.label.text()


def test_records_waiting_for_the_registrys_time_are_said_briefly(qtbot, open_window, keys: Keys, make_station: Any,
                                                                 example_document: bytes,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    station = make_station("Ahead")
    real = clock.now_ms
    monkeypatch.setattr(clock, "now_ms", lambda: real() + 3 * 3_600_000)  # this computer's clock, 3 hours ahead
    station.register(example_document)
    monkeypatch.setattr(clock, "now_ms", real)
    window = open_window(station.agent, station.data_dir)
    text = _sync_fails(qtbot, window, keys)
    assert re.fullmatch(r"Sync failed: this station's clock is ahead: records wait · retry at \d\d:\d\d", text), text
    assert "Last error: Records of this station wait at the registry: " in window.sync_indicator.toolTip()
    assert services.sync_status(session=station.agent)["pending"] > 0, "they wait here, not refused"
    _built_spanish()
    try:
        assert i18n.switch("es") == "es"
        qtbot.waitUntil(lambda: "reloj de esta estación va adelantado" in window.sync_indicator.label.text(),
                        timeout=2000)
        qtbot.wait(50)
        assert clipped(window.statusBar()) == []
    finally:
        i18n.switch("en")


@pytest.mark.parametrize(("version", "says"), [(1, "Kinlink needs updating on this station"),
                                               (99, "Kinlink needs updating at the registry")])
def test_another_sync_protocol_is_said_briefly(qtbot, open_window, keys: Keys, make_station: Any,
                                               monkeypatch: pytest.MonkeyPatch, version: int, says: str) -> None:
    station = make_station("Versions")
    window = open_window(station.agent, station.data_dir)
    monkeypatch.setattr(protocol, "VERSION", version)  # this station speaks an older (newer) protocol
    text = _sync_fails(qtbot, window, keys)
    assert text.startswith(f"Sync failed: {says} · retry at "), text


def test_a_busy_registry_and_a_newer_one_answering_are_said_briefly(qtbot) -> None:
    busy = client._refusal(httpx.Response(429, json={"detail": "too many requests from this station; try again "
                                                               "in 30 s"}), "http://registry")
    assert Problem("sync", str(busy)).words() == "the registry is busy"
    newer = httpx.Response(200, headers={protocol.PROTOCOL_HEADER: str(protocol.VERSION + 1)})
    with pytest.raises(services.SyncFailure) as failure:
        client._same_protocol(newer)
    assert Problem("sync", str(failure.value)).words() == "Kinlink needs updating on this station"
    older = httpx.Response(200, headers={protocol.PROTOCOL_HEADER: "1"})
    with pytest.raises(services.SyncFailure) as failure:
        client._same_protocol(older)
    assert Problem("sync", str(failure.value)).words() == "Kinlink needs updating at the registry"
