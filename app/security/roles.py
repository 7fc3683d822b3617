"""Roles and what each may do: one table, checked by every service function (not by hiding buttons)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Permission(StrEnum):
    REGISTER = "register families"
    READ = "read family records"
    RECORD_CUSTODY = "record custody and separations"
    CORRECT = "correct records"
    MANAGE_USERS = "manage users"


_AGENT = frozenset({Permission.REGISTER, Permission.READ, Permission.RECORD_CUSTODY})
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.AGENT: _AGENT,
    Role.SUPERVISOR: _AGENT | {Permission.CORRECT},
    Role.ADMIN: frozenset({Permission.MANAGE_USERS}),
}


class NotPermitted(Exception):
    def __init__(self, user: str, role: str, permission: Permission) -> None:
        super().__init__(f"user {user!r} ({role}) is not permitted to {permission.value}")
        self.permission = permission


def allowed(role: str, permission: Permission) -> bool:
    return permission in PERMISSIONS.get(Role(role), frozenset())


def require(user: str, role: str, permission: Permission) -> None:
    if not allowed(role, permission):
        raise NotPermitted(user, role, permission)
