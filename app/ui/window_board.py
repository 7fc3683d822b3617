"""The reunification board as a page of the main window (docs/reunification.md, "In the app"): the
main view for supervisors, who see it first after signing in; for agents a page one shortcut away
(Family ▸ Reunification board…, Ctrl+Shift+R). Enter on a row shows that family unit; Esc goes
back to the family units. It follows every record written here and every sync."""

from __future__ import annotations

from typing import Any

from app.security.roles import Permission, Role, allowed

from .board_dialog import BoardDialog


class WindowBoard:
    """Mixed into ``MainWindow`` (which has ``pages``, ``work``, ``changes`` and ``open_family``)."""

    board: BoardDialog | None
    _session: Any
    _data_dir: Any
    pages: Any
    work: Any
    changes: Any

    def open_family(self, ident: str) -> None:
        raise NotImplementedError

    def _build_board_page(self) -> None:
        """The page, for those who may read family records (an admin reads none)."""
        self.board = None
        if not allowed(self._session.role, Permission.READ):
            return
        board = BoardDialog(self._session, self._data_dir, None, embedded=True)
        board.family_chosen.connect(self._board_chosen)
        board.leave.connect(lambda: self.pages.setCurrentWidget(self.work))
        self.changes.changed.connect(board.refresh)  # a record written here or brought by a sync
        self.pages.addWidget(board)
        self.board = board
        if self._session.role == Role.SUPERVISOR.value:
            self.pages.setCurrentWidget(board)  # the supervisors' main view

    def show_board(self) -> BoardDialog | None:
        """Show the board page (read again when shown); None for an admin."""
        if self.board is not None:
            self.pages.setCurrentWidget(self.board)
            self.board.refresh()
            self.board.rows.setFocus()
        return self.board

    def _board_chosen(self, family: str) -> None:
        self.open_family(family)
        self.pages.setCurrentWidget(self.work)
