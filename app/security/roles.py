"""Roles and what each may do: one table, checked by every service function (not by hiding buttons).

An admin runs the station (users, settings, enrolment, backups) and does not read personal data; a
supervisor does everything an agent does and fixes and releases; an agent registers, reads,
prints and records custody and separations.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Permission(StrEnum):
    REGISTER = "register families"
    READ = "read family records"
    PRINT = "print bands"
    RECORD_CUSTODY = "record custody and separations"
    PROPOSE_CORRECTION = "propose corrections"
    CORRECT = "correct records"
    RESOLVE_CONFLICTS = "resolve conflicts"
    MERGE = "merge records"
    VOID_BAND = "void bands"
    RELEASE_USERS = "release locked users"
    RELEASE_ADMINS = "release locked admins"  # admins only: a supervisor does not give back the station's keys
    MANAGE_USERS = "manage users"
    STATION_SETTINGS = "change station settings"
    ENROL = "enrol the station"
    VERIFY_AUDIT = "check the audit chain"
    SYNC = "sync with the registry"
    BACKUP = "back up the station"  # the whole store, encrypted: the admin who runs the station


_AGENT = frozenset({Permission.REGISTER, Permission.READ, Permission.PRINT, Permission.RECORD_CUSTODY,
                    Permission.PROPOSE_CORRECTION, Permission.SYNC})
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.AGENT: _AGENT,
    Role.SUPERVISOR: _AGENT | {Permission.CORRECT, Permission.RESOLVE_CONFLICTS, Permission.MERGE,
                               Permission.VOID_BAND, Permission.RELEASE_USERS, Permission.VERIFY_AUDIT},
    Role.ADMIN: frozenset({Permission.MANAGE_USERS, Permission.RELEASE_USERS, Permission.RELEASE_ADMINS,
                           Permission.STATION_SETTINGS, Permission.ENROL, Permission.VERIFY_AUDIT, Permission.SYNC,
                           Permission.BACKUP}),
}


class NotPermitted(Exception):
    def __init__(self, user: str, role: str, permission: Permission) -> None:
        super().__init__(f"user {user!r} ({role}) is not permitted to {permission.value}")
        self.permission = permission


def allowed(role: str, permission: Permission) -> bool:
    return role in Role._value2member_map_ and permission in PERMISSIONS[Role(role)]


def require(user: str, role: str, permission: Permission) -> None:
    if not allowed(role, permission):
        raise NotPermitted(user, role, permission)
