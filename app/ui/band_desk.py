"""The band steps of the intake desk, for a main window: print a family unit's bands (one job),
then put them on, each confirmed by a scan. After a family is registered both follow on their own:
save → print → put the bands on; the family unit just saved stays the one Ctrl+P and Ctrl+B mean
while no family unit is open (``just_saved``). Each dialog is window-modal and opened with
``open()``, so a session lock hides it and brings it back as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app import services

from .attach_dialog import AttachBandsDialog
from .print_dialog import PrintBandsDialog
from .worker import Operation


class BandDesk(QObject):
    """Opens the band dialogs over ``window``; ``changed`` carries the family id after a print or a
    confirmation, for the window to say so (the views follow the services' announcement);
    ``printed`` the family id after a print (the wizard's saved page moves on to putting them on)."""

    changed = Signal(str)
    printed = Signal(str)
    failed = Signal(object)  # an exception while fetching the family

    def __init__(self, session: services.Session, data_dir: Path, window: QWidget) -> None:
        super().__init__(window)
        self._session, self._data_dir, self._window = session, data_dir, window
        self.printing: PrintBandsDialog | None = None
        self.attaching: AttachBandsDialog | None = None
        self.just_saved: str | None = None  # the id of the family unit registered last at this window

    def print_bands(self, family: dict[str, Any], *, then_put_on: bool = False) -> PrintBandsDialog:
        dialog = PrintBandsDialog(self._session, self._data_dir, family, self._window, then_put_on=then_put_on)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        family_id = str(family["id"])
        dialog.printed.connect(lambda _answer: self.changed.emit(family_id))
        dialog.printed.connect(lambda _answer: self.printed.emit(family_id))
        if then_put_on:
            dialog.finished.connect(lambda _code: self.fetch_and_put_on(family_id) if dialog.was_printed else None)
        dialog.destroyed.connect(lambda *_: setattr(self, "printing", None))
        self.printing = dialog
        dialog.open()
        return dialog

    def put_bands_on(self, family: dict[str, Any]) -> AttachBandsDialog:
        dialog = AttachBandsDialog(self._session, self._data_dir, family, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        family_id = str(family["id"])
        dialog.attached.connect(lambda _person: self.changed.emit(family_id))
        dialog.destroyed.connect(lambda *_: setattr(self, "attaching", None))
        self.attaching = dialog
        dialog.open()
        return dialog

    def after_registration(self, family_id: str) -> None:
        """A family unit was just saved: print its bands, then put them on."""
        self.just_saved = family_id
        self._fetch(family_id, lambda family: self.print_bands(family, then_put_on=True))

    def with_just_saved(self, step: Any) -> bool:
        """``step`` (print_bands or put_bands_on) on the family unit just saved, read afresh (its
        bands may have been printed or put on meanwhile); False when none was saved here."""
        if self.just_saved is None:
            return False
        self._fetch(self.just_saved, step)
        return True

    def fetch_and_put_on(self, family_id: str) -> None:
        self._fetch(family_id, self.put_bands_on)

    def _fetch(self, family_id: str, then: Any) -> None:
        session = self._session
        Operation(self, lambda: services.show_family(session=session, ident=family_id)) \
            .success(then).failure(self.failed.emit).run()
