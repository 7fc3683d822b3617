"""The main window's commands: its menus, their shortcuts and mnemonics, and the status bar (sync,
who is signed in, Lock); and which of the commands the signed-in role may use
(``app.security.roles``). The services check the role again: a greyed action only spares a refusal.

The texts are the window's: they are translated in its context, "MainWindow" (``_CONTEXT``), where
the Spanish translations are filed, so they are marked with ``QT_TRANSLATE_NOOP("MainWindow", ...)``
rather than ``self.tr`` (which would file them under this class's name).
"""

from __future__ import annotations

import html
import platform
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QToolButton

from app import services
from app.security.roles import Permission, allowed

from . import i18n, labels
from .export_dialog import ExportDialog
from .settings import LANGUAGE, Settings
from .sync_panel import SyncIndicator

if TYPE_CHECKING:
    from .intake.saved_page import SavedPage
    from .main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

_CONTEXT = "MainWindow"
_Keys = QKeySequence | QKeySequence.StandardKey


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class WindowActions(_Base):
    """The commands half of :class:`MainWindow` (the slots, widgets and session are the window's)."""

    def _build_actions(self) -> None:
        """The menus, in the order the user meets them; each action with its text, shortcut (a text to
        translate, or a fixed key) and the permission it needs, if any."""
        self._texts: list[tuple[QAction | QMenu, str, str | None]] = []  # retranslated on a language switch
        self._gated: dict[QAction, Permission] = {}
        station = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Station"))
        self.sync_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "&Sync now"), None,
                                        self.sync.sync_now, keys=QKeySequence("F5"))
        self.conflicts_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "&Conflicts…"),
                                             QT_TRANSLATE_NOOP("MainWindow", "Ctrl+Shift+K"), self.show_conflicts,
                                             Permission.RESOLVE_CONFLICTS)
        self.proposals_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "&Proposed corrections…"),
                                             None, self.show_proposals, Permission.CORRECT)
        self.audit_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "&Audit log…"),
                                         QT_TRANSLATE_NOOP("MainWindow", "Ctrl+Shift+U"), self.show_audit,
                                         Permission.VERIFY_AUDIT)
        self.users_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "&Users…"), None, self.show_users,
                                         Permission.RELEASE_USERS)
        station.addSeparator()
        self.lock_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "&Lock"),
                                        QT_TRANSLATE_NOOP("MainWindow", "Ctrl+L"), self.lock)
        self.sign_out_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "Sign &out"),
                                            QT_TRANSLATE_NOOP("MainWindow", "Ctrl+Shift+L"), self._sign_out)
        self.quit_action = self._action(None, QT_TRANSLATE_NOOP("MainWindow", "&Quit"), None, self.close,
                                        keys=QKeySequence.StandardKey.Quit)
        self._build_language_menu(station)
        self.about_action = self._action(station, QT_TRANSLATE_NOOP("MainWindow", "A&bout Kinlink"), None,
                                         self.show_about)
        station.addSeparator()
        station.addAction(self.quit_action)
        edit = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Edit"))
        self.find_action = self._action(edit, QT_TRANSLATE_NOOP("MainWindow", "&Find a person"), None,
                                        self.focus_search, keys=QKeySequence.StandardKey.Find)
        self._build_family_menu()

    def _build_family_menu(self) -> None:
        family = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Family"))
        self.new_encounter_action = self._action(family, QT_TRANSLATE_NOOP("MainWindow", "&New encounter…"),
                                                 QT_TRANSLATE_NOOP("MainWindow", "Ctrl+N"), self.new_encounter)
        self.family_view.new_family_button.clicked.connect(self.new_encounter_action.trigger)
        self.family_view.new_family_button.setVisible(self._may(Permission.REGISTER))
        self.check_bands_action = self._action(family, QT_TRANSLATE_NOOP("MainWindow", "&Check bands…"),
                                               QT_TRANSLATE_NOOP("MainWindow", "Ctrl+K"), self.check_bands)
        self.print_action = self._action(family, QT_TRANSLATE_NOOP("MainWindow", "&Print bands…"),
                                         QT_TRANSLATE_NOOP("MainWindow", "Ctrl+P"),
                                         lambda: self._with_band_family(self.bands.print_bands))
        self.put_on_action = self._action(family, QT_TRANSLATE_NOOP("MainWindow", "Put bands &on…"),
                                          QT_TRANSLATE_NOOP("MainWindow", "Ctrl+B"),
                                          lambda: self._with_band_family(self.bands.put_bands_on))
        self.board_action = self._action(family, QT_TRANSLATE_NOOP("MainWindow", "&Reunification board…"),
                                         QT_TRANSLATE_NOOP("MainWindow", "Ctrl+Shift+R"), self.show_board,
                                         Permission.READ)
        self.export_action = self._action(family, QT_TRANSLATE_NOOP("MainWindow", "&Export FHIR…"),
                                          QT_TRANSLATE_NOOP("MainWindow", "Ctrl+Shift+E"),
                                          lambda: self._with_family(self.export_family), Permission.READ)
        self.family_view.export_requested.connect(self.export_family)
        family.addSeparator()
        self.void_action = self._action(family, QT_TRANSLATE_NOOP("MainWindow", "&Void the selected person's band…"),
                                        None, lambda: self._with_person(self.void_band), Permission.VOID_BAND)
        self.reissue_action = self._action(
            family, QT_TRANSLATE_NOOP("MainWindow", "&Issue a new band to the selected person…"), None,
            lambda: self._with_person(self.reissue_band), Permission.VOID_BAND)
        self.merge_action = self._action(
            family, QT_TRANSLATE_NOOP("MainWindow", "&Merge or split the selected person's record…"), None,
            lambda: self._with_person(self.merge_person), Permission.MERGE)
        self.move_action = self._action(
            family, QT_TRANSLATE_NOOP("MainWindow", "Move the selected person to &another family unit…"), None,
            lambda: self._with_person(self.move_person), Permission.CORRECT)

    def _build_language_menu(self, station: QMenu) -> None:
        self.language_menu = station.addMenu("")
        self._texts.append((self.language_menu, QT_TRANSLATE_NOOP("MainWindow", "&Language"), None))
        self.language_actions = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = self.language_menu.addAction(name)  # each language in its own words
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == i18n.current_language())
            self.language_actions.addAction(action)
        self.language_actions.triggered.connect(self._choose_language)

    def _menu(self, title: str) -> QMenu:
        menu = self.menuBar().addMenu("")
        self._texts.append((menu, title, None))
        return menu

    def _action(self, menu: QMenu | None, text: str, shortcut: str | None, slot: Any,
                permission: Permission | None = None, *, keys: _Keys | None = None) -> QAction:
        """A window-wide action (its shortcut works wherever the focus is in the window), added to
        ``menu``; ``shortcut`` is translated with the text, ``keys`` is fixed. Disabled unless the
        role has ``permission``."""
        action = QAction(self)
        action.setShortcut(keys if keys is not None else QKeySequence(shortcut or ""))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        self._texts.append((action, text, shortcut))
        if permission is not None:
            self._gated[action] = permission
            action.setEnabled(self._may(permission))
        return action

    def _may(self, permission: Permission) -> bool:
        return allowed(self._session.role, permission)

    def _enable_actions(self, enabled: bool) -> None:
        """Every action on (as the role allows) or off (the window is locked)."""
        for action in self.actions():
            permission = self._gated.get(action)
            action.setEnabled(enabled and (permission is None or self._may(permission)))

    def _gate_corrections(self) -> None:
        """A supervisor corrects records, an agent proposes corrections, an admin does neither."""
        self.family_view.set_can_correct(self._may(Permission.CORRECT) or self._may(Permission.PROPOSE_CORRECTION),
                                         proposing=self.proposes_corrections())

    def proposes_corrections(self) -> bool:
        """Whether the user's corrections are proposals for a supervisor to accept."""
        return not self._may(Permission.CORRECT)

    def _build_status_bar(self) -> None:
        self.sync_indicator = SyncIndicator(self.sync)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        self.lock_button = QToolButton()
        self.lock_button.clicked.connect(lambda: self.lock())
        self.statusBar().addPermanentWidget(self.lock_button)

    def _retranslate_actions(self) -> None:
        """The menus' and the status bar's texts and shortcuts in the current language."""
        for item, text, shortcut in self._texts:
            if isinstance(item, QMenu):
                item.setTitle(_tr(text))
            else:
                item.setText(_tr(text))
            if shortcut:
                item.setShortcut(QKeySequence(_tr(shortcut)))
        role = labels.word("user_role", self._session.role)
        self.user_label.setText(QCoreApplication.translate("MainWindow", "Signed in as %1 (%2)")
                                .replace("%1", self._session.user).replace("%2", role))
        self.user_label.setAccessibleName(QCoreApplication.translate("MainWindow", "Signed-in user"))
        self.lock_button.setText(QCoreApplication.translate("MainWindow", "Lock"))
        self.lock_button.setToolTip(QCoreApplication.translate("MainWindow", "Lock the station (Ctrl+L)"))
        self.lock_button.setAccessibleName(QCoreApplication.translate("MainWindow", "Lock the station"))

    def export_family(self, family: dict[str, Any]) -> ExportDialog:
        """The family shown, as a FHIR R4 bundle for another agency (a file, who it is for, photos or not)."""
        dialog = ExportDialog(self._session, self._data_dir, family, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda answer: self.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "Family %1 exported to %2.").replace("%1", str(answer["family"]["number"]))
            .replace("%2", str(answer["written"])), 10000))
        dialog.open()
        return dialog

    def show_about(self) -> QMessageBox:
        """Which Kinlink this is (the version a support call asks for first), the sync protocol it speaks,
        the station and where its data is."""
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("MainWindow", "About Kinlink"),
                          "", QMessageBox.StandardButton.Ok, self)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        about = services.about()
        # a data folder's path on one line, mostly (the labels' names are QMessageBox's own)
        box.setStyleSheet("#qt_msgbox_label, #qt_msgbox_informativelabel { min-width: 26em; }")
        box.setText(QCoreApplication.translate(
            "MainWindow", "<b>Kinlink %1</b><br>Family registration and wristbands").replace("%1", about["version"]))
        identity = self._session.identity
        facts = [str(about["protocol"]), html.escape(identity.name), identity.code, html.escape(str(self._data_dir)),
                 qVersion(), platform.python_version()]
        details = QCoreApplication.translate(
            "MainWindow", "Sync protocol %1<br>Station %2 (%3)<br>Data folder %4<br>Qt %5, Python %6")
        box.setInformativeText(re.sub(r"%([1-6])", lambda mark: facts[int(mark.group(1)) - 1], details))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _with_family(self, step: Any) -> None:
        self._with(self.family_view.family, step, QCoreApplication.translate(
            "MainWindow", "Open a family unit first: search for a name or scan a band."))

    def _with_band_family(self, step: Any) -> None:
        """Ctrl+P and Ctrl+B: the family unit open in the work page, or else the one just saved here
        (from the wizard's saved page, after its pop-up print dialog was closed, or once back from it)."""
        opened = self.pages.currentWidget() is self.work and self.family_view.family() is not None
        if opened or not self.bands.with_just_saved(step):
            self._with_family(step)

    def connect_saved_page(self, page: SavedPage) -> None:
        """The wizard's saved page: its Print and Put on buttons are the window's Ctrl+P and Ctrl+B; once
        the bands are printed, its focus moves on to putting them on."""
        page.print_requested.connect(self.print_action.trigger)
        page.put_on_requested.connect(self.put_on_action.trigger)
        self.bands.printed.connect(page.bands_printed)

    def _with_person(self, step: Any) -> None:
        self._with(self.family_view.selected_person, step, QCoreApplication.translate(
            "MainWindow", "Select a person in the family shown first."))

    def _with(self, chosen: Any, step: Any, missing: str) -> None:
        """``step`` on what ``chosen`` gives in the work page, or ``missing`` in the status bar."""
        subject = chosen() if self.pages.currentWidget() is self.work else None
        if subject is None:
            self.statusBar().showMessage(missing, 8000)
        else:
            step(subject)

    def _choose_language(self, action: QAction) -> None:
        """Switch the whole app's language now (every open window) and remember it."""
        code = str(action.data())
        i18n.switch(code)
        Settings(self._data_dir).set(LANGUAGE, code)
