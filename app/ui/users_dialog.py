"""The station's accounts. An admin adds users, changes roles, sets a new passphrase for someone who
forgot theirs, disables an account, and releases a locked one (an admin's too); the list says who
added each account, and warns when the recovery key was set by an account now disabled. A
supervisor sees only the locked accounts they may release (not admins') and releases them. The
services check the role and the passphrase rules; every change is audited there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.security.roles import Permission, Role, allowed

from . import labels
from .custody_dialogs import RecordDialog
from .forms import hint, password_edit, text_edit, typed_user_name
from .list_dialog import ListDialog


class UsersDialog(ListDialog):
    """The list of accounts and what may be done to the one selected."""

    changed = Signal(dict)

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._admin = allowed(session.role, Permission.MANAGE_USERS)
        self._users: list[dict[str, Any]] = []
        self._recovery: dict[str, Any] | None = None
        self.setMinimumSize(640, 420)
        self.users = self.list_widget()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recovery_warning = QLabel()
        self.recovery_warning.setWordWrap(True)
        self.recovery_warning.setStyleSheet("color: #a3290d;")
        self.recovery_warning.setVisible(False)
        self.add_button, self.role_button, self.reset_button = QPushButton(), QPushButton(), QPushButton()
        self.disable_button, self.release_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button.clicked.connect(self.reset_passphrase)
        self.disable_button.clicked.connect(self.disable)
        self.release_button.clicked.connect(self.release)
        self.users.currentItemChanged.connect(lambda *_: self.enable())
        self._inputs += [self.users, self.add_button, self.role_button, self.reset_button, self.disable_button,
                         self.release_button]
        for button in (self.add_button, self.role_button, self.reset_button, self.disable_button):
            button.setVisible(self._admin)
        column = QVBoxLayout(self)
        for widget in (self.heading, self.explanation, self.recovery_warning, self.users, self.empty):
            column.addWidget(widget)
        row = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.reset_button, self.disable_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.release_button)
        column.addLayout(row)
        self.add_footer(column)
        self.ready()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — users"))
        self.heading.setText(self.tr("Users of this station") if self._admin else self.tr("Locked accounts"))
        self.explanation.setText(
            self.tr("Every change is recorded in the audit log. A disabled account cannot sign in until an admin "
                    "sets a new passphrase for it.") if self._admin else
            self.tr("Five failed sign-ins within 15 minutes lock an account. Release it once you know who it is."))
        self.users.setHeaderLabels([self.tr("User"), self.tr("Role"), self.tr("State"), self.tr("Added by")])
        self.users.setColumnHidden(3, not self._admin)
        self.users.setAccessibleName(self.tr("Users"))
        self.empty.setText(self.tr("No account is locked."))
        self.add_button.setText(self.tr("&Add user…"))
        self.role_button.setText(self.tr("Change &role…"))
        self.reset_button.setText(self.tr("New &passphrase…"))
        self.disable_button.setText(self.tr("&Disable…"))
        self.release_button.setText(self.tr("R&elease"))
        self.close_button.setText(self.tr("Close"))
        self._fill()

    def load(self) -> None:
        session, admin = self._session, self._admin
        call = (lambda: services.list_users(session=session)) if admin else \
            (lambda: services.locked_users(session=session))
        self.fetch(call, self.tr("Reading the accounts…"), self._loaded)

    def _loaded(self, answer: dict[str, Any]) -> None:
        self._users = answer["users"]
        self._recovery = answer.get("recovery")
        self._fill()

    def _fill(self) -> None:
        chosen = self.selected()
        self.users.clear()
        for user in self._users:
            state = self.tr("disabled") if user["disabled"] else self.tr("locked") if user["locked"] else \
                self.tr("active")
            added_by = user.get("added_by") or ""  # none: the first admin, or added before Kinlink kept it
            item = QTreeWidgetItem([user["name"], labels.word("user_role", user["role"]), state, added_by])
            item.setData(0, Qt.ItemDataRole.UserRole, user)
            self.users.addTopLevelItem(item)
            if chosen and chosen["name"] == user["name"]:
                self.users.setCurrentItem(item)
        if self.users.currentItem() is None and self.users.topLevelItemCount():
            self.users.setCurrentItem(self.users.topLevelItem(0))
        for column in range(4):
            self.users.resizeColumnToContents(column)
        self.empty.setVisible(not self._users and not self._admin)
        setter = self._recovery["set_by"] if self._recovery and self._recovery["warning"] else None
        self.recovery_warning.setVisible(setter is not None)
        self.recovery_warning.setText(self._setter_disabled(setter) if setter else "")
        self.enable()

    def _setter_disabled(self, setter: str) -> str:
        return self.tr("The recovery key was set by %1, whose account is disabled: if they kept its private key, "
                       "they can still open this station. Have the registry operators' recovery key set again "
                       "(kinlink recovery-key set --replace).").replace("%1", setter)

    def selected(self) -> dict[str, Any] | None:
        item = self.users.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def enable(self) -> None:
        user, idle = self.selected(), not self.is_busy
        self.add_button.setEnabled(idle)
        for button in (self.role_button, self.reset_button):
            button.setEnabled(idle and user is not None)
        self.disable_button.setEnabled(idle and user is not None and not user["disabled"]
                                       and user["name"] != self._session.user)
        self.release_button.setEnabled(idle and user is not None and bool(user["locked"]))

    # --- what can be done ----------------------------------------------------------------------

    def add_user(self) -> AccountDialog:
        return self._form(AccountDialog(self._session, self._data_dir, None, self))

    def change_role(self) -> AccountDialog | None:
        user = self.selected()
        return self._form(RoleDialog(self._session, self._data_dir, user, self)) if user else None

    def reset_passphrase(self) -> AccountDialog | None:
        user = self.selected()
        return self._form(AccountDialog(self._session, self._data_dir, user, self)) if user else None

    def _form(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._done)
        dialog.open()
        return dialog

    def disable(self) -> None:
        user = self.selected()
        if user is None:
            return
        asked = QMessageBox.question(
            self, self.tr("Disable %1?").replace("%1", user["name"]),
            self.tr("%1 will not be able to sign in, and their key to the store is removed. An admin can set a "
                    "new passphrase later to let them back in.").replace("%1", user["name"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if asked == QMessageBox.StandardButton.Yes:
            session, name = self._session, user["name"]
            self.fetch(lambda: services.disable_user(session=session, name=name), self.tr("Saving…"),
                       self._disabled)

    def _disabled(self, answer: dict[str, Any]) -> None:
        """Done; when the account set the recovery key, say so (the list keeps saying it)."""
        self._done(answer)
        if answer.get("warning"):
            QMessageBox.warning(self, self.tr("Recovery key"), self._setter_disabled(answer["user"]))

    def release(self) -> None:
        user = self.selected()
        if user is not None:
            session, name = self._session, user["name"]
            self._run(lambda: services.release_user(session=session, name=name))

    def _run(self, call: Any) -> None:
        self.fetch(call, self.tr("Saving…"), self._done)

    def _done(self, answer: dict[str, Any]) -> None:
        self.changed.emit(answer)
        self.load()


class AccountDialog(RecordDialog):
    """A new user (name, role, passphrase twice), or a new passphrase for ``user`` (twice)."""

    def __init__(self, session: services.Session, data_dir: Path, user: dict[str, Any] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._user = user
        self.name, self.role = text_edit("", 64), QComboBox()
        for role in Role:
            self.role.addItem("", role.value)
        self.passphrase, self.repeat = password_edit(""), password_edit("")
        self.rules = hint("")
        self.labels = [QLabel() for _ in range(4)]
        if user is None:
            self._row(self.labels[0], self.name)
            self._row(self.labels[1], self.role)
        self._row(self.labels[2], self.passphrase)
        self._row(self.labels[3], self.repeat)
        self.form.addRow("", self.rules)
        self._finish_layout()
        self.retranslate()
        (self.name if user is None else self.passphrase).setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        if self._user is None:
            self.setWindowTitle(self.tr("Kinlink — add a user"))
            self.heading.setText(self.tr("Add a user"))
            self.subject.setText(self.tr("Give them the passphrase in person; they can change it after signing in."))
            self.save_button.setText(self.tr("&Add user"))
        else:
            self.setWindowTitle(self.tr("Kinlink — new passphrase"))
            self.heading.setText(self.tr("New passphrase for %1").replace("%1", self._user["name"]))
            self.subject.setText(self.tr("For someone who forgot theirs: it also unlocks and re-enables the account."))
            self.save_button.setText(self.tr("&Set passphrase"))
        for index in range(self.role.count()):
            self.role.setItemText(index, labels.word("user_role", self.role.itemData(index)))
        for label, widget, text, name in (
                (self.labels[0], self.name, self.tr("User &name"), self.tr("User name")),
                (self.labels[1], self.role, self.tr("R&ole"), self.tr("Role")),
                (self.labels[2], self.passphrase, self.tr("&Passphrase"), self.tr("Passphrase")),
                (self.labels[3], self.repeat, self.tr("Re&peat passphrase"), self.tr("Repeat passphrase"))):
            label.setText(text)
            widget.setAccessibleName(name)
        self.name.setPlaceholderText(self.tr("lower case, e.g. ana or j.ortiz"))
        self.rules.setText(self.tr("At least 8 characters; 12 or more recommended. Common passwords are refused."))

    def save(self) -> None:
        self.clear_messages()
        needed = ([self.name] if self._user is None else []) + [self.passphrase, self.repeat]
        if not self._require(needed):
            return
        if self.passphrase.text() != self.repeat.text():
            self.problems[self.repeat].show_message(self.tr("The two passphrases differ. Type the same one twice."))
            self.repeat.setFocus()
            return
        session, secret = self._session, self.passphrase.text()
        if self._user is None:
            name, role = typed_user_name(self.name), str(self.role.currentData())
            self._run(lambda: services.add_user(session=session, name=name, role=role, passphrase=secret),
                      self.tr("Adding…"))
        else:
            name = self._user["name"]
            self._run(lambda: services.reset_passphrase(session=session, name=name, new=secret),
                      self.tr("Saving…"))


class RoleDialog(RecordDialog):
    """Another role for ``user`` (the station keeps at least one admin)."""

    def __init__(self, session: services.Session, data_dir: Path, user: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._user = user
        self.role = QComboBox()
        for role in Role:
            self.role.addItem("", role.value)
        self.role.setCurrentIndex(self.role.findData(user["role"]))
        self.role_label = QLabel()
        self._row(self.role_label, self.role)
        self._finish_layout()
        self.retranslate()
        self.role.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — change role"))
        self.heading.setText(self.tr("Role of %1").replace("%1", self._user["name"]))
        self.subject.setText(self.tr("Agents register and print; supervisors also correct and resolve; admins "
                                     "manage users and the station."))
        self.save_button.setText(self.tr("&Change role"))
        for index in range(self.role.count()):
            self.role.setItemText(index, labels.word("user_role", self.role.itemData(index)))
        self.role_label.setText(self.tr("R&ole"))
        self.role.setAccessibleName(self.tr("Role"))

    def save(self) -> None:
        self.clear_messages()
        session, name, role = self._session, self._user["name"], str(self.role.currentData())
        self._run(lambda: services.set_role(session=session, name=name, role=role), self.tr("Saving…"))
